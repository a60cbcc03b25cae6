/*
 * html.h — writing HTML that is safe and self-contained.
 *
 * Every piece of text that reaches the report goes through html_escape;
 * every chart goes through html_svg_inline, which keeps the drawing and
 * drops what an inline SVG must not carry (XML prolog, namespace URLs,
 * scripts), and makes its element ids unique in the page, or, if its
 * SVG is too large to inline, its PNG through html_png_inline.
 */
#ifndef HUIKUAN_HTML_H
#define HUIKUAN_HTML_H

#include <stddef.h>
#include <stdio.h>

/* Writes text with & < > " ' escaped (safe in content and attributes). */
void html_escape(FILE *out, const char *text);

/* Writes the <svg>...</svg> element of svg (length len) for inline use:
 * no prolog or doctype, no xmlns attributes, every id and every "#id"
 * reference prefixed with "prefix-", role="img", and its <title> (added
 * if missing) replaced by title. Returns 0; -1, writing nothing, if svg
 * has no <svg> element or holds a script, an event handler attribute,
 * foreignObject, an external reference or a javascript: URL. */
int html_svg_inline(FILE *out, const char *svg, size_t len, const char *prefix,
                    const char *title);

/* 1 if html_svg_inline() would write svg, 0 if it would refuse it. */
int html_svg_inlinable(const char *svg, size_t len);

/* Writes an <img> of the PNG image png (length len) as a data: URL
 * (base64), with title as its alt text. Returns 0; -1, writing nothing,
 * if png does not start with the PNG signature or memory runs out. */
int html_png_inline(FILE *out, const unsigned char *png, size_t len, const char *title);

/* value with decimals digits, thousands grouped by commas:
 * 1234567.891, 2 -> "1,234,567.89"; -0.004, 2 -> "0.00"; NaN -> "n/a". */
char *html_number(double value, int decimals, char *buf, size_t size);

#endif

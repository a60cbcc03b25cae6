/*
 * html.c — escaped text, inline SVG and PNG, grouped numbers (see html.h).
 *
 * The SVG rewriting is a single left-to-right pass over gnuplot's
 * output: it copies the text and changes only attribute values it
 * recognises (id, href="#...", url(#...)), so the drawing is untouched.
 */
#define _GNU_SOURCE
#include "huikuan/html.h"

#include <ctype.h>
#include <math.h>
#include <resolv.h>
#include <stdlib.h>
#include <string.h>

void html_escape(FILE *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
}

static const char *find_ci(const char *hay, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    for (size_t i = 0; i + n <= len; i++)
        if (strncasecmp(hay + i, needle, n) == 0)
            return hay + i;
    return NULL;
}

/* Anything that could run code or fetch something when inlined. */
static int unsafe(const char *svg, size_t len)
{
    static const char *const bad[] = {"<script", "javascript:", "<foreignobject",
                                      "<iframe", "<image", "href=\"http", "href='http",
                                      "href=\"//", "href='//", "url(http", "url(//",
                                      "@import"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (find_ci(svg, len, bad[i]))
            return 1;
    /* on...= event handler attributes */
    for (size_t i = 1; i + 3 < len; i++)
        if (isspace((unsigned char)svg[i - 1]) && tolower((unsigned char)svg[i]) == 'o' &&
            tolower((unsigned char)svg[i + 1]) == 'n' && isalpha((unsigned char)svg[i + 2])) {
            size_t j = i + 2;
            while (j < len && isalpha((unsigned char)svg[j]))
                j++;
            while (j < len && isspace((unsigned char)svg[j]))
                j++;
            if (j < len && svg[j] == '=')
                return 1;
        }
    return 0;
}

/* Copies the <svg ...> start tag at p, without xmlns attributes and with
 * role="img"; returns the position after its '>'. */
static const char *start_tag(FILE *out, const char *p, const char *end)
{
    fputs("<svg", out);
    p += 4;
    while (p < end && *p != '>') {
        while (p < end && isspace((unsigned char)*p))
            p++;
        if (p >= end || *p == '>' || *p == '/')
            break;
        const char *name = p;
        while (p < end && *p != '=' && *p != '>' && !isspace((unsigned char)*p))
            p++;
        size_t name_len = (size_t)(p - name);
        const char *value = p, *value_end = p;
        if (p < end && *p == '=') {
            p++;
            char q = p < end ? *p : '\0';
            if (q == '"' || q == '\'') {
                const char *close = memchr(p + 1, q, (size_t)(end - p - 1));
                value_end = close ? close + 1 : end;
            } else {
                while (p < end && !isspace((unsigned char)*p) && *p != '>')
                    p++;
                value_end = p;
            }
            value = value_end;
            p = value_end;
        }
        int drop = (name_len == 5 && strncmp(name, "xmlns", 5) == 0) ||
                   (name_len > 6 && strncmp(name, "xmlns:", 6) == 0) ||
                   (name_len == 4 && strncmp(name, "role", 4) == 0);
        if (!drop)
            fprintf(out, " %.*s", (int)(value - name), name);
    }
    while (p < end && *p != '>')
        p++;
    fputs(" role=\"img\">", out);
    return p < end ? p + 1 : end;
}

/* The last </svg> after the first <svg, or NULL if there is none. */
static const char *closing_tag(const char *svg, size_t len)
{
    const char *end = svg + len;
    const char *last = NULL;
    for (const char *q = find_ci(svg, len, "<svg"); q && q < end;) {
        const char *hit = find_ci(q, (size_t)(end - q), "</svg>");
        if (!hit)
            break;
        last = hit;
        q = hit + 6;
    }
    return last;
}

int html_svg_inlinable(const char *svg, size_t len)
{
    return closing_tag(svg, len) != NULL && !unsafe(svg, len);
}

int html_svg_inline(FILE *out, const char *svg, size_t len, const char *prefix,
                    const char *title)
{
    if (!html_svg_inlinable(svg, len))
        return -1;
    const char *end = closing_tag(svg, len) + 6;
    const char *p = start_tag(out, find_ci(svg, len, "<svg"), end);
    fputs("<title>", out);
    html_escape(out, title);
    fputs("</title>", out);
    int titled = 0;
    while (p < end) {
        char q;
        if (!titled && strncmp(p, "<title>", 7) == 0) {
            const char *close = find_ci(p, (size_t)(end - p), "</title>");
            if (close) {
                p = close + 8; /* the title written above replaces it */
                titled = 1;
                continue;
            }
        }
        if (isspace((unsigned char)p[0]) && end - p > 5 && strncmp(p + 1, "id=", 3) == 0 &&
            ((q = p[4]) == '"' || q == '\'')) {
            fprintf(out, "%cid=%c%s-", p[0], q, prefix);
            p += 5;
        } else if (end - p > 7 && strncmp(p, "href=", 5) == 0 &&
                   (p[5] == '"' || p[5] == '\'') && p[6] == '#') {
            fprintf(out, "href=%c#%s-", p[5], prefix);
            p += 7;
        } else if (end - p > 5 && strncmp(p, "url(#", 5) == 0) {
            fprintf(out, "url(#%s-", prefix);
            p += 5;
        } else {
            fputc(*p++, out);
        }
    }
    return 0;
}

int html_png_inline(FILE *out, const unsigned char *png, size_t len, const char *title)
{
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len < sizeof signature || memcmp(png, signature, sizeof signature) != 0)
        return -1;
    size_t cap = 4 * ((len + 2) / 3) + 1;
    char *text = malloc(cap);
    if (!text)
        return -1;
    int n = b64_ntop(png, len, text, cap); /* libresolv's encoder */
    if (n < 0) {
        free(text);
        return -1;
    }
    fputs("<img alt=\"", out);
    html_escape(out, title);
    fputs("\" src=\"data:image/png;base64,", out);
    fwrite(text, 1, (size_t)n, out);
    fputs("\">", out);
    free(text);
    return 0;
}

/* value to decimals places in plain, rounding half away from zero on
 * the shortest decimal that reads back as value (what the CSV files hold:
 * 47.250 days is 47.3, 2930.50 is 2,931), where printf rounds the binary
 * value half to even (47.2, 2,930). printf where that decimal has an
 * exponent. */
static void round_decimal(double value, int decimals, char *plain, size_t size)
{
    char shortest[40];
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(shortest, sizeof shortest, "%.*g", digits, value);
        if (strtod(shortest, NULL) == value)
            break;
    }
    const char *p = shortest + (shortest[0] == '-');
    const char *dot = strchr(p, '.');
    size_t int_len = dot ? (size_t)(dot - p) : strlen(p);
    const char *frac = dot ? dot + 1 : "";
    if (strchr(shortest, 'e') || decimals < 0 || int_len + (size_t)decimals + 4 > 40 ||
        strlen(frac) <= (size_t)decimals) {
        snprintf(plain, size, "%.*f", decimals, value); /* exact, or no such decimal */
        return;
    }
    /* The kept digits, one spare place in front for a carry. */
    char kept[48] = "0";
    memcpy(kept + 1, p, int_len);
    memcpy(kept + 1 + int_len, frac, (size_t)decimals);
    size_t n = 1 + int_len + (size_t)decimals;
    kept[n] = '\0';
    if (frac[decimals] >= '5')
        for (size_t i = n; i-- > 0;) {
            if (kept[i] < '9') {
                kept[i]++;
                break;
            }
            kept[i] = '0';
        }
    const char *lead = kept[0] == '0' && int_len > 0 ? kept + 1 : kept;
    size_t whole = strlen(lead) - (size_t)decimals;
    snprintf(plain, size, "%s%.*s%s%s", shortest[0] == '-' ? "-" : "", (int)whole, lead,
             decimals > 0 ? "." : "", lead + whole);
}

char *html_number(double value, int decimals, char *buf, size_t size)
{
    if (!isfinite(value)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    char plain[64];
    round_decimal(value, decimals, plain, sizeof plain);
    /* "-0.00" reads as a sign with no number behind it */
    if (plain[0] == '-' && strspn(plain + 1, "0.") == strlen(plain + 1))
        memmove(plain, plain + 1, strlen(plain));
    const char *digits = plain[0] == '-' ? plain + 1 : plain;
    size_t int_len = strcspn(digits, ".");
    char grouped[96];
    size_t j = 0;
    if (plain[0] == '-')
        grouped[j++] = '-';
    for (size_t i = 0; i < int_len; i++) {
        grouped[j++] = digits[i];
        size_t left = int_len - i - 1;
        if (left > 0 && left % 3 == 0)
            grouped[j++] = ',';
    }
    snprintf(grouped + j, sizeof grouped - j, "%s", digits + int_len);
    snprintf(buf, size, "%s", grouped);
    return buf;
}

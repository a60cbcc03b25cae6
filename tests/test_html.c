/* test_html.c — escaping, grouped numbers, and SVG made safe to inline. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "huikuan/html.h"
#include "tiny_png.h"

/* Runs html_svg_inline into a string; returns its status. */
static int inline_svg(const char *svg, const char *prefix, const char *title, char **text)
{
    size_t len = 0;
    FILE *m = open_memstream(text, &len);
    int rc = html_svg_inline(m, svg, strlen(svg), prefix, title);
    fclose(m);
    return rc;
}

static void escapes_every_special_character(void **state)
{
    (void)state;
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    html_escape(m, "a<b>&\"c\" 'd' 回款");
    fclose(m);
    assert_string_equal(text, "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; 回款");
    free(text);
}

static void groups_thousands(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(html_number(1234567.891, 2, buf, sizeof buf), "1,234,567.89");
    assert_string_equal(html_number(-1234567.891, 0, buf, sizeof buf), "-1,234,568");
    assert_string_equal(html_number(999.5, 0, buf, sizeof buf), "1,000");
    assert_string_equal(html_number(100, 0, buf, sizeof buf), "100");
    assert_string_equal(html_number(0.25, 3, buf, sizeof buf), "0.250");
    assert_string_equal(html_number(-0.004, 2, buf, sizeof buf), "0.00");
    assert_string_equal(html_number(NAN, 2, buf, sizeof buf), "n/a");
    assert_string_equal(html_number(INFINITY, 2, buf, sizeof buf), "n/a");
    /* Half away from zero on the decimal the files hold, not half to
     * even on the binary value (47.2, 2,930, 0.1 before). */
    assert_string_equal(html_number(47.25, 1, buf, sizeof buf), "47.3");
    assert_string_equal(html_number(2930.5, 0, buf, sizeof buf), "2,931");
    assert_string_equal(html_number(-2930.5, 0, buf, sizeof buf), "-2,931");
    assert_string_equal(html_number(0.15, 1, buf, sizeof buf), "0.2");
    assert_string_equal(html_number(0.05, 1, buf, sizeof buf), "0.1");
    assert_string_equal(html_number(9999.96, 1, buf, sizeof buf), "10,000.0");
    assert_string_equal(html_number(0.04999, 1, buf, sizeof buf), "0.0");
    assert_string_equal(html_number(-0.04, 1, buf, sizeof buf), "0.0");
    assert_string_equal(html_number(123456789012.345, 2, buf, sizeof buf), "123,456,789,012.35");
    assert_string_equal(html_number(1e22, 0, buf, sizeof buf), "10,000,000,000,000,000,000,000");
}

static void svg_is_inlined_with_unique_ids(void **state)
{
    (void)state;
    const char *svg =
        "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
        "<svg \n viewBox=\"0 0 600 400\"\n xmlns=\"http://www.w3.org/2000/svg\"\n"
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n"
        "<title>Gnuplot</title>\n<g id=\"gnuplot_canvas\">\n"
        "<defs><circle id='gpPt5' r='1'/><use xlink:href='#gpPt5' id='gpPt6'/></defs>\n"
        "<path clip-path=\"url(#clip1)\" d=\"M0,0\"/><text>valid=1 grid</text>\n"
        "</g>\n</svg>\n\n";
    char *out;
    assert_int_equal(inline_svg(svg, "c-aging", "Ageing <by age>", &out), 0);
    assert_true(strncmp(out, "<svg", 4) == 0);
    assert_null(strstr(out, "<?xml"));
    assert_null(strstr(out, "http"));
    assert_null(strstr(out, "xmlns"));
    assert_non_null(strstr(out, "viewBox=\"0 0 600 400\" role=\"img\">"));
    assert_non_null(strstr(out, "<title>Ageing &lt;by age&gt;</title>"));
    assert_null(strstr(out, "Gnuplot"));
    assert_non_null(strstr(out, "id=\"c-aging-gnuplot_canvas\""));
    assert_non_null(strstr(out, "id='c-aging-gpPt5'"));
    assert_non_null(strstr(out, "xlink:href='#c-aging-gpPt5' id='c-aging-gpPt6'"));
    assert_non_null(strstr(out, "url(#c-aging-clip1)"));
    assert_non_null(strstr(out, "<text>valid=1 grid</text>"));
    assert_true(strlen(out) > 6 && strcmp(out + strlen(out) - 6, "</svg>") == 0);
    free(out);
}

static void unsafe_svg_is_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "<svg><script>alert(1)</script></svg>",
        "<svg onload=\"alert(1)\"></svg>",
        "<svg><a href=\"javascript:x()\">x</a></svg>",
        "<svg><image href=\"http://example.org/x.png\"/></svg>",
        "<svg><use href=\"https://example.org/s.svg#a\"/></svg>",
        "<svg><style>@import 'x.css';</style></svg>",
        "<svg><foreignObject><p>x</p></foreignObject></svg>",
        "not an svg at all",
        "<svg viewBox=\"0 0 1 1\">unterminated",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out;
        assert_int_equal(inline_svg(bad[i], "p", "t", &out), -1);
        assert_string_equal(out, "");
        free(out);
        assert_false(html_svg_inlinable(bad[i], strlen(bad[i]))); /* said beforehand too */
    }
    assert_true(html_svg_inlinable("<svg><g/></svg>", 15));
}

/* Its base64 (as Python's base64 module gives it), alt text escaped; a
 * file that is not a PNG writes nothing. */
static void png_is_inlined_as_base64(void **state)
{
    (void)state;
    char *out = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&out, &len);
    assert_int_equal(html_png_inline(m, TINY_PNG, sizeof TINY_PNG - 1, "Rep pay <&>"), 0);
    fclose(m);
    assert_string_equal(out, "<img alt=\"Rep pay &lt;&amp;&gt;\" src=\"data:image/png;base64,"
                             "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAACklEQVR4nGMAAQAABQABDQottAAAAABJRU5ErkJggg==\">");
    free(out);
    m = open_memstream(&out, &len);
    assert_int_equal(html_png_inline(m, (const unsigned char *)"<svg></svg>", 11, "t"), -1);
    assert_int_equal(html_png_inline(m, TINY_PNG, 7, "t"), -1);
    fclose(m);
    assert_string_equal(out, "");
    free(out);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(escapes_every_special_character),
        cmocka_unit_test(groups_thousands),
        cmocka_unit_test(svg_is_inlined_with_unique_ids),
        cmocka_unit_test(unsafe_svg_is_refused),
        cmocka_unit_test(png_is_inlined_as_base64),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}

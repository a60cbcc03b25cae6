/* test_libm_inline.c — the inline fmax, fmin and llround give the C
 * library's results bit for bit; where C leaves the library the choice
 * (which of -0 and +0, which of two NaNs), the inline functions' own rule,
 * which is what x86-64 glibc does. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "huikuan/libm_inline.h"

/* Through pointers, so that the compiler calls the library and does not
 * fold or inline its own idea of the function. */
static double (*volatile library_fmax)(double, double) = fmax;
static double (*volatile library_fmin)(double, double) = fmin;
static long long (*volatile library_llround)(double) = llround;

static uint64_t bits_of(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

static double from_bits(uint64_t b)
{
    double x;
    memcpy(&x, &b, sizeof x);
    return x;
}

static const double SPECIAL[] = {
    0.0, -0.0, 1.0, -1.0, 0.2, 10.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5,
    0.49999999999999994, -0.49999999999999994, 0x1p52 - 0.5, -(0x1p52 - 0.5), 0x1p52, -0x1p52,
    0x1p52 + 1, 0x1p62, 0x1p63, -0x1p63, 9.2e18, 1e19, 1e300, -1e300, 5e-324, -5e-324,
    INFINITY, -INFINITY, NAN, -NAN};
enum { NSPECIAL = sizeof SPECIAL / sizeof SPECIAL[0] };

/* Special values, any bit pattern (a NaN made quiet, as arithmetic makes
 * them), and halves and near-halves of money-sized amounts. */
static double sample(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    uint64_t r = *state;
    switch (r % 3) {
    case 0:
        return SPECIAL[(r >> 8) % NSPECIAL];
    case 1: {
        double x = from_bits(r * UINT64_C(0x9E3779B97F4A7C15));
        return x == x ? x : from_bits(bits_of(x) | UINT64_C(0x0008000000000000));
    }
    default:
        return (double)(int64_t)((r >> 8) % 4000001 - 2000000) / 4.0 +
               (double)((int)((r >> 40) % 3) - 1) * 1e-13;
    }
}

/* ours is what the library gives for (a, b): to the bit, but where C
 * leaves the choice to the library (which zero of -0 and +0, which NaN
 * of two), there the inline function's own rule: the second of two
 * zeros, the first of two NaNs, which is what x86-64 glibc gives. */
static void assert_as_library(double ours, double library, double a, double b)
{
    if (a == 0 && b == 0 && signbit(a) != signbit(b)) {
        assert_true(library == 0);
        assert_true(bits_of(ours) == bits_of(b));
    } else if (a != a && b != b) {
        assert_true(library != library);
        assert_true(bits_of(ours) == bits_of(a));
    } else {
        assert_true(bits_of(ours) == bits_of(library));
    }
}

static void fmax_and_fmin_match_the_library(void **state)
{
    (void)state;
    for (int i = 0; i < NSPECIAL; i++)
        for (int j = 0; j < NSPECIAL; j++) {
            double a = SPECIAL[i], b = SPECIAL[j];
            assert_as_library(fmax_inline(a, b), library_fmax(a, b), a, b);
            assert_as_library(fmin_inline(a, b), library_fmin(a, b), a, b);
        }
    uint64_t s = 88172645463325252u;
    for (int k = 0; k < 1000000; k++) {
        double a = sample(&s), b = sample(&s);
        assert_as_library(fmax_inline(a, b), library_fmax(a, b), a, b);
        assert_as_library(fmin_inline(a, b), library_fmin(a, b), a, b);
    }
}

static void llround_matches_the_library(void **state)
{
    (void)state;
    /* Within 2^63, where llround is defined; beyond, it is the library's own. */
    for (int i = 0; i < NSPECIAL; i++)
        if (fabs(SPECIAL[i]) < 0x1p63)
            assert_int_equal(llround_inline(SPECIAL[i]), library_llround(SPECIAL[i]));
    uint64_t s = 2463534242u;
    for (int k = 0; k < 1000000; k++) {
        double x = sample(&s);
        if (fabs(x) < 0x1p63)
            assert_int_equal(llround_inline(x), library_llround(x));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fmax_and_fmin_match_the_library),
        cmocka_unit_test(llround_matches_the_library),
    };
    return cmocka_run_group_tests_name("libm_inline", tests, NULL, NULL);
}

/* Rounding: lrint/llrint/rint/nearbyint and arithmetic under all four fesetround
   modes, (int)/(unsigned)/(long long) casts (truncation), float<->int limits that are
   in range, and out-of-range conversions done through explicit range checks. */
#include <stdio.h>
#include <math.h>
#include <fenv.h>
#include <limits.h>
#include <stdint.h>

static volatile double one = 1.0;

static double opaque(double x) { __asm__ volatile("" : "+m"(x)); return x; }

static const struct { int mode; const char *name; } modes[] = {
    {FE_TONEAREST, "nearest"}, {FE_UPWARD, "upward"}, {FE_DOWNWARD, "downward"}, {FE_TOWARDZERO, "towardzero"},
};

/* Saturating conversion: checks happen in double, the cast only runs in range. */
static int32_t to_i32_sat(double d)
{
    if (d != d) return 0;
    if (d >= 2147483648.0) return INT32_MAX;
    if (d <= -2147483649.0) return INT32_MIN;
    return (int32_t)d;
}
static uint32_t to_u32_sat(double d)
{
    if (d != d || d <= -1.0) return 0;
    if (d >= 4294967296.0) return UINT32_MAX;
    return (uint32_t)d;
}
static int64_t to_i64_sat(double d)
{
    if (d != d) return 0;
    if (d >= 9223372036854775808.0) return INT64_MAX;
    if (d < -9223372036854775808.0) return INT64_MIN;
    return (int64_t)d;
}

int main(void)
{
    static const double xs[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999999999996, 3.7, -3.7, 1e15 + 0.5,
                                4503599627370495.5, -0.0, 2147483646.5};
    enum { NX = sizeof xs / sizeof xs[0] };
    printf("initial mode is nearest: %d\n", fegetround() == FE_TONEAREST);
    for (int m = 0; m < 4; m++) {
        /* volatile: keep every computation between the two fesetround calls */
        volatile long lr[NX]; volatile long long llr[NX]; volatile double rr[NX], nr[NX];
        volatile double div3, divm3, sum, prod, sq;
        volatile float fdiv;
        int ok = fesetround(modes[m].mode);
        int got = fegetround() == modes[m].mode;
        for (int i = 0; i < NX; i++) {
            lr[i] = i == 9 || i == 10 ? 0 : lrint(opaque(xs[i]));
            llr[i] = llrint(opaque(xs[i]));
            rr[i] = rint(opaque(xs[i]));
            nr[i] = nearbyint(opaque(xs[i]));
        }
        div3 = one / 3.0;
        divm3 = -one / 3.0;
        sum = 1e16 * one + 1.0;
        prod = 0.1 * one * 3.0;
        fdiv = (float)one / 3.0f;
        sq = sqrt(2.0 * one);
        fesetround(FE_TONEAREST);   /* print in the default mode */
        printf("mode %s: set=%d get=%d\n", modes[m].name, ok, got);
        for (int i = 0; i < NX; i++)
            printf("  x=%.17g lrint=%ld llrint=%lld rint=%.17g nearbyint=%.17g\n", xs[i], lr[i], llr[i], rr[i], nr[i]);
        printf("  1/3=%a -1/3=%a 1e16+1=%.17g 0.1*3=%a f1/3=%a sqrt2=%a\n", div3, divm3, sum, prod, (double)fdiv, sq);
    }
    printf("round=%g,%g,%g trunc=%g,%g floor=%g,%g ceil=%g,%g\n", round(opaque(2.5)), round(opaque(-2.5)),
           round(opaque(0.49999999999999994)), trunc(opaque(-3.9)), trunc(opaque(3.9)), floor(opaque(-0.5)),
           floor(opaque(7.999)), ceil(opaque(-0.5)), ceil(opaque(7.001)));
    printf("lround=%ld %ld llround=%lld\n", lround(opaque(2.5)), lround(opaque(-2.5)), llround(opaque(-4503599627370495.5)));

    static const double cs[] = {0.0, 0.9999, -0.9999, 3.99, -3.99, 2147483647.0, 2147483647.9, -2147483648.0,
                                -2147483648.9, 4294967295.0, 4294967295.5, 9007199254740993.0,
                                9.2233720368547748e18, -9.2233720368547758e18, 1.8446744073709550e19};
    for (unsigned i = 0; i < sizeof cs / sizeof cs[0]; i++) {
        double d = cs[i] * one;
        printf("cast %.17g:", d);
        if (d > -2147483649.0 && d < 2147483648.0) printf(" int=%d", (int)d);
        if (d > -1.0 && d < 4294967296.0) printf(" unsigned=%u", (unsigned)d);
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0) printf(" ll=%lld", (long long)d);
        if (d > -1.0 && d < 18446744073709551616.0) printf(" ull=%llu", (unsigned long long)d);
        printf(" float=%a\n", (double)(float)d);
    }
    static const double oor[] = {3e9, -3e9, 1e20, -1e20, 5e9, NAN, INFINITY, -INFINITY};
    for (unsigned i = 0; i < sizeof oor / sizeof oor[0]; i++)
        printf("saturating %g: i32=%d u32=%u i64=%lld\n", oor[i], to_i32_sat(oor[i]), to_u32_sat(oor[i]),
               (long long)to_i64_sat(oor[i]));

    static const float fs[] = {0.5f, -1.75f, 16777216.0f, 2147483520.0f, -2147483648.0f, 4294967040.0f, 1e10f};
    for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++) {
        volatile float f = fs[i];
        printf("float %.9g:", (double)f);
        if (f > -2147483904.0f && f < 2147483648.0f) printf(" int=%d", (int)f);
        if (f > -1.0f && f < 4294967296.0f) printf(" unsigned=%u", (unsigned)f);
        printf(" ll=%lld\n", (long long)f);
    }
    static volatile int32_t is[] = {0, 1, -1, 16777217, -16777217, INT32_MAX, INT32_MIN, 123456789};
    for (unsigned i = 0; i < sizeof is / sizeof is[0]; i++)
        printf("int %d -> float %.9g double %.17g unsigned->double %.17g\n", is[i], (double)(float)is[i], (double)is[i],
               (double)(uint32_t)is[i]);
    static volatile int64_t ls[] = {0, -1, 9007199254740993LL, INT64_MAX, INT64_MIN, -9007199254740993LL};
    for (unsigned i = 0; i < sizeof ls / sizeof ls[0]; i++)
        printf("ll %lld -> double %.17g float %.9g ull->double %.17g\n", (long long)ls[i], (double)ls[i],
               (double)(float)ls[i], (double)(uint64_t)ls[i]);
    return 0;
}

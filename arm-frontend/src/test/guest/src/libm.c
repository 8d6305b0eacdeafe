/* libm over a fixed set of arguments, every result printed with %.17g (and %a where
   exactness matters): sin cos tan exp log log10 pow atan2 atan asin acos sinh tanh cbrt
   hypot expm1 log1p, sqrt and fmod/remainder, modf, and float variants. */
#include <stdio.h>
#include <math.h>

static const double xs[] = {0.0, 1e-300, 1e-8, 0.1, 0.5, 1.0, 1.5707963267948966, 2.0, 3.141592653589793, 10.0,
                            100.0, 1e6, 1e22, -0.75, -7.5, 709.0, -745.0};
#define NX (sizeof xs / sizeof xs[0])

/* Hides a value from the optimiser so gcc cannot constant-fold the libm call (it
   would compute it with MPFR at compile time and libm would never run). */
static double opaque(double x) { __asm__ volatile("" : "+m"(x)); return x; }
static float opaquef(float x) { __asm__ volatile("" : "+m"(x)); return x; }

int main(void)
{
    for (unsigned i = 0; i < NX; i++) {
        double x = opaque(xs[i]);
        printf("x=%.17g\n", x);
        printf("  sin=%.17g cos=%.17g tan=%.17g\n", sin(x), cos(x), tan(x));
        printf("  exp=%.17g expm1=%.17g sinh=%.17g tanh=%.17g\n", exp(x), expm1(x), sinh(x), tanh(x));
        printf("  atan=%.17g cbrt=%.17g\n", atan(x), cbrt(x));
        if (x > 0) printf("  log=%.17g log10=%.17g log2=%.17g\n", log(x), log10(x), log2(x));
        if (x > -1) printf("  log1p=%.17g\n", log1p(x));
        if (x >= -1 && x <= 1) printf("  asin=%.17g acos=%.17g\n", asin(x), acos(x));
        if (x >= 0) printf("  sqrt=%.17g %a\n", sqrt(x), sqrt(x));
    }
    static const double pb[][2] = {{2, 10}, {2, 0.5}, {10, -3}, {-2, 3}, {-8, 1.0 / 3}, {0.5, 1074}, {1.0000001, 1e7},
                                   {3, 40}, {2, -1074}, {2, 1024}, {0, -1}, {-0.0, -3}, {1, NAN}, {NAN, 0}, {7, 0.5}};
    for (unsigned i = 0; i < sizeof pb / sizeof pb[0]; i++)
        printf("pow(%.17g,%.17g)=%.17g\n", pb[i][0], pb[i][1], pow(opaque(pb[i][0]), opaque(pb[i][1])));
    static const double yx[][2] = {{1, 1}, {1, -1}, {-1, -1}, {-1, 1}, {0, -1}, {-0.0, -1}, {0, 0}, {-0.0, -0.0},
                                   {1e-300, 1e300}, {3, 4}, {INFINITY, INFINITY}, {-INFINITY, 1}};
    for (unsigned i = 0; i < sizeof yx / sizeof yx[0]; i++)
        printf("atan2(%g,%g)=%.17g hypot=%.17g\n", yx[i][0], yx[i][1], atan2(opaque(yx[i][0]), opaque(yx[i][1])), hypot(opaque(yx[i][0]), opaque(yx[i][1])));
    static const double fm[][2] = {{10, 3}, {-10, 3}, {10, -3}, {5.5, 1.25}, {1e300, 3.7}, {0.1, 0.03}, {-0.0, 1},
                                   {7, INFINITY}, {1, 0}, {INFINITY, 2}, {6.5, 2}, {7.5, 2}};
    for (unsigned i = 0; i < sizeof fm / sizeof fm[0]; i++)
        printf("fmod(%g,%g)=%.17g remainder=%.17g\n", fm[i][0], fm[i][1], fmod(opaque(fm[i][0]), opaque(fm[i][1])),
               remainder(opaque(fm[i][0]), opaque(fm[i][1])));
    static const double sq[] = {2, 3, 0.25, 1e-310, 1e308, 4503599627370497.0, -0.0, INFINITY, -1};
    for (unsigned i = 0; i < sizeof sq / sizeof sq[0]; i++)
        printf("sqrt(%g)=%.17g %a\n", sq[i], sqrt(opaque(sq[i])), sqrt(opaque(sq[i])));
    double ip, fp = modf(opaque(-3.75), &ip);
    printf("modf(-3.75)=%g,%g\n", ip, fp);
    /* float variants */
    static const float fx[] = {0.1f, 1.0f, 2.5f, -3.0f, 100.0f};
    for (unsigned i = 0; i < sizeof fx / sizeof fx[0]; i++) {
        float f = opaquef(fx[i]);
        printf("f=%.9g sinf=%.9g cosf=%.9g expf=%.9g logf=%.9g sqrtf=%.9g powf=%.9g fmodf=%.9g\n", (double)f,
               (double)sinf(f), (double)cosf(f), (double)expf(f), (double)logf(fabsf(f)), (double)sqrtf(fabsf(f)),
               (double)powf(fabsf(f), 1.5f), (double)fmodf(f, 0.7f));
    }
    /* a summed series, so small differences accumulate visibly */
    double acc = 0;
    for (int k = 1; k <= 2000; k++)
        acc += sin(opaque(k * 0.001)) * exp(-k * 0.0005) + log(k) / k;
    printf("series=%.17g\n", acc);
    return 0;
}

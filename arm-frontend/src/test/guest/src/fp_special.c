/* Special values and denormals: printing of nan/-nan/inf/-inf, comparisons with NaN,
   signed zero, DBL_MIN/2 and FLT_MIN/2 printed with %a/%g/%e, gradual underflow,
   overflow to inf, classification macros. */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <string.h>
#include <stdint.h>

static volatile double zero = 0.0, one = 1.0, big = DBL_MAX, tiny = DBL_MIN;
static volatile float fzero = 0.0f, fone = 1.0f, ftiny = FLT_MIN;

static double opaque(double x) { __asm__ volatile("" : "+m"(x)); return x; }

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

static const char *cls(double d)
{
    switch (fpclassify(d)) {
    case FP_NAN: return "nan";
    case FP_INFINITE: return "inf";
    case FP_ZERO: return "zero";
    case FP_SUBNORMAL: return "subnormal";
    default: return "normal";
    }
}

int main(void)
{
    double inf = one / zero, ninf = -one / zero, qnan = zero / zero;
    double pnan = NAN, nnan = -NAN;
    printf("inf=%f -inf=%f %e %g %a\n", inf, ninf, inf, ninf, inf);
    printf("NAN=%f -NAN=%f %e %g\n", pnan, nnan, pnan, nnan);
    printf("0/0 bits=%016llx sign=%d\n", (unsigned long long)bits(qnan), signbit(qnan) ? 1 : 0);
    printf("[%8.3f] [%-8f] [%+f] [%F] [%E] [%G]\n", inf, ninf, pnan, inf, nnan, inf);
    printf("nan==nan %d nan!=nan %d nan<1 %d nan>1 %d isnan %d isinf %d %d\n", pnan == pnan, pnan != pnan,
           pnan < 1.0, pnan > 1.0, isnan(pnan) ? 1 : 0, isinf(ninf) ? 1 : 0, isinf(pnan) ? 1 : 0);
    printf("inf-inf isnan %d inf*0 isnan %d sqrt(-1) isnan %d\n", isnan(inf - inf) ? 1 : 0,
           isnan(inf * zero) ? 1 : 0, isnan(sqrt(-one)) ? 1 : 0);
    printf("fmax(nan,1)=%g fmin(1,nan)=%g\n", fmax(opaque(pnan), 1.0), fmin(1.0, opaque(pnan)));

    double nz = -zero;
    printf("-0.0 %f %g %a bits=%016llx signbit=%d equal=%d 1/-0=%f\n", nz, nz, nz,
           (unsigned long long)bits(nz), signbit(nz) ? 1 : 0, nz == 0.0, one / nz);
    printf("copysign(3,-0)=%g fabs(-0)=%g\n", copysign(3.0, nz), fabs(nz));

    double half_min = tiny / 2;
    printf("DBL_MIN=%a %g %.17g\n", tiny, tiny, tiny);
    printf("DBL_MIN/2=%a %g %.17e class=%s\n", half_min, half_min, half_min, cls(half_min));
    double dmin = tiny * DBL_EPSILON;
    printf("denorm min=%a %g %.17g class=%s bits=%016llx\n", dmin, dmin, dmin, cls(dmin), (unsigned long long)bits(dmin));
    printf("denorm min/2=%a class=%s\n", dmin / 2, cls(dmin / 2));
    printf("denorm min*1.5=%a (round to even)\n", dmin * 1.5);
    printf("denorm min*2.5=%a\n", dmin * 2.5);
    printf("DBL_MIN/3=%a DBL_MIN*0.75=%a\n", tiny / 3, tiny * 0.75);
    printf("subnormal sum %a product back %a\n", half_min + half_min, half_min * 4.0);
    printf("5e-324=%a 4e-320=%a %g\n", 5e-324, 4e-320, 4e-320);
    printf("DBL_MAX=%a %g %.17g\n", big, big, big);
    printf("DBL_MAX*2=%g DBL_MAX+DBL_MAX/2^54=%a\n", big * 2, big + big / 18014398509481984.0);
    printf("DBL_EPSILON=%a 1+eps/2==1 %d 1+eps==1 %d\n", DBL_EPSILON, one + DBL_EPSILON / 2 == one, one + DBL_EPSILON == one);

    float fhalf = ftiny / 2;
    printf("FLT_MIN=%a %g FLT_MIN/2=%a %g bits=%08x\n", (double)ftiny, (double)ftiny, (double)fhalf, (double)fhalf, fbits(fhalf));
    float fden = ftiny * FLT_EPSILON;
    printf("flt denorm min=%a %g bits=%08x /2 bits=%08x\n", (double)fden, (double)fden, fbits(fden), fbits(fden / 2));
    printf("FLT_MAX=%a FLT_MAX*2=%g float(1e39)=%g float(1e-46)=%g\n", (double)FLT_MAX, (double)(FLT_MAX * fone * 2.0f),
           (double)(float)(1e39 * one), (double)(float)(1e-46 * one));
    printf("float inf %f nan %f\n", (double)(fone / fzero), (double)(fzero / fzero));
    printf("(float)0.1=%.9g %a (double)(float)1/3=%.17g\n", (double)(float)(0.1 * one), (double)(float)(0.1 * one),
           (double)(float)(one / 3));
    printf("float(16777217)=%.1f float(16777219)=%.1f\n", (double)(float)(16777217 * one), (double)(float)(16777219 * one));

    double vals[] = {0.0, -0.0, 1.0, DBL_MIN, DBL_MIN / 2, DBL_MAX, INFINITY, NAN};
    for (int i = 0; i < 8; i++)
        printf("classify %a -> %s isnormal=%d isfinite=%d\n", vals[i], cls(vals[i]), isnormal(vals[i]) ? 1 : 0,
               isfinite(vals[i]) ? 1 : 0);
    /* ldexp/frexp across the denormal boundary */
    for (int e = -1020; e >= -1080; e -= 10) {
        int ex;
        double v = ldexp(opaque(1.375), e);
        double m = frexp(v, &ex);
        printf("ldexp(1.375,%d)=%a frexp m=%g e=%d\n", e, v, m, ex);
    }
    return 0;
}

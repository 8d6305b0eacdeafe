/* frexp ldexp modf rounding cbrt hypot expm1 log1p erf tgamma fma remainder nextafter ...; fenv exceptions and rounding modes; complex.h. */
#include <stdio.h>
#include <math.h>
#include <fenv.h>
#include <complex.h>
#include <float.h>
static volatile double V[] = {0.5, -2.75, 1e-310, 3.0, 1e300, -0.0, 7.5, 100.25};
int main(void) {
    for (int i = 0; i < 8; i++) {
        double x = V[i]; int e; double ip;
        double fr = frexp(x, &e); double mf = modf(x, &ip);
        printf("%g: frexp %.17g %d ldexp %.17g modf %.17g %.17g\n", x, fr, e, ldexp(fr, e), mf, ip);
        printf("  trunc %g round %g lround %ld llrint %lld rint %g nearbyint %g\n", trunc(x), round(x), (x < 1e18 && x > -1e18) ? lround(x) : 0L, (x < 1e18 && x > -1e18) ? llrint(x) : 0LL, rint(x), nearbyint(x));
        printf("  cbrt %.17g hypot %.17g expm1 %.17g log1p %.17g\n", cbrt(x), hypot(x, 3.0), expm1(x > 700 ? 1 : x), x > -1 ? log1p(x) : 0.0);
        printf("  erf %.17g erfc %.17g tgamma %.17g lgamma %.17g\n", erf(x), erfc(x), x > 0 && x < 170 ? tgamma(x) : 0.0, x > 0 ? lgamma(x) : 0.0);
        printf("  fma %.17g rem %.17g remquo %.17g fmod %.17g nextafter %.17g %a\n", fma(x, 3.0, 1.0), remainder(x, 0.7), ({int q; remquo(x, 0.7, &q);}), fmod(x, 0.7), nextafter(x, 1.0), nextafter(x, -INFINITY));
        printf("  copysign %g fdim %g fmax %g fmin %g logb %g ilogb %d scalbn %g\n", copysign(1.0, x), fdim(x, 1.0), fmax(x, 1.0), fmin(x, 1.0), x != 0 ? logb(x) : 0.0, x != 0 ? ilogb(x) : 0, scalbn(x, 3));
        printf("  exp2 %.17g log2 %.17g asinh %.17g acosh %.17g atanh %.17g sinh %.17g cosh %.17g\n", exp2(x > 1000 ? 1 : x), x > 0 ? log2(x) : 0.0, asinh(x), x >= 1 ? acosh(x) : 0.0, fabs(x) < 1 ? atanh(x) : 0.0, sinh(x > 700 ? 1 : x), cosh(x > 700 ? 1 : x));
    }
    float f = V[6]; printf("floats %.9g %.9g %.9g %.9g %.9g\n", sqrtf(f), cbrtf(f), expf(f), logf(f), powf(f, 1.5f));
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 0.0, one = 1.0, r;
    r = one / z; printf("divbyzero %d %d\n", !!fetestexcept(FE_DIVBYZERO), !!fetestexcept(FE_INVALID));
    feclearexcept(FE_ALL_EXCEPT); r = z / z; printf("invalid %d\n", !!fetestexcept(FE_INVALID));
    feclearexcept(FE_ALL_EXCEPT); r = one / 3.0; printf("inexact %d\n", !!fetestexcept(FE_INEXACT));
    feclearexcept(FE_ALL_EXCEPT); r = DBL_MAX * 2.0 * one; printf("overflow %d\n", !!fetestexcept(FE_OVERFLOW));
    feclearexcept(FE_ALL_EXCEPT); r = DBL_MIN / 3.0e10 * one; printf("underflow %d\n", !!fetestexcept(FE_UNDERFLOW));
    feclearexcept(FE_ALL_EXCEPT); feraiseexcept(FE_OVERFLOW | FE_INEXACT); printf("raised %d %d %d\n", !!fetestexcept(FE_OVERFLOW), !!fetestexcept(FE_INEXACT), !!fetestexcept(FE_DIVBYZERO));
    fexcept_t fl; fegetexceptflag(&fl, FE_ALL_EXCEPT); feclearexcept(FE_ALL_EXCEPT); fesetexceptflag(&fl, FE_OVERFLOW); printf("restored %d %d\n", !!fetestexcept(FE_OVERFLOW), !!fetestexcept(FE_INEXACT));
    int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (int i = 0; i < 4; i++) { fesetround(modes[i]); volatile double a = 2.0 / 3.0; volatile float b = 1.0f / 3.0f; int m = fegetround(); fesetround(FE_TONEAREST); printf("round %d %.17g %.9g\n", m == modes[i], a, b); }
    fenv_t env; fegetenv(&env); fesetround(FE_UPWARD); feholdexcept(&env); fesetenv(&env); printf("after fesetenv %d\n", fegetround() == FE_TONEAREST);
    double complex c1 = 1.0 + 2.0 * I, c2 = 3.0 - 1.5 * I;
    double complex s = c1 * c2, q = c1 / c2, e = cexp(c1), sq = csqrt(c2), lg = clog(c1), pw = cpow(c1, c2);
    printf("cmul %.17g %.17g\ncdiv %.17g %.17g\n", creal(s), cimag(s), creal(q), cimag(q));
    printf("cexp %.17g %.17g\ncsqrt %.17g %.17g\nclog %.17g %.17g\ncpow %.15g %.15g\n", creal(e), cimag(e), creal(sq), cimag(sq), creal(lg), cimag(lg), creal(pw), cimag(pw));
    printf("cabs %.17g carg %.17g conj %g\n", cabs(c1), carg(c1), cimag(conj(c1)));
    float complex fc = 1.5f + 0.5f * I; fc = fc * fc / (2.0f - I); printf("fcomplex %.9g %.9g\n", crealf(fc), cimagf(fc));
    long double complex lc = 1.0L + 1.0L * I; lc = lc * lc * lc; printf("lcomplex %Lg %Lg\n", creall(lc), cimagl(lc));
    return 0;
}

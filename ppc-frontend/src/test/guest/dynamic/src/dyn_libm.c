/* libm through the dynamic linker: every result printed with 17 significant digits, so a single
 * wrong bit shows. Inputs go through volatile so the compiler cannot fold the calls. */
#include <math.h>
#include <stdio.h>

static volatile double in[] = {0.0, -0.0, 0.5, 1.0, -1.5, 2.0, 3.141592653589793, 10.0, 1e-300, 1e300, -7.25, 123456.789};
#define N (int) (sizeof in / sizeof in[0])

int main(void) {
    for (int i = 0; i < N; i++) {
        double x = in[i];
        printf("x=%.17g\n", x);
        printf("  sin %.17g cos %.17g tan %.17g\n", sin(x), cos(x), tan(x));
        printf("  exp %.17g log %.17g log10 %.17g\n", exp(x), log(fabs(x)), log10(fabs(x)));
        printf("  sqrt %.17g cbrt %.17g\n", sqrt(fabs(x)), cbrt(x));
        printf("  pow %.17g pow2 %.17g\n", pow(fabs(x), 1.0 / 3.0), pow(x, 2.0));
        printf("  fmod %.17g remainder %.17g\n", fmod(x, 0.7), remainder(x, 0.7));
        printf("  atan2 %.17g hypot %.17g\n", atan2(x, 1.5), hypot(x, 3.0));
        printf("  lround %ld floor %.17g ceil %.17g trunc %.17g rint %.17g\n", lround(fmod(x, 1e9)), floor(x), ceil(x),
               trunc(x), rint(x));
        printf("  sinf %.9g expf %.9g sqrtf %.9g\n", (double) sinf((float) x), (double) expf((float) x),
               (double) sqrtf((float) fabs(x)));
    }
    volatile double t = 4.5;
    printf("tgamma %.17g lgamma %.17g erf %.17g\n", tgamma(t), lgamma(t), erf(t / 10));
    printf("frexp/ldexp %.17g\n", ldexp(0.75, 10));
    return 0;
}

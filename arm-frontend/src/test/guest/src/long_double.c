/* long double (IBM double-double on ppc32 glibc): printf %Lf %Le %Lg %La, strtold, sscanf %Lf, libm l-variants. */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <float.h>
#include <string.h>
static volatile long double vz = 0;
int main(void) {
    long double a = 1.0L / 3.0L, b = 2.0L;
    printf("%Lf %Le %Lg\n", a, a, a);
    printf("%.30Lf\n", a);
    printf("%.25Le\n", sqrtl(b));
    long double c = 1e300L; c *= 1e10L;
    printf("%Lg\n", c);
    long double s = 0; for (int i = 1; i <= 100; i++) s += 1.0L / i;
    printf("%.28Lg\n", s);
    long double x = strtold("3.14159265358979323846264338327950288", NULL);
    printf("%.32Lg\n", x);
    printf("%La\n", (long double)1.5);
    long double big = 1e16L; big += 1.0L; big += 0.5L;
    printf("%.2Lf\n", big);
    printf("%d %d\n", LDBL_MANT_DIG, (int)sizeof(long double));
    long double m = (long double)0x7fffffffffffffffLL;
    printf("%.0Lf\n", m);
    long long ll = (long long)(m - 1000.0L);
    printf("%lld\n", ll);
    printf("%.20Lg\n", powl(2.0L, 0.5L));
    printf("%.20Lg %.20Lg\n", expl(1.0L), logl(10.0L));
    printf("%Lg %Lg\n", 1.0L/vz, -1.0L/vz);
    char buf[64]; snprintf(buf, sizeof buf, "%10.3Lf|%-12.4Le|", -a, a*1000);
    puts(buf);
    long double r; sscanf("2.718281828459045235360287", "%Lf", &r); printf("%.25Lf\n", r);
    printf("%d %d %d\n", a < b, a == a, fabsl(-a) == a);
    printf("%.20Lg\n", fmodl(10.0L, 3.0L));
    printf("%.20Lg\n", floorl(-2.5L) + ceill(2.5L) + truncl(2.7L) + roundl(2.5L));
    return 0;
}

/* printf/strtod round trips: %.17g and %a re-parse to the identical double for
   many LCG-generated bit patterns and edge values; strtod of tricky inputs,
   strtof, hex floats, inf/nan spellings, ERANGE, and %f/%e/%g formatting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <math.h>
#include <float.h>

static uint64_t st = 88172645463325252ULL;
static uint64_t next(void) { st ^= st << 13; st ^= st >> 7; st ^= st << 17; return st; }

static double from_bits(uint64_t u) { double d; memcpy(&d, &u, 8); return d; }
static uint64_t to_bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }

int main(void)
{
    int ok17 = 0, okA = 0, okG = 0, total = 0;
    uint32_t digest = 0;
    for (int i = 0; i < 3000; i++) {
        double d = from_bits(next());
        if (isnan(d) || isinf(d)) continue;
        char b[64];
        total++;
        snprintf(b, sizeof b, "%.17g", d);
        for (char *p = b; *p; p++) digest = digest * 31u + (uint8_t)*p;
        if (to_bits(strtod(b, NULL)) == to_bits(d)) ok17++;
        snprintf(b, sizeof b, "%a", d);
        if (to_bits(strtod(b, NULL)) == to_bits(d)) okA++;
        snprintf(b, sizeof b, "%.15g", d);
        double back = strtod(b, NULL);
        snprintf(b, sizeof b, "%.15g", back);
        char c[64];
        snprintf(c, sizeof c, "%.15g", d);
        if (strcmp(b, c) == 0) okG++;
    }
    printf("random doubles=%d %%.17g roundtrip=%d %%a roundtrip=%d %%.15g stable=%d text digest=%u\n", total, ok17, okA,
           okG, digest);

    static const double edge[] = {0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e23, 5e-324, 2.2250738585072009e-308, DBL_MIN,
                                  DBL_MAX, 9007199254740993.0, 123456789012345678.0, 0.1 + 0.2, 1e-7, 123.456, -0.0};
    for (unsigned i = 0; i < sizeof edge / sizeof edge[0]; i++) {
        char b[64];
        snprintf(b, sizeof b, "%.17g", edge[i]);
        double back = strtod(b, NULL);
        printf("%s -> %a same=%d | %%e=%e %%g=%g %%f=%.3f\n", b, back, to_bits(back) == to_bits(edge[i]), edge[i], edge[i],
               edge[i]);
    }
    static const char *inputs[] = {"0", "-0", "1e308", "1.8e308", "-1.8e308", "1e-320", "1e-400", "2.4703282292062327e-324",
                                   "2.4703282292062328e-324", "0x1.8p1", "0X1P-1074", "inf", "-Infinity", "nan", "NAN(123)",
                                   "  +12.5e+2xyz", ".5", "5.", "1e", "e5", "0.1000000000000000055511151231257827",
                                   "9007199254740993", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.0"};
    for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        char *end;
        errno = 0;
        double d = strtod(inputs[i], &end);
        int e = errno;
        printf("strtod(\"%.40s\") = %a %.17g errno=%s consumed=%d\n", inputs[i], d, d, e == ERANGE ? "ERANGE" : e ? "other" : "0",
               (int)(end - inputs[i]));
    }
    static const char *finputs[] = {"0.1", "3.4028235e38", "3.5e38", "1e-45", "1e-50", "16777217", "0x1.fffffep127"};
    for (unsigned i = 0; i < sizeof finputs / sizeof finputs[0]; i++) {
        errno = 0;
        float f = strtof(finputs[i], NULL);
        printf("strtof(\"%s\") = %a %.9g errno=%s\n", finputs[i], (double)f, (double)f, errno == ERANGE ? "ERANGE" : "0");
    }
    printf("%.0f %.0f %.0f %.0f %.1f %.2f\n", 0.5, 1.5, 2.5, -0.5, 0.25, 1.005);
    printf("%.30f\n%.20e\n%.3e\n%g %g %g %g\n", 0.1, 1.0 / 7, 123456.0, 1e-5, 123456789.0, 1e-4, 100000.0);
    printf("%#g %#.3g %#x %08.2f %-9.3e| %+.2e\n", 1.0, 2.0, 0, -3.14159, 2.5e-10, 6.02e23);
    printf("%.400f\n", 5e-324 * 1e20);
    printf("%f\n", 1e300);
    return 0;
}

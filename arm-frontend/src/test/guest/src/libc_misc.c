/* printf/scanf formats (%n %* %a %j %z), asprintf, strtod/strtoll edges, varargs, strtok_r, GNU string functions, wide chars, big malloc/realloc/calloc/memalign, rand, setjmp in a loop, 64-bit division, getopt_long. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <wchar.h>
#include <locale.h>
#include <getopt.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdint.h>
#include <inttypes.h>
#include <ctype.h>
#include <wctype.h>
#include <libgen.h>
static long sumv(int n, ...) { va_list ap; va_start(ap, n); long s = 0; for (int i = 0; i < n; i++) s += va_arg(ap, int); va_end(ap); return s; }
static double sumd(int n, ...) { va_list ap; va_start(ap, n); double s = 0; for (int i = 0; i < n; i++) { s += va_arg(ap, double); s += va_arg(ap, long long); } va_end(ap); return s; }
static int rec(int depth, const char *fmt, ...) { char b[256]; va_list ap; va_start(ap, fmt); int n = vsnprintf(b, sizeof b, fmt, ap); va_end(ap); if (depth == 0) { puts(b); return n; } return rec(depth - 1, "%d<%s>", depth, b) + n; }
static int icmp(const void *a, const void *b) { int x = *(const int *)a, y = *(const int *)b; return (x > y) - (x < y); }
static jmp_buf jb;
int main(int argc, char **argv) {
    int n1 = 0; printf("%5d|%-5d|%05d|%+d|% d|%*d|%-*d|%.*f|%n\n", 42, 42, 42, 42, 42, 6, 7, 4, 8, 2, 3.14159, &n1); printf("n=%d\n", n1);
    printf("%'d %'ld\n", 1234567, 9876543210L);
    printf("%e %E %g %G %a %A\n", 12345.678, 0.000123, 1e-5, 1e20, 1.0, -0.1);
    printf("%.0e %.3g %#g %#x %#o %10.4s| %c%c\n", 15.5, 1234567.0, 1.0, 255, 8, "abcdefgh", 'o', 'k');
    printf("%jd %zu %td %" PRId64 " %" PRIx64 " %hhd %hu\n", (intmax_t)-5, (size_t)7, (ptrdiff_t)-3, INT64_MIN, UINT64_MAX, (signed char)200, (unsigned short)70000);
    char sb[16]; int w = snprintf(sb, sizeof sb, "%s-%d-%f", "truncation", 12345, 2.5); printf("snprintf %d [%s]\n", w, sb);
    char *as; asprintf(&as, "%d:%s", 99, "asp"); printf("asprintf %s\n", as); free(as);
    int a, b; char s[20]; float f; double d; int cnt = sscanf("  17 0x1f word 2.5e3 -7.25", "%d %i %19s %f %lf", &a, &b, s, &f, &d); printf("sscanf %d %d %d %s %g %g\n", cnt, a, b, s, f, d);
    cnt = sscanf("12abc", "%d%n%*s%n", &a, &b, &w); printf("sscanf2 %d %d %d %d\n", cnt, a, b, w);
    printf("strtod %g %g %g\n", strtod("  -1.5e-3xyz", NULL), strtod("0x1.8p3", NULL), strtod("infinity", NULL));
    char *end; long long ll = strtoll("-9223372036854775809", &end, 10); printf("strtoll %lld\n", ll);
    printf("strtoull %llu %lu\n", strtoull("18446744073709551615", NULL, 0), strtoul("-1", NULL, 10));
    printf("sumv %ld sumd %g\n", sumv(10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10), sumd(5, 1.5, 1LL, 2.5, 2LL, 3.5, 3LL, 4.5, 4LL, 5.5, 5LL));
    printf("rec %d\n", rec(5, "base%s", "!"));
    char tok[] = "a,b;;c, d", *save, *t; for (t = strtok_r(tok, ",;", &save); t; t = strtok_r(NULL, ",;", &save)) printf("[%s]", t); puts("");
    const char *hs = "hello world"; printf("memrchr %td strchrnul %td %d rawmemchr %td\n", (char *)memrchr(hs, 'o', 11) - hs, strchrnul(hs, 'z') - hs, *strchrnul(hs, 'z'), (char *)rawmemchr(hs, 'w') - hs);
    printf("strcasecmp %d strncasecmp %d strcasestr %s strndup %s stpcpy %d\n", strcasecmp("HeLLo", "hello") == 0, strncasecmp("abcX", "ABCy", 3) == 0, strcasestr(hs, "WOR"), strndup(hs, 4), (int)(stpcpy(s, "xyz") - s));
    printf("strverscmp %d %d basename %s\n", strverscmp("a2", "a10") < 0, strverscmp("1.9", "1.10") < 0, basename("/x/y/z.c"));
    printf("ffs %d %d popcount %d %d ctz %d clz %d clzll %d\n", ffs(0x80), ffsll(1LL << 40), __builtin_popcount(0xf0f0f0f1u), __builtin_popcountll(0xffffffffffULL), __builtin_ctz(0x100), __builtin_clz(0x1000), __builtin_clzll(0x100000000ULL));
    setlocale(LC_ALL, "C");
    wchar_t wb[64]; int wn = swprintf(wb, 64, L"%ls %d %5.2f", L"wide", 42, 3.14159); printf("swprintf %d wcslen %zu\n", wn, wcslen(wb));
    char mb[64]; printf("wcstombs %zu %s\n", wcstombs(mb, wb, sizeof mb), mb);
    wchar_t w2[32]; printf("mbstowcs %zu %lc %d\n", mbstowcs(w2, "ABCdef", 32), (wint_t)w2[2], wcscmp(w2, L"ABCdef"));
    printf("wcschr %td towupper %lc iswalpha %d wcstol %ld\n", wcschr(w2, L'd') - w2, (wint_t)towupper(L'q'), iswalpha(L'z') != 0, wcstol(L"  -321", NULL, 10));
    printf("ctype %d %d %d %d %d %c %c\n", isalpha('a') != 0, isdigit('5') != 0, isspace('\t') != 0, ispunct('!') != 0, isxdigit('G') != 0, toupper('m'), tolower('Q'));
    char *big = malloc(300 << 10); for (int i = 0; i < (300 << 10); i += 4096) big[i] = 1; printf("big %d\n", big[299008]);
    char *g = malloc(10); for (int i = 1; i <= 20; i++) { g = realloc(g, i * 8000); g[i * 8000 - 1] = (char)i; g[0] = 'R'; } printf("realloc %c %d\n", g[0], g[20 * 8000 - 1]); free(g); free(big);
    int *cz = calloc(40000, sizeof(int)); long zs = 0; for (int i = 0; i < 40000; i += 7) zs += cz[i]; printf("calloc %ld\n", zs); free(cz);
    void *al = memalign(4096, 100); void *pm; int pr = posix_memalign(&pm, 256, 1000); void *aa = aligned_alloc(64, 128);
    printf("memalign %d posix_memalign %d %d aligned_alloc %d usable>=100 %d\n", ((uintptr_t)al & 4095) == 0, pr, ((uintptr_t)pm & 255) == 0, ((uintptr_t)aa & 63) == 0, malloc_usable_size(al) >= 100);
    free(al); free(pm); free(aa);
    int arr[50]; srand(12345); for (int i = 0; i < 50; i++) arr[i] = rand() % 1000; qsort(arr, 50, sizeof(int), icmp);
    int key = arr[17]; int *found = bsearch(&key, arr, 50, sizeof(int), icmp); printf("rand first %d last %d found %d\n", arr[0], arr[49], found != NULL && *found == key);
    srand(1); int r1 = rand(); srand(1); printf("rand repeat %d %d\n", r1 == rand(), RAND_MAX);
    srandom(7); long rr = random(); printf("random %ld\n", rr);
    volatile int loops = 0; for (int i = 0; i < 100; i++) { if (setjmp(jb) == 0) { if (i % 2) longjmp(jb, i); } else loops++; } printf("setjmp loops %d\n", loops);
    long long xs = -7000000000LL; unsigned long long ux = 18000000000000000000ULL; printf("div64 %lld %lld %llu %llu %d\n", xs / 3, xs % 3, ux / 7, ux % 1000000007ULL, (int)(-7 / 2u > 0));
    int opt; optind = 1; char *av[] = {"prog", "-a", "-b", "val", "--long=xyz", "-c", "rest", NULL}; int ac = 7;
    struct option lo[] = {{"long", required_argument, 0, 'L'}, {0, 0, 0, 0}};
    while ((opt = getopt_long(ac, av, "ab:c", lo, NULL)) != -1) printf("opt %c %s\n", opt, optarg ? optarg : "-");
    printf("optind %d %s\n", optind, av[optind]);
    return 0;
}

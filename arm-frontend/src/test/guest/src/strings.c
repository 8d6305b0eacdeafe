/* string.h and stdlib.h: strtol/strtoul/strtoll with bases and overflow (errno),
   snprintf, sscanf, strstr, memmove, strtok, atoi, div... */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <ctype.h>
#include <limits.h>

static void t_strtol(const char *s, int base)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, base);
    int e = errno;
    printf("strtol(\"%s\",%d) = %ld errno=%s rest=\"%s\"\n", s, base, v,
           e == ERANGE ? "ERANGE" : e == 0 ? "0" : e == EINVAL ? "EINVAL" : "other", end);
}
static void t_strtoul(const char *s, int base)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, base);
    int e = errno;
    printf("strtoul(\"%s\",%d) = %lu errno=%s rest=\"%s\"\n", s, base, v,
           e == ERANGE ? "ERANGE" : e == 0 ? "0" : "other", end);
}
static void t_strtoll(const char *s, int base)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, base);
    int e = errno;
    printf("strtoll(\"%s\",%d) = %lld errno=%s rest=\"%s\"\n", s, base, v,
           e == ERANGE ? "ERANGE" : e == 0 ? "0" : "other", end);
}
static void t_strtoull(const char *s, int base)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, base);
    int e = errno;
    printf("strtoull(\"%s\",%d) = %llu errno=%s rest=\"%s\"\n", s, base, v,
           e == ERANGE ? "ERANGE" : e == 0 ? "0" : "other", end);
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    /* strtol family */
    t_strtol("12345", 10);
    t_strtol("  -42xyz", 10);
    t_strtol("+17", 10);
    t_strtol("0x1fG", 16);
    t_strtol("0x1f", 0);
    t_strtol("0777", 0);
    t_strtol("101101", 2);
    t_strtol("zz", 36);
    t_strtol("2147483647", 10);
    t_strtol("2147483648", 10);
    t_strtol("-2147483648", 10);
    t_strtol("-2147483649", 10);
    t_strtol("99999999999999999999", 10);
    t_strtol("", 10);
    t_strtol("abc", 10);
    t_strtoul("4294967295", 10);
    t_strtoul("4294967296", 10);
    t_strtoul("-1", 10);
    t_strtoul("ffffffff", 16);
    t_strtoll("9223372036854775807", 10);
    t_strtoll("9223372036854775808", 10);
    t_strtoll("-9223372036854775808", 10);
    t_strtoll("-0x8000000000000001", 0);
    t_strtoull("18446744073709551615", 10);
    t_strtoull("18446744073709551616", 10);
    t_strtoull("1777777777777777777777", 8);
    printf("atoi=%d atol=%ld atoll=%lld\n", atoi(" -314abc"), atol("271828"), atoll("-1234567890123"));

    /* snprintf: truncation and return value */
    char buf[16];
    int r = snprintf(buf, sizeof buf, "%s-%d-%x", "abcdefgh", 12345, 0xbeef);
    printf("snprintf r=%d buf=\"%s\"\n", r, buf);
    r = snprintf(buf, 1, "xyz");
    printf("snprintf size1 r=%d buf=\"%s\"\n", r, buf);
    r = snprintf(NULL, 0, "%08.3f|%lld", 3.14159, -99LL);
    printf("snprintf NULL r=%d\n", r);
    char big[128];
    snprintf(big, sizeof big, "%-6s|%6s|%06d|%.2s|%c", "ab", "cd", -12, "xyz", 'Q');
    printf("big=\"%s\"\n", big);

    /* sscanf */
    int a = 0, b = 0; unsigned x = 0; char word[32] = ""; double d = 0; long long ll = 0;
    int n = sscanf("  12 -7 ff hello 2.5e3 -9000000000", "%d %d %x %31s %lf %lld", &a, &b, &x, word, &d, &ll);
    printf("sscanf n=%d a=%d b=%d x=%u word=%s d=%.1f ll=%lld\n", n, a, b, x, word, d, ll);
    char c1 = 0; int pos = 0;
    n = sscanf("key=value;rest", "key=%31[^;];%n", word, &pos);
    printf("sscanf scanset n=%d word=%s pos=%d\n", n, word, pos);
    n = sscanf("abc", "%d", &a);
    printf("sscanf mismatch n=%d\n", n);
    n = sscanf("", "%d", &a);
    printf("sscanf empty n=%d\n", n);
    n = sscanf("Z9", "%c%d", &c1, &a);
    printf("sscanf %%c n=%d c=%c a=%d\n", n, c1, a);

    /* searching */
    const char *hay = "the quick brown fox jumps over the lazy dog";
    printf("strstr fox at %d\n", (int)(strstr(hay, "fox") - hay));
    printf("strstr cat %s\n", strstr(hay, "cat") ? "found" : "NULL");
    printf("strstr empty at %d\n", (int)(strstr(hay, "") - hay));
    printf("strchr o at %d, strrchr o at %d\n", (int)(strchr(hay, 'o') - hay), (int)(strrchr(hay, 'o') - hay));
    printf("strchr nul at %d\n", (int)(strchr(hay, '\0') - hay));
    printf("memchr z at %d\n", (int)((const char *)memchr(hay, 'z', strlen(hay)) - hay));
    printf("strspn=%zu strcspn=%zu strpbrk=%s\n", strspn("aabbcxyz", "abc"), strcspn("hello world", " "), strpbrk(hay, "xyz"));
    printf("strlen=%zu\n", strlen(hay));

    /* comparisons (sign only: the magnitude is unspecified) */
#define SGN(v) ((v) > 0 ? 1 : (v) < 0 ? -1 : 0)
    printf("strcmp %d %d %d\n", SGN(strcmp("abc", "abd")), SGN(strcmp("abc", "abc")), SGN(strcmp("b", "abc")));
    printf("strncmp %d %d\n", SGN(strncmp("abcdef", "abcxyz", 3)), SGN(strncmp("abcdef", "abcxyz", 4)));
    printf("memcmp %d %d\n", SGN(memcmp("\x80", "\x01", 1)), SGN(memcmp("same", "same", 4)));
    printf("strcasecmp %d\n", SGN(strcasecmp("HeLLo", "hello")));

    /* copying, overlap */
    char m[32] = "0123456789abcdef";
    memmove(m + 4, m, 10);
    printf("memmove fwd \"%s\"\n", m);
    strcpy(m, "0123456789abcdef");
    memmove(m, m + 5, 11);
    printf("memmove back \"%s\"\n", m);
    memset(m, '*', 5);
    printf("memset \"%s\"\n", m);
    char dst[32];
    memset(dst, 'X', sizeof dst);
    strncpy(dst, "abc", 6);
    printf("strncpy pad %d %d %d %c\n", dst[3], dst[4], dst[5], dst[6]);
    strcpy(dst, "foo");
    strcat(dst, "bar");
    strncat(dst, "bazqux", 3);
    printf("strcat \"%s\"\n", dst);
    char *dup = strdup("duplicated");
    printf("strdup \"%s\"\n", dup);
    free(dup);

    /* tokenising */
    char line[] = "alpha, beta,,gamma ;delta";
    for (char *t = strtok(line, ", ;"); t; t = strtok(NULL, ", ;"))
        printf("tok [%s]\n", t);

    /* ctype */
    char up[] = "Mixed Case 123!";
    for (char *p = up; *p; p++) *p = (char)toupper((unsigned char)*p);
    printf("toupper \"%s\" isdigit=%d isspace=%d isalpha=%d\n", up, !!isdigit('7'), !!isspace('\t'), !!isalpha('_'));

    /* stdlib arithmetic */
    div_t q = div(-17, 5);
    ldiv_t lq = ldiv(17L, -5L);
    lldiv_t llq = lldiv(-100000000000LL, 7LL);
    printf("div %d %d ldiv %ld %ld lldiv %lld %lld\n", q.quot, q.rem, lq.quot, lq.rem, llq.quot, llq.rem);
    printf("abs %d labs %ld llabs %lld\n", abs(-5), labs(-LONG_MAX), llabs(-LLONG_MAX));

    /* sort strings */
    const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "apple2", "Apple"};
    qsort(words, 7, sizeof words[0], cmpstr);
    for (int i = 0; i < 7; i++) printf("%s%c", words[i], i == 6 ? '\n' : ' ');
    return 0;
}

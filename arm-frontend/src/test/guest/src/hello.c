/* printf of integers and strings: widths, flags, bases, lengths. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>

int main(void)
{
    printf("hello, world\n");
    puts("puts line");
    putchar('!');
    putchar('\n');
    printf("%d %d %d %d\n", 0, 1, -1, 123456789);
    printf("%d %d\n", INT_MAX, INT_MIN);
    printf("%u %u\n", 0u, UINT_MAX);
    printf("%x %X %o %#x %#o\n", 0xdeadbeefu, 0xcafebabeu, 0777u, 255u, 8u);
    printf("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]\n", 42, 42, 42, 42, 42, -42);
    printf("[%.3d] [%8.3d] [%-8.3d]\n", 7, 7, -7);
    printf("%ld %lu %lx\n", LONG_MIN, ULONG_MAX, 0x7fffffffL);
    printf("%lld %lld %llu\n", LLONG_MIN, LLONG_MAX, ULLONG_MAX);
    printf("%llx %llo\n", 0x0123456789abcdefULL, 01234567012345670123ULL);
    printf("%hhd %hd %hhu %hu\n", (signed char)-128, (short)-32768, (unsigned char)255, (unsigned short)65535);
    printf("%" PRId64 " %" PRIu64 " %" PRIx32 "\n", (int64_t)-1234567890123LL, (uint64_t)9876543210ULL, (uint32_t)0xabcdu);
    printf("%zu %td\n", sizeof(long long), (ptrdiff_t)-5);
    printf("[%s] [%10s] [%-10s] [%.3s] [%*s] [%-*s]\n", "str", "right", "left", "truncate", 6, "star", 6, "star");
    printf("[%c%c%c] [%3c] [%-3c]\n", 'a', 'b', 'c', 'x', 'y');
    printf("%%literal percent%%\n");
    for (int i = 0; i < 10; i++)
        printf("%d:%d%c", i, i * i * i, i == 9 ? '\n' : ' ');
    long long acc = 1;
    for (int i = 1; i <= 20; i++) {
        acc *= i;
        printf("%d! = %lld\n", i, acc);
    }
    int n = printf("count me\n");
    printf("printf returned %d\n", n);
    fputs("fputs to stdout\n", stdout);
    fprintf(stdout, "fprintf %s %d\n", "done", 1);
    return 0;
}

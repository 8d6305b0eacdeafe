/* Deep recursion (100k+ frames, non-tail, not convertible to a loop),
   mutual recursion, and call-heavy recursion (fib, ackermann). */
#include <stdio.h>
#include <stdlib.h>

static unsigned mix[16];

__attribute__((noinline)) static unsigned deep(unsigned n)
{
    if (n == 0)
        return 1;
    unsigned r = deep(n - 1);
    mix[n & 15] ^= r;
    /* non-linear in r: gcc cannot turn this into an accumulator loop */
    return (r * 31u) ^ (r >> 7) ^ n;
}

__attribute__((noinline)) static int is_odd(unsigned n);
__attribute__((noinline)) static int is_even(unsigned n)
{
    if (n == 0) return 1;
    int r = is_odd(n - 1);
    mix[n & 15] += (unsigned)r;
    return r;
}
__attribute__((noinline)) static int is_odd(unsigned n)
{
    if (n == 0) return 0;
    int r = is_even(n - 1);
    mix[n & 15] += (unsigned)r * 3u;
    return r;
}

__attribute__((noinline)) static unsigned fib(unsigned n)
{
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

__attribute__((noinline)) static unsigned ack(unsigned m, unsigned n)
{
    if (m == 0) return n + 1;
    if (n == 0) return ack(m - 1, 1);
    return ack(m - 1, ack(m, n - 1));
}

/* a frame with a local array, indexed so it cannot be optimised away */
__attribute__((noinline)) static unsigned framed(unsigned n, unsigned seed)
{
    volatile unsigned local[8];
    for (int i = 0; i < 8; i++)
        local[i] = seed + (unsigned)i * n;
    if (n == 0)
        return seed;
    unsigned r = framed(n - 1, seed * 1103515245u + 12345u);
    return r ^ local[n & 7];
}

int main(int argc, char **argv)
{
    unsigned depth = argc > 1 ? (unsigned)strtoul(argv[1], 0, 10) : 100000;
    printf("deep(%u) = %u\n", depth, deep(depth));
    printf("deep(%u) = %u\n", depth / 2, deep(depth / 2));
    unsigned sum = 0;
    for (int i = 0; i < 16; i++)
        sum = sum * 7u + mix[i];
    printf("mix checksum = %u\n", sum);
    printf("is_even(%u) = %d\n", depth, is_even(depth));
    printf("is_odd(%u) = %d\n", depth + 1, is_odd(depth + 1));
    printf("fib(27) = %u\n", fib(27));
    printf("ack(2, 500) = %u\n", ack(2, 500));
    printf("ack(3, 6) = %u\n", ack(3, 6));
    printf("framed(20000) = %u\n", framed(20000, 1));
    return 0;
}

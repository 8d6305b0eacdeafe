/* Integer mix for the whole-process benchmark: hashing (FNV-1a, a CRC-32 table loop, xorshift),
 * sorting (an own quicksort plus qsort from libc), bit tricks (popcount, bit reversal, leading
 * zeros by hand) and 32/64-bit multiply/divide. Prints one checksum line, the same on every ISA.
 *   bench_int [ROUNDS]   (default 200; bench/report.sh gives each ISA build the count that makes
 *   about 2-3 s under qemu-user on the 2-core development machine) */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t xs = 2463534242u;
static uint32_t xorshift(void) { xs ^= xs << 13; xs ^= xs >> 17; xs ^= xs << 5; return xs; }

static uint32_t crc_table[256];
static void crc_init(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
}
static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xFFFFFFFFu;
    while (n--) c = crc_table[(c ^ *p++) & 0xFF] ^ (c >> 8);
    return ~c;
}
static uint32_t fnv1a(const uint8_t *p, size_t n) {
    uint32_t h = 2166136261u;
    while (n--) { h ^= *p++; h *= 16777619u; }
    return h;
}

static void quicksort(int32_t *a, int lo, int hi) {
    while (lo < hi) {
        int32_t pivot = a[lo + (hi - lo) / 2];
        int i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) { int32_t t = a[i]; a[i] = a[j]; a[j] = t; i++; j--; }
        }
        if (j - lo < hi - i) { quicksort(a, lo, j); lo = i; } else { quicksort(a, i, hi); hi = j; }
    }
}
static int cmp_u32(const void *x, const void *y) {
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static int popcount(uint32_t v) {
    v = v - ((v >> 1) & 0x55555555u);
    v = (v & 0x33333333u) + ((v >> 2) & 0x33333333u);
    return (int)((((v + (v >> 4)) & 0x0F0F0F0Fu) * 0x01010101u) >> 24);
}
static uint32_t reverse(uint32_t v) {
    v = ((v >> 1) & 0x55555555u) | ((v & 0x55555555u) << 1);
    v = ((v >> 2) & 0x33333333u) | ((v & 0x33333333u) << 2);
    v = ((v >> 4) & 0x0F0F0F0Fu) | ((v & 0x0F0F0F0Fu) << 4);
    v = ((v >> 8) & 0x00FF00FFu) | ((v & 0x00FF00FFu) << 8);
    return (v >> 16) | (v << 16);
}
static int clz_loop(uint32_t v) { int n = 0; if (!v) return 32; while (!(v & 0x80000000u)) { v <<= 1; n++; } return n; }

#define N 4096
static uint8_t buf[N * 4];
static int32_t arr[N];
static uint32_t arr2[N];

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 200;
    uint32_t sum = 0;
    uint64_t wide = 1;
    crc_init();
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < N * 4; i++) buf[i] = (uint8_t)xorshift();
        sum += crc32(buf, sizeof buf);
        sum ^= fnv1a(buf, sizeof buf);
        for (int i = 0; i < N; i++) { arr[i] = (int32_t)xorshift(); arr2[i] = xorshift() >> (i & 7); }
        quicksort(arr, 0, N - 1);
        for (int i = 1; i < N; i++) if (arr[i - 1] > arr[i]) { puts("quicksort broken"); return 1; }
        sum += (uint32_t)arr[N / 2];
        qsort(arr2, N, sizeof arr2[0], cmp_u32);
        sum += arr2[N / 3];
        for (int i = 0; i < N; i++) {
            uint32_t v = arr2[i] ^ (uint32_t)arr[i];
            sum += (uint32_t)popcount(v) + reverse(v) + (uint32_t)clz_loop(v);
            sum += v / ((uint32_t)i | 1u) + (uint32_t)((int32_t)v % 97);
            wide = wide * 6364136223846793005ull + v;
            sum ^= (uint32_t)(wide >> 32) + (uint32_t)(wide % 1000003u);
        }
    }
    printf("bench_int rounds=%d checksum=%08x\n", rounds, sum);
    return 0;
}

/* qsort of 200k LCG-generated ints (plus unsigned and 64-bit keys), bsearch. Prints checksums only. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

static uint32_t lcg_state = 12345;
static uint32_t lcg(void) { lcg_state = lcg_state * 1664525u + 1013904223u; return lcg_state; }

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_u64_desc(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x < y) - (x > y);
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 200000;
    int *a = malloc(sizeof(int) * (size_t)n);
    uint64_t *b = malloc(sizeof(uint64_t) * (size_t)n);
    if (!a || !b) { printf("malloc failed\n"); return 1; }
    uint32_t pre = 0;
    for (int i = 0; i < n; i++) {
        a[i] = (int)lcg();
        b[i] = (uint64_t)lcg() << 32 | lcg();
        pre = pre * 31u + (uint32_t)a[i];
    }
    printf("n=%d pre-sort checksum=%u\n", n, pre);
    qsort(a, (size_t)n, sizeof(int), cmp_int);
    qsort(b, (size_t)n, sizeof(uint64_t), cmp_u64_desc);
    int sorted = 1;
    uint32_t sum = 0;
    for (int i = 0; i < n; i++) {
        if (i > 0 && a[i - 1] > a[i]) sorted = 0;
        sum = sum * 31u + (uint32_t)a[i];
    }
    uint64_t sum64 = 0;
    int sorted64 = 1;
    for (int i = 0; i < n; i++) {
        if (i > 0 && b[i - 1] < b[i]) sorted64 = 0;
        sum64 = sum64 * 1000003u ^ b[i];
    }
    printf("int sorted=%d checksum=%u min=%d median=%d max=%d\n", sorted, sum, a[0], a[n / 2], a[n - 1]);
    printf("u64 desc sorted=%d checksum=%llu first=%016llx last=%016llx\n", sorted64,
           (unsigned long long)sum64, (unsigned long long)b[0], (unsigned long long)b[n - 1]);
    int found = 0;
    for (int i = 0; i < n; i += 97) {
        int key = a[i];
        if (bsearch(&key, a, (size_t)n, sizeof(int), cmp_int)) found++;
    }
    int missing = 0;
    for (int k = 0; k < 1000; k++) {
        int key = (int)lcg();
        if (!bsearch(&key, a, (size_t)n, sizeof(int), cmp_int)) missing++;
    }
    printf("bsearch found=%d missing=%d\n", found, missing);
    /* small sort with many duplicates */
    int small[50];
    for (int i = 0; i < 50; i++) small[i] = (int)(lcg() % 7) - 3;
    qsort(small, 50, sizeof(int), cmp_int);
    for (int i = 0; i < 50; i++) printf("%d%c", small[i], i == 49 ? '\n' : ' ');
    free(a);
    free(b);
    return 0;
}

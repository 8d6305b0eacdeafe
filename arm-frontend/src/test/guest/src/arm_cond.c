/* Branch-free and conditional-execution-heavy integer code as gcc emits it for ARM (movlt, rsbmi,
   addne, cmp/cmpne chains, predicated stores), 64-bit arithmetic in 32-bit registers (adds/adc,
   subs/sbc, umull/smull/umlal/smlal, 64-bit compares and shifts, __aeabi_ldivmod/__aeabi_uldivmod),
   and 32-bit division through __aeabi_idiv/__aeabi_uidivmod (ARMv5 has no divide instruction).
   Inputs come from an LCG and a volatile seed so nothing is folded at compile time.
   Prints values and checksums only; deterministic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <limits.h>

static volatile uint32_t seed_v = 0x12345678u;
static uint32_t lcg_state;
static uint32_t lcg(void) { lcg_state = lcg_state * 1664525u + 1013904223u; return lcg_state; }

static int32_t imin(int32_t a, int32_t b) { return a < b ? a : b; }
static int32_t imax(int32_t a, int32_t b) { return a > b ? a : b; }
static uint32_t umin(uint32_t a, uint32_t b) { return a < b ? a : b; }
static int32_t iabs(int32_t a) { return a < 0 ? (int32_t) (0u - (uint32_t) a) : a; }
static int32_t sign(int32_t a) { return a > 0 ? 1 : a < 0 ? -1 : 0; }
static int32_t clamp(int32_t v, int32_t lo, int32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

/* Euclid by subtraction: the textbook ARM conditional-execution loop (cmp; subgt; suble; bne). */
static uint32_t gcd_sub(uint32_t a, uint32_t b) {
    if (a == 0) return b;
    if (b == 0) return a;
    while (a != b) {
        if (a > b) a -= b; else b -= a;
    }
    return a;
}

static int32_t sat_add(int32_t a, int32_t b) {
    int32_t s = (int32_t) ((uint32_t) a + (uint32_t) b);
    if (((a ^ s) & (b ^ s)) < 0) s = a < 0 ? INT32_MIN : INT32_MAX;
    return s;
}

static int classify(int32_t x) {
    /* a switch-free cascade that gcc turns into cmp + conditional moves */
    int c = 0;
    if (x & 1) c |= 1;
    if (x < 0) c |= 2;
    if ((x & 0xff) == 0x80) c |= 4;
    if ((uint32_t) x > 0xc0000000u) c |= 8;
    if (x >= -100 && x <= 100) c |= 16;
    return c;
}

static uint32_t collatz_steps(uint32_t n) {
    uint32_t s = 0;
    while (n != 1 && s < 1000) {
        n = (n & 1) ? 3 * n + 1 : n >> 1;
        s++;
    }
    return s;
}

static uint64_t mul64(uint64_t a, uint64_t b) { return a * b; }
static int64_t smul32x32(int32_t a, int32_t b) { return (int64_t) a * b; }
static uint64_t umul32x32(uint32_t a, uint32_t b) { return (uint64_t) a * b; }
static uint64_t umac(uint64_t acc, uint32_t a, uint32_t b) { return acc + (uint64_t) a * b; }
static int64_t smac(int64_t acc, int32_t a, int32_t b) { return acc + (int64_t) a * b; }

static uint64_t isqrt64(uint64_t x) {
    uint64_t r = 0, bit = 1ull << 62;
    while (bit > x) bit >>= 2;
    while (bit) {
        if (x >= r + bit) { x -= r + bit; r = (r >> 1) + bit; } else r >>= 1;
        bit >>= 2;
    }
    return r;
}

int main(void) {
    lcg_state = seed_v;
    uint32_t h = 0;

    printf("min/max/abs/sign/clamp:\n");
    int32_t edge[] = {0, 1, -1, 7, -7, INT32_MAX, INT32_MIN, 100, -100, 255, -256};
    int ne = sizeof edge / sizeof edge[0];
    for (int i = 0; i < ne; i++) {
        int32_t a = edge[i], b = edge[(i + 3) % ne];
        printf("  %11d %11d: min %11d max %11d umin %10u abs %11d sign %2d clamp %4d sat %11d cls %2d\n",
               (int) a, (int) b, (int) imin(a, b), (int) imax(a, b), (unsigned) umin(a, b), (int) iabs(a),
               (int) sign(a), (int) clamp(a, -1000, 1000), (int) sat_add(a, b), classify(a));
    }
    for (int i = 0; i < 200000; i++) {
        int32_t a = (int32_t) lcg(), b = (int32_t) lcg();
        h = h * 31 + (uint32_t) imin(a, b);
        h = h * 31 + (uint32_t) imax(a, b);
        h = h * 31 + (uint32_t) iabs(a >> (i & 15));
        h = h * 31 + (uint32_t) sign(b);
        h = h * 31 + (uint32_t) clamp(a >> 16, -5000, 5000);
        h = h * 31 + (uint32_t) sat_add(a, b);
        h = h * 31 + (uint32_t) classify(a >> (i & 31));
    }
    printf("cond checksum %08x\n", (unsigned) h);

    printf("gcd:");
    uint32_t gs[][2] = {{0, 5}, {5, 0}, {12, 18}, {1071, 462}, {17, 13}, {1u << 20, 48}, {99991, 99991}};
    for (unsigned i = 0; i < sizeof gs / sizeof gs[0]; i++) printf(" %u", (unsigned) gcd_sub(gs[i][0], gs[i][1]));
    printf("\n");
    h = 0;
    for (int i = 0; i < 3000; i++) h += gcd_sub((lcg() & 0xffff) + 1, (lcg() & 0xffff) + 1);
    printf("gcd sum %u\n", (unsigned) h);

    h = 0;
    uint32_t longest = 0, arg = 0;
    for (uint32_t n = 1; n < 30000; n++) {
        uint32_t s = collatz_steps(n);
        h += s;
        if (s > longest) { longest = s; arg = n; }
    }
    printf("collatz total %u longest %u at %u\n", (unsigned) h, (unsigned) longest, (unsigned) arg);

    printf("division:\n");
    int32_t dv[] = {1, -1, 2, -2, 3, 7, -7, 10, 1000, -65536, INT32_MAX, INT32_MIN};
    int nd = sizeof dv / sizeof dv[0];
    for (int i = 0; i < nd; i++)
        for (int j = 0; j < nd; j += 3) {
            int32_t a = dv[i], b = dv[j];
            if (a == INT32_MIN && b == -1) continue;
            printf("  %d/%d=%d %%=%d u:%u %%=%u\n", (int) a, (int) b, (int) (a / b), (int) (a % b),
                   (unsigned) ((uint32_t) a / (uint32_t) b), (unsigned) ((uint32_t) a % (uint32_t) b));
        }
    h = 0;
    for (int i = 0; i < 50000; i++) {
        uint32_t a = lcg(), b = (lcg() >> (i & 31)) | 1;
        int32_t sa = (int32_t) a, sb = (int32_t) b;
        h = h * 33 + a / b + a % b;
        if (!(sa == INT32_MIN && sb == -1)) h = h * 33 + (uint32_t) (sa / sb) + (uint32_t) (sa % sb);
    }
    printf("div checksum %08x\n", (unsigned) h);

    printf("64-bit:\n");
    uint64_t u64[] = {0, 1, 0xffffffffull, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
                      0xffffffffffffffffull, 0x123456789abcdef0ull, 1000000007ull};
    int n64 = sizeof u64 / sizeof u64[0];
    for (int i = 0; i < n64; i++) {
        uint64_t a = u64[i], b = u64[(i + 4) % n64];
        int64_t sa = (int64_t) a, sb = (int64_t) b;
        printf("  %016llx %016llx + %016llx - %016llx * %016llx lt %d slt %d",
               (unsigned long long) a, (unsigned long long) b, (unsigned long long) (a + b),
               (unsigned long long) (a - b), (unsigned long long) mul64(a, b), a < b, sa < sb);
        if (b != 0) printf(" / %llu %% %llu", (unsigned long long) (a / b), (unsigned long long) (a % b));
        if (sb != 0 && !(sa == INT64_MIN && sb == -1)) printf(" s/ %lld s%% %lld", (long long) (sa / sb), (long long) (sa % sb));
        printf(" <<%d %016llx >>%d %016llx s>> %016llx\n", i * 7, (unsigned long long) (a << (i * 7)), i * 7,
               (unsigned long long) (a >> (i * 7)), (unsigned long long) (sa >> (i * 7)));
    }
    uint64_t acc = 0;
    int64_t sacc = 0;
    h = 0;
    for (int i = 0; i < 100000; i++) {
        uint32_t a = lcg(), b = lcg();
        acc = umac(acc, a, b);
        sacc = smac(sacc, (int32_t) a, (int32_t) b);
        uint64_t p = umul32x32(a, b);
        int64_t q = smul32x32((int32_t) a, (int32_t) b);
        h ^= (uint32_t) (p >> 32) ^ (uint32_t) q ^ (uint32_t) ((uint64_t) q >> 32);
        uint64_t big = ((uint64_t) a << 32) | b;
        uint64_t d = (b >> (i & 31)) | 1;
        h += (uint32_t) (big / d) + (uint32_t) (big % d);
        h += (uint32_t) (big >> (i & 63)) + (uint32_t) ((int64_t) big >> (i & 63)) + (uint32_t) (big << (i & 63) >> 32);
        h += big > ((uint64_t) b << 32) ? 1 : 0;
        h += (int64_t) big < (int64_t) acc ? 2 : 0;
    }
    printf("umac %016llx smac %016llx h %08x\n", (unsigned long long) acc, (unsigned long long) sacc, (unsigned) h);
    uint64_t sq[] = {0, 1, 2, 15, 16, 1000000, 0xffffffffull, 0xfffffffe00000001ull, 0xffffffffffffffffull};
    printf("isqrt:");
    for (unsigned i = 0; i < sizeof sq / sizeof sq[0]; i++) printf(" %llu", (unsigned long long) isqrt64(sq[i]));
    printf("\n");
    return 0;
}

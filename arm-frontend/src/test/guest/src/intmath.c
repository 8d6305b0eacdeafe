/* Integer edge cases: wrap-around via unsigned arithmetic, division/modulo signs,
   64-bit multiply/divide/modulo/shift (libgcc __divdi3, __udivdi3, __moddi3,
   __umoddi3, __ashldi3, __lshrdi3, __ashrdi3 on ppc32), byte order via unions,
   bit tricks (clz/ctz/popcount/bswap). Inputs go through volatile so nothing folds. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>
#include <string.h>

static volatile int32_t vi[] = {0, 1, -1, 7, -7, 13, -13, INT_MAX, INT_MIN, 123456789, -987654321};
static volatile int64_t vl[] = {0, 1, -1, 7, -7, 1000000007LL, -1000000007LL, INT64_MAX, INT64_MIN,
                                0x123456789abcdefLL, -0x7edcba9876543210LL, 4294967296LL, -4294967295LL};
static volatile uint64_t vu[] = {0, 1, 3, 0xffffffffULL, 0x100000000ULL, 0xffffffffffffffffULL,
                                 0x8000000000000000ULL, 0xdeadbeefcafebabeULL, 10000000000000000000ULL};
#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* gcc -O2 inlines 64-bit shifts and multiplies on ppc32, so these libgcc routines
   are called by name to make sure they run too. */
long long __ashldi3(long long, int);
long long __lshrdi3(long long, int);
long long __ashrdi3(long long, int);
long long __muldi3(long long, long long);
long long __negdi2(long long);
int __cmpdi2(long long, long long);
int __ucmpdi2(unsigned long long, unsigned long long);
int __clzdi2(unsigned long long);
int __ctzdi2(unsigned long long);

static int32_t wrap_add(int32_t a, int32_t b) { return (int32_t)((uint32_t)a + (uint32_t)b); }
static int32_t wrap_mul(int32_t a, int32_t b) { return (int32_t)((uint32_t)a * (uint32_t)b); }
static int32_t wrap_neg(int32_t a) { return (int32_t)(0u - (uint32_t)a); }

int main(void)
{
    /* 32-bit wrap-around through unsigned casts */
    printf("INT_MAX+1=%d INT_MIN-1=%d -INT_MIN=%d\n", wrap_add(vi[7], 1), wrap_add(vi[8], -1), wrap_neg(vi[8]));
    printf("INT_MAX*2=%d 123456789*987654321=%d\n", wrap_mul(vi[7], 2), wrap_mul(vi[9], 987654321));
    printf("0u-1=%u (uint8)300=%u (int8)200=%d (int16)40000=%d\n", 0u - 1u, (unsigned)(uint8_t)300,
           (int)(int8_t)(uint8_t)200, (int)(int16_t)(uint16_t)40000);

    /* 32-bit division and modulo (truncation toward zero), INT_MIN/-1 avoided */
    for (int i = 0; i < N(vi); i++) {
        for (int j = 0; j < N(vi); j++) {
            int32_t a = vi[i], b = vi[j];
            if (b == 0 || (a == INT_MIN && b == -1)) continue;
            printf("%d/%d=%d %%=%d u/=%u u%%=%u\n", a, b, a / b, a % b, (uint32_t)a / (uint32_t)b, (uint32_t)a % (uint32_t)b);
        }
    }
    /* mulhw / mulhwu equivalents */
    for (int i = 0; i < N(vi); i++) {
        int64_t p = (int64_t)vi[i] * (int64_t)vi[N(vi) - 1 - i];
        uint64_t up = (uint64_t)(uint32_t)vi[i] * (uint32_t)vi[N(vi) - 1 - i];
        printf("mul64 %d*%d=%lld umul=%llu hi=%d uhi=%u\n", vi[i], vi[N(vi) - 1 - i], (long long)p,
               (unsigned long long)up, (int32_t)(p >> 32), (uint32_t)(up >> 32));
    }

    /* 64-bit signed divide/modulo */
    for (int i = 0; i < N(vl); i++) {
        for (int j = 0; j < N(vl); j++) {
            int64_t a = vl[i], b = vl[j];
            if (b == 0 || (a == INT64_MIN && b == -1)) continue;
            printf("%lld/%lld=%lld %%=%lld\n", (long long)a, (long long)b, (long long)(a / b), (long long)(a % b));
        }
    }
    /* 64-bit unsigned divide/modulo/multiply */
    for (int i = 0; i < N(vu); i++) {
        for (int j = 0; j < N(vu); j++) {
            uint64_t a = vu[i], b = vu[j];
            printf("%llx*%llx=%llx", (unsigned long long)a, (unsigned long long)b, (unsigned long long)(a * b));
            if (b) printf(" /=%llu %%=%llu", (unsigned long long)(a / b), (unsigned long long)(a % b));
            printf("\n");
        }
    }
    /* 64-bit shifts by variable amounts */
    for (volatile int s = 0; s < 64; s += 7) {
        uint64_t u = vu[7];
        int64_t v = vl[10];
        printf("s=%d shl=%016llx lshr=%016llx ashr=%016llx\n", s, (unsigned long long)(u << s),
               (unsigned long long)(u >> s), (unsigned long long)(v >> s));
    }
    for (volatile int s = 0; s < 32; s += 5) {
        uint32_t u = 0x80000001u;
        int32_t v = INT_MIN + 5;
        printf("s=%d 32 shl=%08x lshr=%08x ashr=%08x rotl=%08x\n", s, u << s, u >> s, (uint32_t)(v >> s),
               (u << s) | (u >> ((32 - s) & 31)));
    }
    /* the same through libgcc entry points; "same" compares with the inline code */
    for (volatile int s = 0; s < 64; s += 9) {
        long long u = (long long)vu[7], v = vl[10];
        int same = __ashldi3(u, s) == (long long)((uint64_t)u << s) && __lshrdi3(u, s) == (long long)((uint64_t)u >> s) &&
                   __ashrdi3(v, s) == v >> s;
        printf("libgcc s=%d ashl=%016llx lshr=%016llx ashr=%016llx same=%d\n", s, (unsigned long long)__ashldi3(u, s),
               (unsigned long long)__lshrdi3(u, s), (unsigned long long)__ashrdi3(v, s), same);
    }
    for (int i = 0; i < N(vl); i++) {
        long long x = vl[i], y = vl[(i + 3) % N(vl)];
        printf("libgcc %lld*%lld=%lld neg=%lld cmp=%d ucmp=%d clz=%d ctz=%d\n", x, y, __muldi3(x, y), __negdi2(y),
               __cmpdi2(x, y), __ucmpdi2((unsigned long long)x, (unsigned long long)y), x ? __clzdi2((unsigned long long)x) : 64,
               x ? __ctzdi2((unsigned long long)x) : 64);
    }
    /* 64-bit compares and conversions */
    int64_t a = vl[3], b = vl[4];
    printf("cmp %d %d %d %d\n", a < b, a > b, (uint64_t)a < (uint64_t)b, vl[7] > vl[8]);
    printf("sext %lld zext %llu trunc %d\n", (long long)(int64_t)vi[4], (unsigned long long)(uint64_t)(uint32_t)vi[4], (int32_t)vl[9]);

    /* byte order via unions */
    union { uint32_t w; uint8_t b[4]; } u32 = {.w = 0x01020304u};
    union { uint64_t d; uint32_t w[2]; uint16_t h[4]; uint8_t b[8]; } u64 = {.d = 0x0102030405060708ULL};
    union { double d; uint32_t w[2]; } ud = {.d = 1.0};
    printf("u32 bytes %02x %02x %02x %02x -> %s-endian\n", u32.b[0], u32.b[1], u32.b[2], u32.b[3],
           u32.b[0] == 1 ? "big" : "little");
    printf("u64 words %08x %08x halves %04x %04x bytes[7]=%02x\n", u64.w[0], u64.w[1], u64.h[0], u64.h[3], u64.b[7]);
    printf("1.0 words %08x %08x\n", ud.w[0], ud.w[1]);
    unsigned char raw[8] = {0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88};
    uint32_t mid;
    uint16_t h16;
    memcpy(&mid, raw + 1, 4);   /* unaligned load */
    memcpy(&h16, raw + 3, 2);
    printf("unaligned u32=%08x u16=%04x\n", mid, h16);

    /* bit tricks */
    for (int i = 0; i < N(vu); i++) {
        uint64_t x = vu[i];
        uint32_t lo = (uint32_t)x;
        printf("x=%llx popcount=%d clz32=%d ctz32=%d bswap32=%08x bswap64=%016llx parity=%d\n",
               (unsigned long long)x, __builtin_popcountll(x), lo ? __builtin_clz(lo) : 32,
               lo ? __builtin_ctz(lo) : 32, __builtin_bswap32(lo), (unsigned long long)__builtin_bswap64(x),
               __builtin_parityll(x));
    }
    /* overflow builtins */
    int32_t r1, r2;
    int64_t r64;
    int o1 = __builtin_add_overflow(vi[7], 1, &r1);
    int o2 = __builtin_mul_overflow(vi[9], 100, &r2);
    int o3 = __builtin_sub_overflow(vl[8], (int64_t)1, &r64);
    printf("add_overflow %d (%d) mul_overflow %d (%d) sub_overflow64 %d (%lld)\n", o1, r1, o2, r2, o3, (long long)r64);
    /* carry chain: 128-bit add from 32-bit limbs */
    uint32_t x[4] = {0xffffffffu, 0xffffffffu, 0x12345678u, 0}, y[4] = {1, 0, 0xedcba987u, 5}, z[4];
    uint32_t carry = 0;
    for (int i = 0; i < 4; i++) { uint64_t s = (uint64_t)x[i] + y[i] + carry; z[i] = (uint32_t)s; carry = (uint32_t)(s >> 32); }
    printf("128-bit sum %08x %08x %08x %08x carry=%u\n", z[3], z[2], z[1], z[0], carry);
    return 0;
}

/* Plain C loops that gcc -O3 -mfpu=neon-vfpv4 auto-vectorises (build.sh; the float loops need
 * -funsafe-math-optimizations, as NEON float is flush-to-zero): element-wise arithmetic over
 * int8/16/32/64 and float arrays, multiply-accumulate, min/max, absolute difference, reductions,
 * clamps, shifts, byte swaps and reverses, int<->float conversions, interleaved structure arrays
 * (VLD2/3/4, VST2/3/4), on odd start addresses and lengths with tails. Each test prints a hash
 * of its output array and its scalar result; the golden is qemu-arm -cpu cortex-a15's output. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 1024
#define NI __attribute__((noinline))

static uint8_t buf_a[N * 16 + 64] __attribute__((aligned(16)));
static uint8_t buf_b[N * 16 + 64] __attribute__((aligned(16)));
static uint8_t buf_c[N * 16 + 64] __attribute__((aligned(16)));
static volatile int vlen = N, voff = 0;   /* keeps lengths and offsets unknown to the compiler */

static uint32_t seed = 2463534242u;
static uint32_t rnd(void) { seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5; return seed; }

static void fill(void) {
    for (int i = 0; i < (int) sizeof buf_a; i++) { buf_a[i] = rnd() >> 7; buf_b[i] = rnd() >> 11; buf_c[i] = 0; }
    /* a few edges: extreme values in every element size */
    for (int i = 0; i < 64; i += 8) { buf_a[i] = 0x80; buf_a[i + 1] = 0x7f; buf_b[i + 2] = 0xff; buf_b[i + 3] = 0; }
}

static uint32_t hash(const void *p, int n) {
    const uint8_t *b = p;
    uint32_t h = 2166136261u;
    for (int i = 0; i < n; i++) h = (h ^ b[i]) * 16777619u;
    return h;
}

static void report(const char *name, const void *out, int bytes, long long scalar) {
    printf("%-22s %08x %lld\n", name, (unsigned) hash(out, bytes), scalar);
}

/* ---- int8 ---- */
NI static void add_u8(uint8_t *d, const uint8_t *a, const uint8_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] + b[i]; }
NI static void mla_s8(int8_t *d, const int8_t *a, const int8_t *b, int n) { for (int i = 0; i < n; i++) d[i] += a[i] * b[i]; }
NI static void minmax_u8(uint8_t *lo, uint8_t *hi, const uint8_t *a, const uint8_t *b, int n) {
    for (int i = 0; i < n; i++) { lo[i] = a[i] < b[i] ? a[i] : b[i]; hi[i] = a[i] > b[i] ? a[i] : b[i]; }
}
NI static void absdiff_u8(uint8_t *d, const uint8_t *a, const uint8_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] - a[i]; }
NI static unsigned sad_u8(const uint8_t *a, const uint8_t *b, int n) {
    unsigned s = 0;
    for (int i = 0; i < n; i++) s += a[i] > b[i] ? a[i] - b[i] : b[i] - a[i];
    return s;
}
NI static unsigned sum_u8(const uint8_t *a, int n) { unsigned s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
NI static int sum_s8(const int8_t *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
NI static void avg_u8(uint8_t *d, const uint8_t *a, const uint8_t *b, int n) { for (int i = 0; i < n; i++) d[i] = (a[i] + b[i] + 1) >> 1; }
NI static void satadd_u8(uint8_t *d, const uint8_t *a, const uint8_t *b, int n) {
    for (int i = 0; i < n; i++) { unsigned s = a[i] + b[i]; d[i] = s > 255 ? 255 : s; }
}
NI static void shr_s8(int8_t *d, const int8_t *a, int n) { for (int i = 0; i < n; i++) d[i] = (a[i] >> 3) ^ (int8_t) (a[i] << 2); }
NI static void reverse_u8(uint8_t *d, const uint8_t *a, int n) { for (int i = 0; i < n; i++) d[i] = a[n - 1 - i]; }
NI static int count_eq_u8(const uint8_t *a, const uint8_t *b, int n) { int c = 0; for (int i = 0; i < n; i++) c += (a[i] & 7) == (b[i] & 7); return c; }
NI static uint8_t max_u8(const uint8_t *a, int n) { uint8_t m = 0; for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m; return m; }

/* ---- int16 ---- */
NI static void mla_s16(int16_t *d, const int16_t *a, const int16_t *b, int n) { for (int i = 0; i < n; i++) d[i] += a[i] * b[i]; }
NI static int dot_s16(const int16_t *a, const int16_t *b, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
NI static void clamp_s16(int16_t *d, const int32_t *a, int n) {
    for (int i = 0; i < n; i++) { int v = a[i] >> 12; d[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v; }
}
NI static void clamp_u8_from_s16(uint8_t *d, const int16_t *a, int n) {
    for (int i = 0; i < n; i++) { int v = a[i] >> 4; d[i] = v > 255 ? 255 : v < 0 ? 0 : v; }
}
NI static void minmax_s16(int16_t *d, const int16_t *a, const int16_t *b, int n) {
    for (int i = 0; i < n; i++) { int16_t lo = a[i] < b[i] ? a[i] : b[i], hi = a[i] > b[i] ? a[i] : b[i]; d[i] = (int16_t) (hi - (lo >> 1)); }
}
NI static void bswap_u16(uint16_t *d, const uint16_t *a, int n) { for (int i = 0; i < n; i++) d[i] = __builtin_bswap16(a[i]); }
NI static void widen_u8_u16(uint16_t *d, const uint8_t *a, const uint8_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] * 3 + b[i]; }
NI static void narrow_u16_u8(uint8_t *d, const uint16_t *a, int n) { for (int i = 0; i < n; i++) d[i] = a[i] >> 5; }
NI static void abs_s16(int16_t *d, const int16_t *a, int n) { for (int i = 0; i < n; i++) d[i] = a[i] < 0 ? -a[i] : a[i]; }
NI static void shl_var_u16(uint16_t *d, const uint16_t *a, const uint16_t *s, int n) { for (int i = 0; i < n; i++) d[i] = a[i] << (s[i] & 15); }

/* ---- int32 ---- */
NI static void add_mul_s32(int32_t *d, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] * 7 + b[i] * a[i] - (b[i] >> 2); }
NI static long long sum_s32(const int32_t *a, int n) { long long s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
NI static uint32_t xor_reduce(const uint32_t *a, int n) { uint32_t s = 0; for (int i = 0; i < n; i++) s ^= a[i] + (a[i] >> 7); return s; }
NI static void minmax_s32(int32_t *lo, int32_t *hi, const int32_t *a, const int32_t *b, int n) {
    for (int i = 0; i < n; i++) { lo[i] = a[i] < b[i] ? a[i] : b[i]; hi[i] = a[i] > b[i] ? a[i] : b[i]; }
}
NI static void bswap_u32(uint32_t *d, const uint32_t *a, int n) { for (int i = 0; i < n; i++) d[i] = __builtin_bswap32(a[i]); }
NI static void shifts_u32(uint32_t *d, const uint32_t *a, int n) { for (int i = 0; i < n; i++) d[i] = (a[i] >> 5) | (a[i] << 27); }
NI static void sra_s32(int32_t *d, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] >> (b[i] & 31); }
NI static void select_s32(int32_t *d, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] > b[i] ? a[i] - b[i] : b[i] & 0xff; }
NI static void reverse_u32(uint32_t *d, const uint32_t *a, int n) { for (int i = 0; i < n; i++) d[i] = a[n - 1 - i]; }
NI static uint32_t max_u32(const uint32_t *a, int n) { uint32_t m = 0; for (int i = 0; i < n; i++) m = a[i] > m ? a[i] : m; return m; }
NI static int32_t min_s32(const int32_t *a, int n) { int32_t m = 0x7fffffff; for (int i = 0; i < n; i++) m = a[i] < m ? a[i] : m; return m; }
NI static void widen_mul_s32(int64_t *d, const int32_t *a, const int32_t *b, int n) { for (int i = 0; i < n; i++) d[i] = (int64_t) a[i] * b[i]; }

/* ---- int64 ---- */
NI static void add_s64(int64_t *d, const int64_t *a, const int64_t *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] + b[i] - (a[i] >> 3); }
NI static uint64_t sum_u64(const uint64_t *a, int n) { uint64_t s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
NI static void bits_u64(uint64_t *d, const uint64_t *a, const uint64_t *b, int n) { for (int i = 0; i < n; i++) d[i] = (a[i] & ~b[i]) | (a[i] << 9) ^ (b[i] >> 17); }

/* ---- float ---- */
NI static void saxpy(float *y, const float *x, float a, int n) { for (int i = 0; i < n; i++) y[i] = a * x[i] + y[i]; }
NI static void fmul_add(float *d, const float *a, const float *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] * b[i] - d[i] * 0.5f; }
NI static float fsum(const float *a, int n) { float s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
NI static float fdot(const float *a, const float *b, int n) { float s = 0; for (int i = 0; i < n; i++) s += a[i] * b[i]; return s; }
NI static void fminmax(float *d, const float *a, const float *b, int n) { for (int i = 0; i < n; i++) d[i] = (a[i] < b[i] ? a[i] : b[i]) + (a[i] > b[i] ? a[i] : b[i]) * 0.25f; }
NI static void fabs_diff(float *d, const float *a, const float *b, int n) { for (int i = 0; i < n; i++) d[i] = __builtin_fabsf(a[i] - b[i]); }
NI static void fclamp(float *d, const float *a, int n) { for (int i = 0; i < n; i++) { float v = a[i] * 3.0f; d[i] = v > 100.0f ? 100.0f : v < -100.0f ? -100.0f : v; } }
NI static void i2f(float *d, const int32_t *a, int n) { for (int i = 0; i < n; i++) d[i] = (float) a[i] * (1.0f / 65536.0f); }
NI static void u2f(float *d, const uint32_t *a, int n) { for (int i = 0; i < n; i++) d[i] = (float) (a[i] >> 4); }
NI static void f2i(int32_t *d, const float *a, int n) { for (int i = 0; i < n; i++) d[i] = (int32_t) (a[i] * 1000.0f); }
NI static void f2u(uint32_t *d, const float *a, int n) { for (int i = 0; i < n; i++) d[i] = (uint32_t) (a[i] * a[i]); }
NI static void s16_to_f(float *d, const int16_t *a, int n) { for (int i = 0; i < n; i++) d[i] = a[i] * 0.125f; }
NI static void fcmp_count(int32_t *d, const float *a, const float *b, int n) { for (int i = 0; i < n; i++) d[i] = a[i] >= b[i] ? 1 : -1; }

/* ---- interleaved structures ---- */
struct c16 { int16_t re, im; };
struct rgb { uint8_t r, g, b; };
struct rgba { uint8_t r, g, b, a; };
struct cf { float re, im; };
struct v3 { int32_t x, y, z; };
struct v4 { uint16_t x, y, z, w; };
NI static void cmul16(struct c16 *d, const struct c16 *a, const struct c16 *b, int n) {
    for (int i = 0; i < n; i++) { d[i].re = (a[i].re * b[i].re - a[i].im * b[i].im) >> 8; d[i].im = (a[i].re * b[i].im + a[i].im * b[i].re) >> 8; }
}
NI static void rgb_to_gray(uint8_t *d, const struct rgb *p, int n) { for (int i = 0; i < n; i++) d[i] = (p[i].r * 77 + p[i].g * 151 + p[i].b * 28) >> 8; }
NI static void rgb_swap(struct rgb *d, const struct rgb *p, int n) { for (int i = 0; i < n; i++) { d[i].r = p[i].b; d[i].g = p[i].g ^ 0x55; d[i].b = p[i].r; } }
NI static void rgba_premul(struct rgba *d, const struct rgba *p, int n) {
    for (int i = 0; i < n; i++) { d[i].r = p[i].r * p[i].a >> 8; d[i].g = p[i].g * p[i].a >> 8; d[i].b = p[i].b * p[i].a >> 8; d[i].a = p[i].a; }
}
NI static void cfmul(struct cf *d, const struct cf *a, const struct cf *b, int n) {
    for (int i = 0; i < n; i++) { d[i].re = a[i].re * b[i].re - a[i].im * b[i].im; d[i].im = a[i].re * b[i].im + a[i].im * b[i].re; }
}
NI static void v3_scale(struct v3 *d, const struct v3 *a, int n) { for (int i = 0; i < n; i++) { d[i].x = a[i].x * 3; d[i].y = a[i].y - a[i].z; d[i].z = a[i].z ^ a[i].x; } }
NI static void v4_sum(uint16_t *d, const struct v4 *a, int n) { for (int i = 0; i < n; i++) d[i] = a[i].x + a[i].y * 2 + a[i].z * 3 + a[i].w * 4; }
NI static void deinterleave2(int32_t *e, int32_t *o, const int32_t *a, int n) { for (int i = 0; i < n; i++) { e[i] = a[2 * i]; o[i] = a[2 * i + 1] + 1; } }
NI static void interleave3(uint16_t *d, const uint16_t *x, const uint16_t *y, const uint16_t *z, int n) {
    for (int i = 0; i < n; i++) { d[3 * i] = x[i]; d[3 * i + 1] = y[i] + 1; d[3 * i + 2] = z[i] ^ 0x1234; }
}
NI static void interleave4_f(float *d, const float *x, const float *y, int n) {
    for (int i = 0; i < n; i++) { d[4 * i] = x[i]; d[4 * i + 1] = y[i]; d[4 * i + 2] = x[i] + y[i]; d[4 * i + 3] = x[i] * y[i]; }
}

/* lengths and offsets: full vectors, short tails and misaligned starts */
static const int lens[] = {1, 3, 7, 15, 16, 17, 31, 33, 100, 255, 1000, 1023};

static uint8_t *A(int off) { return buf_a + off + voff; }
static uint8_t *B(int off) { return buf_b + off + voff; }
static uint8_t *C(int off) { return buf_c + off + voff; }

int main(void) {
    fill();
    char name[64];
    for (unsigned li = 0; li < sizeof lens / sizeof *lens; li++) {
        int n = lens[li] * vlen / N;
        for (int off = 0; off < 4; off += 3) {   /* 0: aligned, 3: byte-misaligned; 1/2-byte offsets below */
            #define RUN(label, bytes, expr) do { memset(buf_c, 0x5a, sizeof buf_c); long long s_ = (expr); \
                snprintf(name, sizeof name, "%s/%d/%d", label, n, off); report(name, C(off), (bytes), s_); } while (0)
            RUN("add_u8", n, (add_u8(C(off), A(off), B(off + 1), n), 0));
            RUN("mla_s8", n, (mla_s8((int8_t *) C(off), (int8_t *) A(off + 5), (int8_t *) B(off), n), 0));
            RUN("minmax_u8", 2 * n, (minmax_u8(C(off), C(off) + n, A(off), B(off), n), 0));
            RUN("absdiff_u8", n, (absdiff_u8(C(off), A(off), B(off + 2), n), 0));
            RUN("sad_u8", 0, sad_u8(A(off), B(off + 7), n));
            RUN("sum_u8", 0, sum_u8(A(off + 1), n));
            RUN("sum_s8", 0, sum_s8((int8_t *) B(off), n));
            RUN("avg_u8", n, (avg_u8(C(off), A(off), B(off), n), 0));
            RUN("satadd_u8", n, (satadd_u8(C(off), A(off), B(off), n), 0));
            RUN("shr_s8", n, (shr_s8((int8_t *) C(off), (int8_t *) A(off), n), 0));
            RUN("reverse_u8", n, (reverse_u8(C(off), A(off), n), 0));
            RUN("count_eq_u8", 0, count_eq_u8(A(off), B(off), n));
            RUN("max_u8", 0, max_u8(B(off + 3), n));
            int o2 = off & ~1, o4 = off & ~3;   /* element-aligned starts, but not vector-aligned below */
            RUN("mla_s16", 2 * n, (mla_s16((int16_t *) C(o2 + 2), (int16_t *) A(o2), (int16_t *) B(o2 + 6), n), 0));
            RUN("dot_s16", 0, dot_s16((int16_t *) A(o2 + 2), (int16_t *) B(o2), n));
            RUN("clamp_s16", 2 * n, (clamp_s16((int16_t *) C(o2), (int32_t *) A(o4 + 4), n), 0));
            RUN("clamp_u8_s16", n, (clamp_u8_from_s16(C(off), (int16_t *) A(o2), n), 0));
            RUN("minmax_s16", 2 * n, (minmax_s16((int16_t *) C(o2), (int16_t *) A(o2 + 2), (int16_t *) B(o2), n), 0));
            RUN("bswap_u16", 2 * n, (bswap_u16((uint16_t *) C(o2), (uint16_t *) A(o2), n), 0));
            RUN("widen_u8_u16", 2 * n, (widen_u8_u16((uint16_t *) C(o2), A(off), B(off + 1), n), 0));
            RUN("narrow_u16_u8", n, (narrow_u16_u8(C(off), (uint16_t *) A(o2 + 2), n), 0));
            RUN("abs_s16", 2 * n, (abs_s16((int16_t *) C(o2), (int16_t *) B(o2), n), 0));
            RUN("shl_var_u16", 2 * n, (shl_var_u16((uint16_t *) C(o2), (uint16_t *) A(o2), (uint16_t *) B(o2), n), 0));
            RUN("add_mul_s32", 4 * n, (add_mul_s32((int32_t *) C(o4 + 4), (int32_t *) A(o4), (int32_t *) B(o4 + 8), n), 0));
            RUN("sum_s32", 0, sum_s32((int32_t *) A(o4 + 4), n));
            RUN("xor_reduce", 0, xor_reduce((uint32_t *) B(o4), n));
            RUN("minmax_s32", 8 * n, (minmax_s32((int32_t *) C(o4), (int32_t *) C(o4) + n, (int32_t *) A(o4), (int32_t *) B(o4 + 4), n), 0));
            RUN("bswap_u32", 4 * n, (bswap_u32((uint32_t *) C(o4), (uint32_t *) A(o4), n), 0));
            RUN("shifts_u32", 4 * n, (shifts_u32((uint32_t *) C(o4), (uint32_t *) B(o4), n), 0));
            RUN("sra_s32", 4 * n, (sra_s32((int32_t *) C(o4), (int32_t *) A(o4), (int32_t *) B(o4), n), 0));
            RUN("select_s32", 4 * n, (select_s32((int32_t *) C(o4), (int32_t *) A(o4), (int32_t *) B(o4), n), 0));
            RUN("reverse_u32", 4 * n, (reverse_u32((uint32_t *) C(o4), (uint32_t *) A(o4 + 4), n), 0));
            RUN("max_u32", 0, max_u32((uint32_t *) A(o4), n));
            RUN("min_s32", 0, min_s32((int32_t *) B(o4 + 4), n));
            RUN("widen_mul_s32", 8 * n, (widen_mul_s32((int64_t *) C(o4), (int32_t *) A(o4), (int32_t *) B(o4), n), 0));
            RUN("add_s64", 8 * n, (add_s64((int64_t *) C(o4), (int64_t *) A(o4 + 4), (int64_t *) B(o4), n), 0));
            RUN("sum_u64", 0, (long long) sum_u64((uint64_t *) A(o4), n));
            RUN("bits_u64", 8 * n, (bits_u64((uint64_t *) C(o4), (uint64_t *) A(o4), (uint64_t *) B(o4 + 4), n), 0));
            /* floats from small integers and fractions: finite, some denormal-free, exact where reassociated */
            float *fa = (float *) A(o4), *fb = (float *) B(o4 + 4), *fc = (float *) C(o4);
            for (int i = 0; i < n; i++) { fa[i] = (float) (int8_t) buf_a[i * 3] * 0.75f; fb[i] = (float) (int16_t) (buf_b[i] * 37 - 4000) / 64.0f; }
            RUN("saxpy", 4 * n, (memcpy(fc, fb, 4 * n), saxpy(fc, fa, 1.5f, n), 0));
            RUN("fmul_add", 4 * n, (memcpy(fc, fa, 4 * n), fmul_add(fc, fa, fb, n), 0));
            RUN("fsum", 0, (long long) (fsum(fb, n) * 64.0f));
            RUN("fdot", 0, (long long) (fdot(fa, fb, n) * 256.0f));
            RUN("fminmax", 4 * n, (fminmax(fc, fa, fb, n), 0));
            RUN("fabs_diff", 4 * n, (fabs_diff(fc, fa, fb, n), 0));
            RUN("fclamp", 4 * n, (fclamp(fc, fb, n), 0));
            RUN("i2f", 4 * n, (i2f(fc, (int32_t *) B(o4), n), 0));
            RUN("u2f", 4 * n, (u2f(fc, (uint32_t *) B(o4), n), 0));
            RUN("f2i", 4 * n, (f2i((int32_t *) C(o4), fb, n), 0));
            RUN("f2u", 4 * n, (f2u((uint32_t *) C(o4), fa, n), 0));
            RUN("s16_to_f", 4 * n, (s16_to_f(fc, (int16_t *) B(o2), n), 0));
            RUN("fcmp", 4 * n, (fcmp_count((int32_t *) C(o4), fa, fb, n), 0));
            fill();
            int m = n < 600 ? n : 600;   /* the structure arrays are up to 16 bytes per element */
            RUN("cmul16", 4 * m, (cmul16((struct c16 *) C(o2), (struct c16 *) A(o2), (struct c16 *) B(o2 + 2), m), 0));
            RUN("rgb_to_gray", m, (rgb_to_gray(C(off), (struct rgb *) A(off), m), 0));
            RUN("rgb_swap", 3 * m, (rgb_swap((struct rgb *) C(off), (struct rgb *) A(off + 1), m), 0));
            RUN("rgba_premul", 4 * m, (rgba_premul((struct rgba *) C(off), (struct rgba *) B(off), m), 0));
            float *sa = (float *) A(o4), *sb = (float *) B(o4);
            for (int i = 0; i < 2 * m; i++) { sa[i] = (float) ((int) (buf_c[i] & 63) - 20); sb[i] = (float) (i % 13) * 0.5f; }
            RUN("cfmul", 8 * m, (cfmul((struct cf *) C(o4), (struct cf *) sa, (struct cf *) sb, m), 0));
            fill();
            RUN("v3_scale", 12 * m, (v3_scale((struct v3 *) C(o4), (struct v3 *) A(o4), m), 0));
            RUN("v4_sum", 2 * m, (v4_sum((uint16_t *) C(o2), (struct v4 *) A(o2), m), 0));
            RUN("deinterleave2", 8 * m, (deinterleave2((int32_t *) C(o4), (int32_t *) C(o4) + m, (int32_t *) A(o4), m), 0));
            RUN("interleave3", 6 * m, (interleave3((uint16_t *) C(o2), (uint16_t *) A(o2), (uint16_t *) A(o2) + m, (uint16_t *) B(o2), m), 0));
            for (int i = 0; i < 2 * m; i++) { sa[i] = (float) (int8_t) buf_b[i] * 0.5f; }
            RUN("interleave4_f", 16 * m, (interleave4_f((float *) C(o4), sa, sa + m, m), 0));
        }
    }
    printf("done\n");
    return 0;
}

/* Auto-vectorised loops for the whole-process benchmark: portable C that gcc -O3 turns into NEON
 * for armhf (guests/build.sh: -mfpu=neon-vfpv4) and into SSE on the host. Per round, over arrays of
 * 4096 elements (cache-resident): a byte alpha blend, an int16 FIR tap sum, int32
 * multiply-add-shift, a float a*x+y with clamps, an RGB-to-grey over 3-byte pixels (VLD3) and an
 * int<->float conversion. Element-wise only (no float reductions) and -ffp-contract=off, so every
 * build prints the same checksum. Prints one checksum line.
 *   bench_vec [ROUNDS]   (default 100) */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4096

static uint8_t a8[N], b8[N], d8[N], rgb[3 * N];
static int16_t s16[N + 8], t16[N];
static int32_t a32[N], b32[N], d32[N];
static float fx[N], fy[N];

__attribute__((noinline)) static void blend(uint8_t *d, const uint8_t *a, const uint8_t *b, unsigned alpha, int n) {
    for (int i = 0; i < n; i++) d[i] = (uint8_t) ((a[i] * alpha + b[i] * (255 - alpha)) >> 8);
}
__attribute__((noinline)) static void fir4(int16_t *d, const int16_t *s, int n) {
    for (int i = 0; i < n; i++) d[i] = (int16_t) ((s[i] * 3 - s[i + 1] * 5 + s[i + 2] * 7 + s[i + 3] * 2) >> 4);
}
__attribute__((noinline)) static void madd32(int32_t *d, const int32_t *a, const int32_t *b, int k, int n) {
    for (int i = 0; i < n; i++) d[i] = ((int32_t) ((uint32_t) a[i] * (uint32_t) k + (uint32_t) b[i]) >> 3) ^ d[i];
}
__attribute__((noinline)) static void axpy_clamp(float *y, const float *x, float a, int n) {
    for (int i = 0; i < n; i++) { float v = a * x[i] + y[i] * 0.5f; y[i] = v > 1000.0f ? 1000.0f : v < -1000.0f ? -1000.0f : v; }
}
__attribute__((noinline)) static void grey(uint8_t *d, const uint8_t *p, int n) {
    for (int i = 0; i < n; i++) d[i] = (uint8_t) ((p[3 * i] * 77 + p[3 * i + 1] * 151 + p[3 * i + 2] * 28) >> 8);
}
__attribute__((noinline)) static void convert(int32_t *d, const float *x, const int16_t *s, int n) {
    for (int i = 0; i < n; i++) d[i] = (int32_t) ((uint32_t) d[i] + (uint32_t) (int32_t) (x[i] * 4.0f) + (uint32_t) (int32_t) ((float) s[i] * 0.25f));
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 100;
    uint32_t seed = 12345;
    for (int i = 0; i < N; i++) {
        seed = seed * 1103515245u + 12345u; a8[i] = seed >> 24; b8[i] = seed >> 16;
        s16[i] = (int16_t) (seed >> 8); a32[i] = (int32_t) seed; b32[i] = (int32_t) (seed >> 3);
        fx[i] = (float) ((int) (seed >> 20) - 2048) * 0.125f; fy[i] = 0;
        rgb[3 * i] = seed >> 9; rgb[3 * i + 1] = seed >> 13; rgb[3 * i + 2] = seed >> 21;
    }
    uint32_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        blend(d8, a8, b8, (unsigned) r & 255, N);
        grey(a8, rgb, N);
        fir4(t16, s16, N);
        madd32(d32, a32, b32, r | 1, N);
        axpy_clamp(fy, fx, 1.5f, N);
        convert(b32, fy, t16, N);
        rgb[r % (3 * N)] ^= d8[r & (N - 1)];
        s16[r & (N - 1)] ^= (int16_t) d32[r & (N - 1)];
        sum = sum * 31 + d8[r & (N - 1)] + (uint32_t) t16[(r * 7) & (N - 1)] + (uint32_t) d32[(r * 13) & (N - 1)] + (uint32_t) b32[(r * 5) & (N - 1)];
    }
    for (int i = 0; i < N; i++) { union { float f; uint32_t u; } v = { fy[i] }; sum = sum * 31 + v.u + d32[i] + b32[i] + t16[i] + d8[i]; }
    printf("bench_vec %d %08x\n", rounds, (unsigned) sum);
    return 0;
}

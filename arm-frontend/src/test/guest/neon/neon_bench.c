/* NEON kernels for measuring the lowering: ./neon_bench KERNEL ROUNDS; prints a checksum.
 * copy: vld1q/vst1q memcpy of 64 KiB; add64/add32/hadd: vaddq_u64 (plain IR), vaddq_u32 (SWAR helper),
 * vhaddq_u8 (lane-loop helper) over 16 KiB; fma: vmlaq_f32 (FP helper); scalar: the add32 kernel without NEON. */
#include <arm_neon.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint8_t src[65536] __attribute__((aligned(16))), dst[65536] __attribute__((aligned(16)));

int main(int argc, char **argv) {
    const char *k = argc > 1 ? argv[1] : "copy";
    int rounds = argc > 2 ? atoi(argv[2]) : 100;
    for (int i = 0; i < 65536; i++) src[i] = (uint8_t) (i * 2654435761u >> 13);
    uint64_t sum = 0;
    for (int r = 0; r < rounds; r++) {
        if (!strcmp(k, "copy")) {
            uint8_t *from = r & 1 ? dst : src, *to = r & 1 ? src : dst;   /* ping-pong: nothing to hoist */
            for (int i = 0; i < 65536; i += 64) {
                uint8x16_t a = vld1q_u8(from + i), b = vld1q_u8(from + i + 16), c = vld1q_u8(from + i + 32), d = vld1q_u8(from + i + 48);
                vst1q_u8(to + i, a); vst1q_u8(to + i + 16, b); vst1q_u8(to + i + 32, c); vst1q_u8(to + i + 48, d);
            }
            to[r & 65535] ^= 1;
            sum += dst[r & 65535];
        } else if (!strcmp(k, "add64") || !strcmp(k, "add32") || !strcmp(k, "hadd")) {
            uint8x16_t acc = vdupq_n_u8(r);
            for (int i = 0; i < 16384; i += 16) {
                uint8x16_t a = vld1q_u8(src + i);
                if (k[3] == '6') acc = vreinterpretq_u8_u64(vaddq_u64(vreinterpretq_u64_u8(acc), vreinterpretq_u64_u8(a)));
                else if (k[0] == 'a') acc = vreinterpretq_u8_u32(vaddq_u32(vreinterpretq_u32_u8(acc), vreinterpretq_u32_u8(a)));
                else acc = vhaddq_u8(acc, a);
            }
            sum += vgetq_lane_u64(vreinterpretq_u64_u8(acc), 0) ^ vgetq_lane_u64(vreinterpretq_u64_u8(acc), 1);
        } else if (!strcmp(k, "fma")) {
            float32x4_t acc = vdupq_n_f32(0);
            const float *f = (const float *) src;
            for (int i = 0; i < 4096; i += 4) acc = vmlaq_f32(acc, vld1q_f32(f + i), vdupq_n_f32(1.0009765625f));
            float o[4]; vst1q_f32(o, acc);
            sum += (uint64_t) (o[0] != o[0]) + (o[1] > 0);
        } else {
            uint32_t acc[4] = {r, r, r, r};
            for (int i = 0; i < 16384; i += 16) {
                const uint32_t *p = (const uint32_t *) (src + i);
                acc[0] += p[0]; acc[1] += p[1]; acc[2] += p[2]; acc[3] += p[3];
                __asm__ volatile("" : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]));
            }
            sum += acc[0] ^ acc[3];
        }
    }
    printf("%s %d %llu\n", k, rounds, (unsigned long long) sum);
    return 0;
}

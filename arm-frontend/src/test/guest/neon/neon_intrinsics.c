/* NEON intrinsics, one group per block, results printed as hex: the golden is qemu-arm -cpu cortex-a15's output.
 * Build: see build.sh beside this file. */
#include <arm_neon.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

static void p8(const char *n, uint8x8_t v) { uint8_t b[8]; vst1_u8(b, v); printf("%-10s", n); for (int i = 0; i < 8; i++) printf(" %02x", b[i]); printf("\n"); }
static void p16(const char *n, uint8x16_t v) { uint8_t b[16]; vst1q_u8(b, v); printf("%-10s", n); for (int i = 0; i < 16; i++) printf(" %02x", b[i]); printf("\n"); }
static void pf(const char *n, float32x4_t v) { float f[4]; vst1q_f32(f, v); printf("%-10s %a %a %a %a\n", n, f[0], f[1], f[2], f[3]); }

static volatile uint32_t seed = 12345;
static uint8_t rnd8(void) { seed = seed * 1103515245u + 12345u; return seed >> 16; }

int main(void) {
    uint8_t buf[80] __attribute__((aligned(16)));
    for (int i = 0; i < 80; i++) buf[i] = rnd8();
    /* moves, immediates, dup */
    p8("dup_n", vdup_n_u8(buf[3]));
    p16("movq", vreinterpretq_u8_u32(vdupq_n_u32(0x00ab0000)));
    p16("mvnq", vreinterpretq_u8_u16(vmvnq_u16(vdupq_n_u16(0x12))));
    uint8x8_t a = vld1_u8(buf + 1), b = vld1_u8(buf + 9);         /* unaligned loads */
    uint8x16_t qa = vld1q_u8(buf + 16), qb = vld1q_u8(buf + 32);
    p8("lane", vset_lane_u8(0x5a, a, 3));
    printf("getlane    %d %u\n", vget_lane_s16(vreinterpret_s16_u8(a), 2), vgetq_lane_u8(qa, 13));
    p8("duplane", vdup_lane_u8(b, 5));
    /* integer three-same */
    p16("add", vaddq_u8(qa, qb));
    p16("sub16", vreinterpretq_u8_u16(vsubq_u16(vreinterpretq_u16_u8(qa), vreinterpretq_u16_u8(qb))));
    p16("qadd_s8", vreinterpretq_u8_s8(vqaddq_s8(vreinterpretq_s8_u8(qa), vreinterpretq_s8_u8(qb))));
    p16("qsub_u8", vqsubq_u8(qa, qb));
    p16("hadd", vhaddq_u8(qa, qb));
    p16("rhadd_s", vreinterpretq_u8_s8(vrhaddq_s8(vreinterpretq_s8_u8(qa), vreinterpretq_s8_u8(qb))));
    p16("ceq", vceqq_u8(qa, qb));
    p16("cgt_s16", vreinterpretq_u8_u16(vcgtq_s16(vreinterpretq_s16_u8(qa), vreinterpretq_s16_u8(qb))));
    p16("max", vmaxq_u8(qa, qb));
    p16("min_s32", vreinterpretq_u8_s32(vminq_s32(vreinterpretq_s32_u8(qa), vreinterpretq_s32_u8(qb))));
    p16("mul16", vreinterpretq_u8_u16(vmulq_u16(vreinterpretq_u16_u8(qa), vreinterpretq_u16_u8(qb))));
    p16("mla32", vreinterpretq_u8_u32(vmlaq_u32(vreinterpretq_u32_u8(qa), vreinterpretq_u32_u8(qb), vreinterpretq_u32_u8(qa))));
    p8("padd", vpadd_u8(a, b));
    p16("tst", vtstq_u8(qa, qb));
    p16("abd", vabdq_u8(qa, qb));
    p16("aba", vabaq_u8(qa, qb, qa));
    p16("bsl", vbslq_u8(qa, qb, vdupq_n_u8(0x3c)));
    p16("orn", vornq_u8(qa, qb));
    p16("eor", veorq_u8(qa, qb));
    /* shifts, permutes, counts */
    p16("shr_s", vreinterpretq_u8_s16(vshrq_n_s16(vreinterpretq_s16_u8(qa), 5)));
    p16("rshr_u", vreinterpretq_u8_u32(vrshrq_n_u32(vreinterpretq_u32_u8(qa), 7)));
    p16("sra", vsraq_n_u8(qa, qb, 3));
    p16("shl", vshlq_n_u8(qa, 3));
    p16("sli", vsliq_n_u8(qa, qb, 2));
    p16("sri", vsriq_n_u8(qa, qb, 2));
    p8("shrn", vshrn_n_u16(vreinterpretq_u16_u8(qa), 4));
    p16("movl", vreinterpretq_u8_s16(vmovl_s8(vreinterpret_s8_u8(a))));
    p8("movn", vmovn_u16(vreinterpretq_u16_u8(qb)));
    p16("ext", vextq_u8(qa, qb, 5));
    p16("rev64", vrev64q_u8(qa));
    p16("rev32_16", vreinterpretq_u8_u16(vrev32q_u16(vreinterpretq_u16_u8(qa))));
    uint8x16x2_t z = vzipq_u8(qa, qb); p16("zip0", z.val[0]); p16("zip1", z.val[1]);
    uint16x8x2_t u = vuzpq_u16(vreinterpretq_u16_u8(qa), vreinterpretq_u16_u8(qb)); p16("uzp0", vreinterpretq_u8_u16(u.val[0]));
    uint32x4x2_t t = vtrnq_u32(vreinterpretq_u32_u8(qa), vreinterpretq_u32_u8(qb)); p16("trn1", vreinterpretq_u8_u32(t.val[1]));
    uint8x8x2_t tab = {{a, b}};
    p8("tbl", vtbl2_u8(tab, vand_u8(vld1_u8(buf + 40), vdup_n_u8(0x1f))));
    p8("tbx", vtbx1_u8(a, b, vand_u8(vld1_u8(buf + 48), vdup_n_u8(0x0f))));
    p16("cnt", vcntq_u8(qa));
    p16("clz16", vreinterpretq_u8_u16(vclzq_u16(vreinterpretq_u16_u8(vshrq_n_u8(qa, 2)))));
    p16("paddl", vreinterpretq_u8_u16(vpaddlq_u8(qa)));
    p16("abs_s8", vreinterpretq_u8_s8(vabsq_s8(vreinterpretq_s8_u8(qa))));
    /* structure-free loads/stores: lanes, all lanes, post-increment */
    uint8_t out[64];
    memset(out, 0, sizeof out);
    vst1q_lane_u32((uint32_t *) (out + 4), vreinterpretq_u32_u8(qa), 2);
    vst1_u8(out + 9, b);
    uint32x2_t ld = vld1_dup_u32((const uint32_t *) buf);
    vst1_u32((uint32_t *) (out + 24), ld);
    uint16x4_t ln = vld1_lane_u16((const uint16_t *) (buf + 6), vreinterpret_u16_u8(a), 1);
    vst1_u16((uint16_t *) (out + 40), ln);
    p16("out0", vld1q_u8(out)); p16("out16", vld1q_u8(out + 16)); p16("out32", vld1q_u8(out + 32));
    /* floats: standard FPSCR value (flush-to-zero, default NaN) */
    float fa[4] = {1.5f, -2.25f, 1e-40f, 3.0f}, fb[4] = {0.1f, 1e30f, 1e-39f, -0.0f};
    float32x4_t x = vld1q_f32(fa), y = vld1q_f32(fb);
    pf("fadd", vaddq_f32(x, y));
    pf("fmul", vmulq_f32(x, y));
    pf("fmla", vmlaq_f32(x, x, y));
    pf("ffma", vfmaq_f32(x, x, y));
    pf("fmax", vmaxq_f32(x, y));
    pf("fabd", vabdq_f32(x, y));
    p16("fcge", vreinterpretq_u8_u32(vcgeq_f32(x, y)));
    p16("cvt_s32", vreinterpretq_u8_s32(vcvtq_s32_f32(vmulq_f32(x, vdupq_n_f32(1e9f)))));
    pf("cvt_f32", vcvtq_f32_u32(vreinterpretq_u32_u8(qa)));
    /* structure lanes and all lanes, on odd addresses */
    uint8x8x2_t l2 = vld2_lane_u8(buf + 3, tab, 6); p8("ld2lane0", l2.val[0]); p8("ld2lane1", l2.val[1]);
    uint16x8x3_t l3 = {{vreinterpretq_u16_u8(qa), vreinterpretq_u16_u8(qb), vreinterpretq_u16_u8(qa)}};
    l3 = vld3q_lane_u16((const uint16_t *) (buf + 10), l3, 5); p16("ld3lane2", vreinterpretq_u8_u16(l3.val[2]));
    uint32x2x4_t l4 = {{vreinterpret_u32_u8(a), vreinterpret_u32_u8(b), vreinterpret_u32_u8(a), vreinterpret_u32_u8(b)}};
    l4 = vld4_lane_u32((const uint32_t *) (buf + 20), l4, 1); p8("ld4lane3", vreinterpret_u8_u32(l4.val[3]));
    uint16x4x2_t d2 = vld2_dup_u16((const uint16_t *) (buf + 5)); p8("ld2dup1", vreinterpret_u8_u16(d2.val[1]));
    uint8x8x3_t d3 = vld3_dup_u8(buf + 7); p8("ld3dup2", d3.val[2]);
    uint32x2x4_t d4 = vld4_dup_u32((const uint32_t *) (buf + 12)); p8("ld4dup3", vreinterpret_u8_u32(d4.val[3]));
    memset(out, 0, sizeof out);
    vst2_lane_u8(out + 1, tab, 4);
    vst3q_lane_u16((uint16_t *) (out + 5), l3, 7);
    vst4_lane_u32((uint32_t *) (out + 13), l4, 0);
    p16("stlanes0", vld1q_u8(out)); p16("stlanes16", vld1q_u8(out + 16));
    /* saturating doubling long by scalar, long shift by the element size */
    int16x4_t s16 = vreinterpret_s16_u8(a), t16 = vreinterpret_s16_u8(b);
    int32x2_t s32 = vreinterpret_s32_u8(a), t32 = vreinterpret_s32_u8(b);
    p16("qdmull_l", vreinterpretq_u8_s32(vqdmull_lane_s16(s16, t16, 2)));
    p16("qdmlal_l", vreinterpretq_u8_s64(vqdmlal_lane_s32(vreinterpretq_s64_u8(qa), s32, t32, 1)));
    p16("qdmlsl_n", vreinterpretq_u8_s32(vqdmlsl_n_s16(vreinterpretq_s32_u8(qb), s16, -32768)));
    p16("shll8", vreinterpretq_u8_u16(vshll_n_u8(a, 8)));
    p16("shll32", vreinterpretq_u8_s64(vshll_n_s32(s32, 32)));
    /* estimates, Newton-Raphson steps, fixed point, compares with zero */
    float fc[4] = {3.0f, -0.7f, 1e-39f, 65536.5f};
    float32x4_t w = vld1q_f32(fc);
    pf("recpe", vrecpeq_f32(w));
    pf("rsqrte", vrsqrteq_f32(vabsq_f32(w)));
    pf("recps", vrecpsq_f32(w, vrecpeq_f32(w)));
    pf("rsqrts", vrsqrtsq_f32(w, x));
    p16("recpe_u", vreinterpretq_u8_u32(vrecpeq_u32(vreinterpretq_u32_u8(qa))));
    p16("rsqrte_u", vreinterpretq_u8_u32(vrsqrteq_u32(vreinterpretq_u32_u8(qb))));
    p16("cvt_n_s", vreinterpretq_u8_s32(vcvtq_n_s32_f32(w, 12)));
    pf("cvt_n_f", vcvtq_n_f32_u32(vreinterpretq_u32_u8(qa), 20));
    uint32x4_t c0, c1;   /* gcc folds vcgtq_f32(w, 0) into scalar code: the #0 forms spelled out */
    __asm__("vcgt.f32 %q0, %q1, #0" : "=w"(c0) : "w"(w));
    __asm__("vcle.f32 %q0, %q1, #0" : "=w"(c1) : "w"(w));
    p16("cgt0", vreinterpretq_u8_u32(c0));
    p16("cle0", vreinterpretq_u8_u32(c1));
    /* the estimate tables: every 9-bit mantissa prefix, both exponent parities, edges of the range */
    uint32_t hr = 0, hs = 0, hu = 0, hv = 0;
    for (uint32_t i = 0; i < 4096; i++) {
        uint32_t bits[4] = {(i & 511) << 14 | (i >> 9) << 23 | 0x3f000000u ^ (i >> 9 & 1) << 23,
                            (i << 11) | 0x00800000u * (1 + (i >> 4)), 0x80000000u | i << 19, 0x40000000u + i * 0x3ffff7u};
        uint32x4_t v = vld1q_u32(bits);
        uint32x4_t r = vreinterpretq_u32_f32(vrecpeq_f32(vreinterpretq_f32_u32(v)));
        uint32x4_t q = vreinterpretq_u32_f32(vrsqrteq_f32(vreinterpretq_f32_u32(v)));
        uint32x4_t u = vrecpeq_u32(v), t = vrsqrteq_u32(v);
        for (int k = 0; k < 4; k++) {   /* a mixing hash: the estimates' low bits are zero */
            hr = (hr ^ r[k] ^ r[k] >> 16) * 0x9e3779b1u; hr ^= hr >> 15;
            hs = (hs ^ q[k] ^ q[k] >> 16) * 0x9e3779b1u; hs ^= hs >> 15;
            hu = (hu ^ u[k] ^ u[k] >> 16) * 0x9e3779b1u; hu ^= hu >> 15;
            hv = (hv ^ t[k] ^ t[k] >> 16) * 0x9e3779b1u; hv ^= hv >> 15;
        }
    }
    printf("estimates  %08x %08x %08x %08x\n", hr, hs, hu, hv);
    /* an auto-vectorisable loop */
    static int32_t arr[1000];
    int64_t sum = 0;
    for (int i = 0; i < 1000; i++) arr[i] = i * 7 - 300;
    for (int i = 0; i < 1000; i++) arr[i] = arr[i] * 3 + (arr[i] >> 2);
    for (int i = 0; i < 1000; i++) sum += arr[i];
    printf("loop       %lld\n", (long long) sum);
    return 0;
}

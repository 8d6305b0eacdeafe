/* ARMv5TE user-mode instructions in inline assembly (ARM state only, built with -marm), each run
   from every combination of NZCV input flags (set with msr cpsr_f) over a grid of edge values,
   printing the result and the NZCVQ flags read back with mrs: data processing with every shifter
   form (immediate, register amounts 0/1/31/32/33/255, rrx), adc/sbc/rsc with carry in, the
   DSP extensions (qadd qsub qdadd qdsub with the sticky Q flag, smulxy smlaxy smulwy smlawy
   smlalxy), clz, the long multiplies, all condition codes, ldrd/strd, ldm/stm in four modes with
   writeback, swp/swpb, halfword and signed-byte loads with pre/post indexing, blx to a register.
   Prints a line per group and a checksum of all lines. Deterministic. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t hsum = 2166136261u;
static void mix(uint32_t v) { hsum = (hsum ^ v) * 16777619u; }

static const uint32_t V[] = {0, 1, 2, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff, 0xfffffffe,
                             0x12345678, 0x0000ffff, 0x00008000, 0xffff8000, 0x40000000};
#define NV (sizeof V / sizeof V[0])
static const uint32_t FLAGS[] = {0x00000000, 0x20000000, 0x40000000, 0x60000000, 0x80000000, 0x90000000, 0xf0000000, 0x10000000};
#define NF (sizeof FLAGS / sizeof FLAGS[0])

/* Run "INSN %0, %2, %3" with flags f in, return result and flags out (N Z C V Q). */
#define BINOP(fn, insn)                                                                     \
    static uint32_t fn(uint32_t a, uint32_t b, uint32_t f, uint32_t *fo) {                  \
        uint32_t r, psr;                                                                     \
        __asm__ volatile("msr cpsr_f, %4\n\t" insn " %0, %2, %3\n\tmrs %1, cpsr"              \
                         : "=&r"(r), "=&r"(psr) : "r"(a), "r"(b), "r"(f) : "cc");              \
        *fo = psr >> 27;                                                              \
        return r;                                                                            \
    }
BINOP(op_adds, "adds")
BINOP(op_adcs, "adcs")
BINOP(op_subs, "subs")
BINOP(op_sbcs, "sbcs")
BINOP(op_rsbs, "rsbs")
BINOP(op_rscs, "rscs")
BINOP(op_ands, "ands")
BINOP(op_orrs, "orrs")
BINOP(op_eors, "eors")
BINOP(op_bics, "bics")
BINOP(op_qadd, "qadd")
BINOP(op_qsub, "qsub")
BINOP(op_qdadd, "qdadd")
BINOP(op_qdsub, "qdsub")
BINOP(op_smulbb, "smulbb")
BINOP(op_smulbt, "smulbt")
BINOP(op_smultb, "smultb")
BINOP(op_smultt, "smultt")
BINOP(op_smulwb, "smulwb")
BINOP(op_smulwt, "smulwt")
BINOP(op_muls, "muls")

/* Shifter operands: "movs %0, %2, SHIFT %3" with a register amount, and immediate forms. */
#define SHOP(fn, insn)                                                                      \
    static uint32_t fn(uint32_t a, uint32_t n, uint32_t f, uint32_t *fo) {                  \
        uint32_t r, psr;                                                                     \
        __asm__ volatile("msr cpsr_f, %4\n\t" insn "\n\tmrs %1, cpsr"                         \
                         : "=&r"(r), "=&r"(psr) : "r"(a), "r"(n), "r"(f) : "cc");              \
        *fo = psr >> 27;                                                              \
        return r;                                                                            \
    }
SHOP(sh_lsl_r, "movs %0, %2, lsl %3")
SHOP(sh_lsr_r, "movs %0, %2, lsr %3")
SHOP(sh_asr_r, "movs %0, %2, asr %3")
SHOP(sh_ror_r, "movs %0, %2, ror %3")
SHOP(sh_lsl_1, "movs %0, %2, lsl #1")
SHOP(sh_lsr_32, "movs %0, %2, lsr #32")
SHOP(sh_asr_32, "movs %0, %2, asr #32")
SHOP(sh_ror_7, "movs %0, %2, ror #7")
SHOP(sh_rrx, "movs %0, %2, rrx")
SHOP(sh_add_lsl, "adds %0, %3, %2, lsl #3")
SHOP(sh_sub_asr_r, "subs %0, %2, %2, asr %3")
SHOP(sh_mvns, "mvns %0, %2, lsr #4")
SHOP(sh_tst, "mov %0, #0\n\ttst %2, %3")
SHOP(sh_teq, "mov %0, #0\n\tteq %2, %3")
SHOP(sh_cmn, "mov %0, #0\n\tcmn %2, %3")
SHOP(sh_cmp, "mov %0, #0\n\tcmp %2, %3")
SHOP(sh_clz, "clz %0, %2")
SHOP(sh_imm_rot, "adds %0, %2, #0xff000000")

/* Every condition code after "cmp a, b": bit i set when condition i passes. */
static uint32_t conds(uint32_t a, uint32_t b) {
    uint32_t m = 0;
    __asm__ volatile(
        "cmp %1, %2\n\t"
        "orreq %0, %0, #1\n\t" "orrne %0, %0, #2\n\t" "orrcs %0, %0, #4\n\t" "orrcc %0, %0, #8\n\t"
        "orrmi %0, %0, #16\n\t" "orrpl %0, %0, #32\n\t" "orrvs %0, %0, #64\n\t" "orrvc %0, %0, #128\n\t"
        "orrhi %0, %0, #256\n\t" "orrls %0, %0, #512\n\t" "orrge %0, %0, #1024\n\t" "orrlt %0, %0, #2048\n\t"
        "orrgt %0, %0, #4096\n\t" "orrle %0, %0, #8192\n\t" "orral %0, %0, #16384\n\t"
        : "+r"(m) : "r"(a), "r"(b) : "cc");
    return m;
}

static void print_binop(const char *name, uint32_t (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *)) {
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++)
            for (unsigned k = 0; k < NF; k++) {
                uint32_t fo, r = fn(V[i], V[j], FLAGS[k], &fo);
                h = (h ^ r) * 16777619u;
                h = (h ^ fo) * 16777619u;
            }
    uint32_t fo, r = fn(0x7fffffff, 1, 0x20000000, &fo);
    printf("%-12s %08x  sample %08x %02x\n", name, (unsigned) h, (unsigned) r, (unsigned) fo);
    mix(h);
}

static void print_shop(const char *name, uint32_t (*fn)(uint32_t, uint32_t, uint32_t, uint32_t *)) {
    static const uint32_t N[] = {0, 1, 4, 31, 32, 33, 64, 255, 256, 0x1f1};
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < sizeof N / sizeof N[0]; j++)
            for (unsigned k = 0; k < NF; k++) {
                uint32_t fo, r = fn(V[i], N[j], FLAGS[k], &fo);
                h = (h ^ r) * 16777619u;
                h = (h ^ fo) * 16777619u;
            }
    uint32_t fo, r = fn(0x80000001, 33, 0x20000000, &fo);
    printf("%-12s %08x  sample %08x %02x\n", name, (unsigned) h, (unsigned) r, (unsigned) fo);
    mix(h);
}

static void longmul(void) {
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) {
            uint32_t lo, hi, psr;
            __asm__ volatile("umull %0, %1, %2, %3" : "=&r"(lo), "=&r"(hi) : "r"(V[i]), "r"(V[j]));
            h = ((h ^ lo) * 16777619u ^ hi) * 16777619u;
            __asm__ volatile("smulls %0, %1, %3, %4\n\tmrs %2, cpsr" : "=&r"(lo), "=&r"(hi), "=&r"(psr) : "r"(V[i]), "r"(V[j]) : "cc");
            h = (((h ^ lo) * 16777619u ^ hi) * 16777619u ^ (psr >> 30)) * 16777619u;
            lo = V[j]; hi = V[i];
            __asm__ volatile("umlal %0, %1, %2, %3" : "+&r"(lo), "+&r"(hi) : "r"(V[i]), "r"(V[j]));
            h = ((h ^ lo) * 16777619u ^ hi) * 16777619u;
            lo = V[j]; hi = V[i];
            __asm__ volatile("smlal %0, %1, %2, %3" : "+&r"(lo), "+&r"(hi) : "r"(V[i]), "r"(V[j]));
            h = ((h ^ lo) * 16777619u ^ hi) * 16777619u;
            lo = V[j]; hi = V[i];
            __asm__ volatile("smlalbt %0, %1, %2, %3" : "+&r"(lo), "+&r"(hi) : "r"(V[i]), "r"(V[j]));
            h = ((h ^ lo) * 16777619u ^ hi) * 16777619u;
            uint32_t r;
            __asm__ volatile("msr cpsr_f, %4\n\tsmlabb %0, %2, %3, %2\n\tmrs %1, cpsr" : "=&r"(r), "=&r"(psr) : "r"(V[i]), "r"(V[j]), "r"(0) : "cc");
            h = ((h ^ r) * 16777619u ^ (psr >> 27)) * 16777619u;
            __asm__ volatile("msr cpsr_f, %4\n\tsmlawt %0, %2, %3, %2\n\tmrs %1, cpsr" : "=&r"(r), "=&r"(psr) : "r"(V[i]), "r"(V[j]), "r"(0) : "cc");
            h = ((h ^ r) * 16777619u ^ (psr >> 27)) * 16777619u;
            __asm__ volatile("mla %0, %1, %2, %1" : "=&r"(r) : "r"(V[i]), "r"(V[j]));
            h = (h ^ r) * 16777619u;
        }
    printf("%-12s %08x\n", "longmul", (unsigned) h);
    mix(h);
}

static void memory_ops(void) {
    uint32_t buf[16], out[4];
    for (int i = 0; i < 16; i++) buf[i] = 0x11111111u * (uint32_t) i + 0x01020304u;
    uint32_t *p = buf + 4, *q, w[4];
    /* fixed registers r4-r7 so the register lists are ascending (ldm/stm order by register number) */
    __asm__ volatile("ldmia %0!, {r4, r5, r6, r7}\n\tstmia %1, {r4, r5, r6, r7}" : "+r"(p) : "r"(w) : "r4", "r5", "r6", "r7", "memory");
    printf("ldmia %08x %08x %08x %08x +%d\n", (unsigned) w[0], (unsigned) w[1], (unsigned) w[2], (unsigned) w[3], (int) (p - buf));
    __asm__ volatile("ldmdb %0!, {r4, r5, r6, r7}\n\tstmia %1, {r4, r5, r6, r7}" : "+r"(p) : "r"(w) : "r4", "r5", "r6", "r7", "memory");
    printf("ldmdb %08x %08x %08x %08x +%d\n", (unsigned) w[0], (unsigned) w[1], (unsigned) w[2], (unsigned) w[3], (int) (p - buf));
    __asm__ volatile("ldmib %0, {r4, r5, r6, r7}\n\tstmia %1, {r4, r5, r6, r7}" : : "r"(p), "r"(w) : "r4", "r5", "r6", "r7", "memory");
    printf("ldmib %08x %08x %08x %08x\n", (unsigned) w[0], (unsigned) w[1], (unsigned) w[2], (unsigned) w[3]);
    __asm__ volatile("ldmda %0, {r4, r5, r6, r7}\n\tstmia %1, {r4, r5, r6, r7}" : : "r"(p), "r"(w) : "r4", "r5", "r6", "r7", "memory");
    printf("ldmda %08x %08x %08x %08x\n", (unsigned) w[0], (unsigned) w[1], (unsigned) w[2], (unsigned) w[3]);
    q = buf + 12;
    __asm__ volatile("ldr r4, =0xaaaaaaaa\n\tldr r5, =0xbbbbbbbb\n\tldr r6, =0xcccccccc\n\tldr r7, =0xdddddddd\n\t"
                     "stmdb %0!, {r4, r5, r6, r7}\n\tstmib %1, {r5, r7}\n\tb 1f\n\t.ltorg\n1:"
                     : "+r"(q) : "r"(buf) : "r4", "r5", "r6", "r7", "memory");
    printf("stm +%d:", (int) (q - buf));
    for (int i = 0; i < 16; i++) printf(" %08x", (unsigned) buf[i]);
    printf("\n");

    uint64_t dw = 0, src = 0x0123456789abcdefull;
    uint32_t lo, hi;
    __asm__ volatile("ldrd r4, r5, [%2]\n\tmov %0, r4\n\tmov %1, r5\n\tstrd r4, r5, [%3]"
                     : "=&r"(lo), "=&r"(hi) : "r"(&src), "r"(&dw) : "r4", "r5", "memory");
    printf("ldrd %08x %08x strd %016llx\n", (unsigned) lo, (unsigned) hi, (unsigned long long) dw);

    uint32_t word = 0x55667788, old;
    __asm__ volatile("swp %0, %1, [%2]" : "=&r"(old) : "r"(0xdeadbeef), "r"(&word) : "memory");
    printf("swp old %08x new %08x\n", (unsigned) old, (unsigned) word);
    __asm__ volatile("swpb %0, %1, [%2]" : "=&r"(old) : "r"(0x1ff), "r"(&word) : "memory");
    printf("swpb old %08x new %08x\n", (unsigned) old, (unsigned) word);

    static const unsigned char bytes[] = {0x81, 0x7f, 0xff, 0x80, 0x01, 0xfe, 0x34, 0x92};
    const unsigned char *bp = bytes;
    int32_t sb, sh;
    uint32_t uh;
    __asm__ volatile("ldrsb %0, [%3], #1\n\tldrsh %1, [%3, #1]!\n\tldrh %2, [%3, #2]"
                     : "=&r"(sb), "=&r"(sh), "=&r"(uh), "+r"(bp) : : "memory");
    printf("ldrsb %d ldrsh %d ldrh %u at +%d\n", (int) sb, (int) sh, (unsigned) uh, (int) (bp - bytes));
    uint16_t hw[3] = {0, 0, 0};
    uint16_t *hp = hw;
    __asm__ volatile("strh %1, [%0], #2\n\tstrh %2, [%0, #2]" : "+r"(hp) : "r"(0x12345678), "r"(0xfffe) : "memory");
    printf("strh %04x %04x %04x +%d\n", hw[0], hw[1], hw[2], (int) (hp - hw));
    out[0] = 0;
    uint32_t idx = 2, *base = out;
    __asm__ volatile("str %1, [%0, %2, lsl #2]!" : "+r"(base) : "r"(0xabcdef01), "r"(idx) : "memory");
    printf("str scaled writeback +%d %08x\n", (int) (base - out), (unsigned) out[2]);
    mix(buf[3] ^ buf[9] ^ lo ^ hi ^ word ^ (uint32_t) sb ^ (uint32_t) sh ^ uh);
}

static int callee(int x) { return x * 3 + 1; }

static void branches(void) {
    int r;
    int (*fp)(int) = callee;
    __asm__ volatile("mov r0, #13\n\tblx %1\n\tmov %0, r0" : "=r"(r) : "r"(fp) : "r0", "r1", "r2", "r3", "r12", "lr", "cc", "memory");
    printf("blx %d\n", r);
    uint32_t cnt = 0;
    __asm__ volatile("mov r1, #10\n1:\n\tadd %0, %0, r1\n\tsubs r1, r1, #1\n\tbne 1b" : "+r"(cnt) : : "r1", "cc");
    printf("loop %u\n", (unsigned) cnt);
    mix((uint32_t) r ^ cnt);
}

int main(void) {
    print_binop("adds", op_adds); print_binop("adcs", op_adcs); print_binop("subs", op_subs);
    print_binop("sbcs", op_sbcs); print_binop("rsbs", op_rsbs); print_binop("rscs", op_rscs);
    print_binop("ands", op_ands); print_binop("orrs", op_orrs); print_binop("eors", op_eors);
    print_binop("bics", op_bics); print_binop("muls", op_muls);
    print_binop("qadd", op_qadd); print_binop("qsub", op_qsub); print_binop("qdadd", op_qdadd);
    print_binop("qdsub", op_qdsub); print_binop("smulbb", op_smulbb); print_binop("smulbt", op_smulbt);
    print_binop("smultb", op_smultb); print_binop("smultt", op_smultt); print_binop("smulwb", op_smulwb);
    print_binop("smulwt", op_smulwt);
    print_shop("lsl reg", sh_lsl_r); print_shop("lsr reg", sh_lsr_r); print_shop("asr reg", sh_asr_r);
    print_shop("ror reg", sh_ror_r); print_shop("lsl #1", sh_lsl_1); print_shop("lsr #32", sh_lsr_32);
    print_shop("asr #32", sh_asr_32); print_shop("ror #7", sh_ror_7); print_shop("rrx", sh_rrx);
    print_shop("add lsl #3", sh_add_lsl); print_shop("sub asr reg", sh_sub_asr_r); print_shop("mvns", sh_mvns);
    print_shop("tst", sh_tst); print_shop("teq", sh_teq); print_shop("cmn", sh_cmn); print_shop("cmp", sh_cmp);
    print_shop("clz", sh_clz); print_shop("imm rot", sh_imm_rot);
    uint32_t h = 2166136261u;
    for (unsigned i = 0; i < NV; i++)
        for (unsigned j = 0; j < NV; j++) h = (h ^ conds(V[i], V[j])) * 16777619u;
    printf("conds %08x  1-2 %04x 0x80000000-1 %04x\n", (unsigned) h, (unsigned) conds(1, 2), (unsigned) conds(0x80000000, 1));
    mix(h);
    longmul();
    memory_ops();
    branches();
    printf("total %08x\n", (unsigned) hsum);
    return 0;
}

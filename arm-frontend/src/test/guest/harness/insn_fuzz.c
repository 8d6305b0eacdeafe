/*
 * Instruction-level differential harness for ARM (used by ArmQemuDifferentialTest).
 *
 *   insn_fuzz CASEFILE [FIRST]
 *
 * CASEFILE holds fixed-size little-endian records (struct fuzz_case). For each case from FIRST
 * on, the harness copies the instructions (A32 words, or Thumb halfwords) to a fixed RWX page at
 * CODE, followed by a return sequence, flushes the caches (cacheflush), copies the case's bytes to
 * the scratch area around SCRATCH, loads r0-r12, r14, NZCVQ and GE with the assembly stub below,
 * enters the code, stores every register and the CPSR after it, and writes the final struct
 * fuzz_state (with the scratch bytes) to stdout with one write() per case, so a case that dies
 * leaves every earlier record intact and the caller can resume after it.
 *
 * CODE and SCRATCH are dynvm's SnippetRunner.CODE and .DATA + 0x780, so pc-relative values and
 * scratch addresses are the same in qemu, in dynvm running this program and in SnippetRunner.
 *
 * Built with -DVFP (bin/insn_fuzz_vfp), the state also carries d0-d15 and FPSCR, loaded before
 * the code runs and stored after it; with -DVFP -DD32 (bin/insn_fuzz_neon), d0-d31 and FPSCR.
 *
 * sp is the one register the stub keeps: the generator never names it. Entry is "ldr pc,[sp,#4]"
 * (interworking: bit 0 selects Thumb); the code returns with "ldr pc,[sp]" in ARM state, reached
 * from Thumb through an aligned "bx pc".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CODE ((uintptr_t) 0x10000000)
#define SCRATCH_PAGE ((uintptr_t) 0x10080000)
#define SCRATCH_OFFSET 0x780
#define SCRATCH_BYTES 256

#ifdef D32
#define DREGS 32
#define FPSCR_AT "576"
#define MAX_INSNS 10              /* Thumb: an IT and four 32-bit instructions are 9 halfwords */
#else
#define DREGS 16
#define FPSCR_AT "448"
#define MAX_INSNS 8
#endif

struct fuzz_state {               /* 320 bytes (VFP: 456, VFP + D32: 584) */
    uint32_t r[15];               /*   0: r0..r14 (r13 is not loaded nor stored) */
    uint32_t cpsr;                /*  60: NZCVQ and GE in, the whole CPSR (as mrs reads it) out */
    uint8_t mem[SCRATCH_BYTES];   /*  64: SCRATCH_PAGE + SCRATCH_OFFSET ... */
#ifdef VFP
    uint64_t d[DREGS];            /* 320: d0..d15 (D32: d0..d31) */
    uint32_t fpscr;               /* 448 (D32: 576): FPSCR in and out */
    uint32_t pad;
#endif
};

struct fuzz_case {                /* 360 bytes (VFP: 496, VFP + D32: 632) */
    struct fuzz_state s;
    uint32_t thumb;               /* 320 (VFP: 456, D32: 584): 1 = Thumb halfwords */
    uint32_t n;                   /* instructions */
    uint32_t insn[MAX_INSNS];     /* words, or halfwords in the low 16 bits (D32: 10 of them) */
};

#if defined(VFP) && defined(D32)
/* d0-d31 and FPSCR from and to the state (VFPv4-D32, as the Cortex-A15 has). */
#define VFP_LOAD \
    "	.arch armv7-a\n" \
    "	.fpu neon-vfpv4\n" \
    "	add r1, r0, #320\n" \
    "	vldmia r1!, {d0-d15}\n" \
    "	vldmia r1, {d16-d31}\n" \
    "	ldr r1, [r0, #" FPSCR_AT "]\n" \
    "	vmsr fpscr, r1\n"
#define VFP_STORE \
    "	add r1, r0, #320\n" \
    "	vstmia r1!, {d0-d15}\n" \
    "	vstmia r1, {d16-d31}\n" \
    "	vmrs r1, fpscr\n" \
    "	str r1, [r0, #" FPSCR_AT "]\n"
#elif defined(VFP)
/* d0-d15 and FPSCR from and to the state (VFPv3-D16; the C code around is soft-float). */
#define VFP_LOAD \
    "	.arch armv7-a\n" \
    "	.fpu vfpv3-d16\n" \
    "	add r1, r0, #320\n" \
    "	vldmia r1, {d0-d15}\n" \
    "	ldr r1, [r0, #" FPSCR_AT "]\n" \
    "	vmsr fpscr, r1\n"
#define VFP_STORE \
    "	add r1, r0, #320\n" \
    "	vstmia r1, {d0-d15}\n" \
    "	vmrs r1, fpscr\n" \
    "	str r1, [r0, #" FPSCR_AT "]\n"
#else
#define VFP_LOAD
#define VFP_STORE
#endif

/* void fuzz_run(struct fuzz_state *s, uintptr_t entry). Frame: [sp] return label, [sp+4] entry,
 * [sp+8] s, [sp+12] scratch for r0; r4-r12 and lr are saved above it. */
void fuzz_run(struct fuzz_state *s, uintptr_t entry);
__asm__(
    "	.text\n"
    "	.arm\n"
    "	.globl fuzz_run\n"
    "	.type fuzz_run,%function\n"
    "fuzz_run:\n"
    "	push {r4-r12, lr}\n"
    "	sub sp, sp, #16\n"
    "	adr r2, 1f\n"
    "	str r2, [sp]\n"
    "	str r1, [sp, #4]\n"
    "	str r0, [sp, #8]\n"
    VFP_LOAD
    "	ldr r1, [r0, #60]\n"
    "	msr cpsr_fs, r1\n"
    "	ldr lr, [r0, #56]\n"
    "	ldm r0, {r0-r12}\n"
    "	ldr pc, [sp, #4]\n"
    "1:	str r0, [sp, #12]\n"
    "	ldr r0, [sp, #8]\n"
    "	stmib r0, {r1-r12}\n"
    "	str lr, [r0, #56]\n"
    "	mrs r1, cpsr\n"
    "	str r1, [r0, #60]\n"
    VFP_STORE
    "	ldr r1, [sp, #12]\n"
    "	str r1, [r0]\n"
    "	add sp, sp, #16\n"
    "	pop {r4-r12, pc}\n"
    "	.size fuzz_run,.-fuzz_run\n");

#define ARM_RETURN 0xe59df000u   /* ldr pc, [sp] */
#define THUMB_NOP 0x46c0u        /* mov r8, r8 */
#define THUMB_BX_PC 0x4778u      /* bx pc: to ARM at the next word (this halfword is word-aligned) */

/* Places the case's code and the return sequence at CODE; returns the entry address. */
static uintptr_t place(const struct fuzz_case *c) {
    uint32_t n = c->n > MAX_INSNS ? MAX_INSNS : c->n;
    size_t len;
    if (!c->thumb) {
        uint32_t *w = (uint32_t *) CODE;
        for (uint32_t i = 0; i < n; i++) w[i] = c->insn[i];
        w[n] = ARM_RETURN;
        len = 4 * (n + 1);
    } else {
        uint16_t *h = (uint16_t *) CODE;
        uint32_t k = 0;
        for (uint32_t i = 0; i < n; i++) h[k++] = (uint16_t) c->insn[i];
        if (k & 1) h[k++] = THUMB_NOP;
        h[k++] = THUMB_BX_PC;
        h[k++] = THUMB_NOP;
        *(uint32_t *) (h + k) = ARM_RETURN;
        len = 2 * k + 4;
    }
    __builtin___clear_cache((char *) CODE, (char *) CODE + len);
    return CODE | (c->thumb ? 1 : 0);
}

static int write_all(const void *p, size_t n) {
    const char *c = p;
    while (n > 0) {
        ssize_t k = write(1, c, n);
        if (k <= 0) return -1;
        c += k;
        n -= (size_t) k;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: insn_fuzz CASEFILE [FIRST]\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    long first = argc > 2 ? atol(argv[2]) : 0;
    if (fseek(f, first * (long) sizeof(struct fuzz_case), SEEK_SET) != 0) return 2;
    void *code = mmap((void *) CODE, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    void *scratch = mmap((void *) SCRATCH_PAGE, 4096, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (code != (void *) CODE || scratch != (void *) SCRATCH_PAGE) {
        perror("mmap");
        return 2;
    }
    uint8_t *mem = (uint8_t *) SCRATCH_PAGE + SCRATCH_OFFSET;
    struct fuzz_case c;
    while (fread(&c, sizeof c, 1, f) == 1) {
        memset(scratch, 0, 4096);
        memcpy(mem, c.s.mem, SCRATCH_BYTES);
        fuzz_run(&c.s, place(&c));
        memcpy(c.s.mem, mem, SCRATCH_BYTES);
        if (write_all(&c.s, sizeof c.s) != 0) return 3;
    }
    fclose(f);
    return 0;
}

/*
 * Instruction-level differential harness (used by QemuDifferentialTest, not by cases.tsv).
 *
 *   insn_fuzz CASEFILE [FIRST]
 *
 * CASEFILE holds fixed-size big-endian records (struct fuzz_case). For each case from FIRST on,
 * the harness copies the instruction words into an RWX page followed by a blr, flushes the caches
 * (dcbst; sync; icbi; isync), loads every register from the case with the assembly stub below,
 * calls the page, stores every register after it, and writes the final struct fuzz_state to
 * stdout with one write() per case, so a case that dies (SIGILL, SIGFPE) leaves every earlier
 * record intact and the caller can resume after it.
 *
 * The generator never names r1 in an instruction: the stub keeps its frame (and the saved r2,
 * r13..r31, f14..f31, CR, LR) there. r2 and r13 may be clobbered; they are restored. LR on entry
 * is the stub's return address (the same in every emulator: it is a static binary).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAX_WORDS 8

struct fuzz_state {            /* 408 bytes */
    uint64_t fpr[32];          /*   0 */
    uint32_t gpr[32];          /* 256 */
    uint32_t cr, xer, ctr, lr; /* 384 388 392 396 */
    uint32_t fpscr, pad;       /* 400 404 */
};

struct fuzz_case {             /* 448 bytes */
    struct fuzz_state s;
    uint32_t n;                /* 408 */
    uint32_t words[MAX_WORDS]; /* 412 */
    uint32_t pad;              /* 444 */
};

/* void fuzz_run(struct fuzz_state *s, void *code): runs code with the registers of *s, stores the
 * registers it leaves into *s. Frame (320 bytes): 8 r13..r31, 84 r2, 88 CR, 92 s,
 * 96 f14..f31, 240 scratch double, 248 scratch word; LR saved at 324 (the caller's slot). */
void fuzz_run(struct fuzz_state *s, void *code);
__asm__(
    "	.text\n"
    "	.globl fuzz_run\n"
    "	.type fuzz_run,@function\n"
    "fuzz_run:\n"
    "	stwu 1,-320(1)\n"
    "	mflr 0\n"
    "	stw 0,324(1)\n"
    "	stmw 13,8(1)\n"
    "	stw 2,84(1)\n"
    "	mfcr 0\n"
    "	stw 0,88(1)\n"
    "	stw 3,92(1)\n"
    "	stfd 14,96(1)\n  stfd 15,104(1)\n stfd 16,112(1)\n stfd 17,120(1)\n stfd 18,128(1)\n stfd 19,136(1)\n"
    "	stfd 20,144(1)\n stfd 21,152(1)\n stfd 22,160(1)\n stfd 23,168(1)\n stfd 24,176(1)\n stfd 25,184(1)\n"
    "	stfd 26,192(1)\n stfd 27,200(1)\n stfd 28,208(1)\n stfd 29,216(1)\n stfd 30,224(1)\n stfd 31,232(1)\n"
    /* FPSCR first (through f0), then the FPRs */
    "	li 0,0\n"
    "	stw 0,240(1)\n"
    "	lwz 0,400(3)\n"
    "	stw 0,244(1)\n"
    "	lfd 0,240(1)\n"
    "	mtfsf 0xff,0\n"
    "	lfd 0,0(3)\n   lfd 1,8(3)\n   lfd 2,16(3)\n  lfd 3,24(3)\n  lfd 4,32(3)\n  lfd 5,40(3)\n"
    "	lfd 6,48(3)\n  lfd 7,56(3)\n  lfd 8,64(3)\n  lfd 9,72(3)\n  lfd 10,80(3)\n lfd 11,88(3)\n"
    "	lfd 12,96(3)\n lfd 13,104(3)\n lfd 14,112(3)\n lfd 15,120(3)\n lfd 16,128(3)\n lfd 17,136(3)\n"
    "	lfd 18,144(3)\n lfd 19,152(3)\n lfd 20,160(3)\n lfd 21,168(3)\n lfd 22,176(3)\n lfd 23,184(3)\n"
    "	lfd 24,192(3)\n lfd 25,200(3)\n lfd 26,208(3)\n lfd 27,216(3)\n lfd 28,224(3)\n lfd 29,232(3)\n"
    "	lfd 30,240(3)\n lfd 31,248(3)\n"
    "	lwz 0,384(3)\n"
    "	mtcrf 0xff,0\n"
    "	lwz 0,388(3)\n"
    "	mtxer 0\n"
    "	lwz 0,392(3)\n"
    "	mtctr 0\n"
    "	mtlr 4\n"
    "	lwz 0,256(3)\n  lwz 2,264(3)\n  lwz 4,272(3)\n  lwz 5,276(3)\n  lwz 6,280(3)\n  lwz 7,284(3)\n"
    "	lwz 8,288(3)\n  lwz 9,292(3)\n  lwz 10,296(3)\n lwz 11,300(3)\n lwz 12,304(3)\n lwz 13,308(3)\n"
    "	lwz 14,312(3)\n lwz 15,316(3)\n lwz 16,320(3)\n lwz 17,324(3)\n lwz 18,328(3)\n lwz 19,332(3)\n"
    "	lwz 20,336(3)\n lwz 21,340(3)\n lwz 22,344(3)\n lwz 23,348(3)\n lwz 24,352(3)\n lwz 25,356(3)\n"
    "	lwz 26,360(3)\n lwz 27,364(3)\n lwz 28,368(3)\n lwz 29,372(3)\n lwz 30,376(3)\n lwz 31,380(3)\n"
    "	lwz 3,268(3)\n"
    "	blrl\n"
    /* back: only r1 is known; free r31 through the frame */
    "	stw 31,248(1)\n"
    "	lwz 31,92(1)\n"
    "	stw 0,256(31)\n  stw 1,260(31)\n  stw 2,264(31)\n  stw 3,268(31)\n  stw 4,272(31)\n  stw 5,276(31)\n"
    "	stw 6,280(31)\n  stw 7,284(31)\n  stw 8,288(31)\n  stw 9,292(31)\n  stw 10,296(31)\n stw 11,300(31)\n"
    "	stw 12,304(31)\n stw 13,308(31)\n stw 14,312(31)\n stw 15,316(31)\n stw 16,320(31)\n stw 17,324(31)\n"
    "	stw 18,328(31)\n stw 19,332(31)\n stw 20,336(31)\n stw 21,340(31)\n stw 22,344(31)\n stw 23,348(31)\n"
    "	stw 24,352(31)\n stw 25,356(31)\n stw 26,360(31)\n stw 27,364(31)\n stw 28,368(31)\n stw 29,372(31)\n"
    "	stw 30,376(31)\n"
    "	lwz 0,248(1)\n"
    "	stw 0,380(31)\n"
    "	mfcr 0\n"
    "	stw 0,384(31)\n"
    "	mfxer 0\n"
    "	stw 0,388(31)\n"
    "	mfctr 0\n"
    "	stw 0,392(31)\n"
    "	mflr 0\n"
    "	stw 0,396(31)\n"
    "	stfd 0,0(31)\n   stfd 1,8(31)\n   stfd 2,16(31)\n  stfd 3,24(31)\n  stfd 4,32(31)\n  stfd 5,40(31)\n"
    "	stfd 6,48(31)\n  stfd 7,56(31)\n  stfd 8,64(31)\n  stfd 9,72(31)\n  stfd 10,80(31)\n stfd 11,88(31)\n"
    "	stfd 12,96(31)\n stfd 13,104(31)\n stfd 14,112(31)\n stfd 15,120(31)\n stfd 16,128(31)\n stfd 17,136(31)\n"
    "	stfd 18,144(31)\n stfd 19,152(31)\n stfd 20,160(31)\n stfd 21,168(31)\n stfd 22,176(31)\n stfd 23,184(31)\n"
    "	stfd 24,192(31)\n stfd 25,200(31)\n stfd 26,208(31)\n stfd 27,216(31)\n stfd 28,224(31)\n stfd 29,232(31)\n"
    "	stfd 30,240(31)\n stfd 31,248(31)\n"
    "	mffs 0\n"
    "	stfd 0,240(1)\n"
    "	lwz 0,244(1)\n"
    "	stw 0,400(31)\n"
    /* FPSCR back to 0 (round to nearest, no exceptions enabled) and the callee-saved state */
    "	li 0,0\n"
    "	stw 0,240(1)\n"
    "	stw 0,244(1)\n"
    "	lfd 0,240(1)\n"
    "	mtfsf 0xff,0\n"
    "	lfd 14,96(1)\n  lfd 15,104(1)\n lfd 16,112(1)\n lfd 17,120(1)\n lfd 18,128(1)\n lfd 19,136(1)\n"
    "	lfd 20,144(1)\n lfd 21,152(1)\n lfd 22,160(1)\n lfd 23,168(1)\n lfd 24,176(1)\n lfd 25,184(1)\n"
    "	lfd 26,192(1)\n lfd 27,200(1)\n lfd 28,208(1)\n lfd 29,216(1)\n lfd 30,224(1)\n lfd 31,232(1)\n"
    "	lwz 0,88(1)\n"
    "	mtcrf 0xff,0\n"
    "	lwz 2,84(1)\n"
    "	lmw 13,8(1)\n"
    "	lwz 0,324(1)\n"
    "	mtlr 0\n"
    "	addi 1,1,320\n"
    "	blr\n"
    "	.size fuzz_run,.-fuzz_run\n");

static void flush(uint32_t *code, int n) {
    for (int i = 0; i < n; i++) __asm__ volatile("dcbst 0,%0" : : "r"(code + i) : "memory");
    __asm__ volatile("sync" : : : "memory");
    for (int i = 0; i < n; i++) __asm__ volatile("icbi 0,%0" : : "r"(code + i) : "memory");
    __asm__ volatile("isync" : : : "memory");
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
    uint32_t *code = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    struct fuzz_case c;
    while (fread(&c, sizeof c, 1, f) == 1) {
        uint32_t n = c.n > MAX_WORDS ? MAX_WORDS : c.n;
        memcpy(code, c.words, n * 4);
        code[n] = 0x4e800020; /* blr */
        flush(code, (int) n + 1);
        fuzz_run(&c.s, code);
        if (write_all(&c.s, sizeof c.s) != 0) return 3;
    }
    fclose(f);
    return 0;
}

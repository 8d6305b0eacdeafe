/* Self-modifying code: functions written into an RWX mapping, run, patched and run again, with
 * the architected sequence (dcbst; sync; icbi; isync) after every patch. Each version of a
 * function runs a varying number of times, so some versions are still interpreted and some are
 * already compiled when they are patched; a hot loop is patched from outside between calls, and
 * another loop patches its own body on every iteration. Output is deterministic. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

typedef int (*fn0)(void);
typedef int (*fn1)(int);
typedef int (*fn2)(int, uint32_t *);

#define LI_R3(imm)      (0x38600000u | ((uint32_t) (imm) & 0xffff))   /* addi r3,0,imm */
#define ADDI_R3_R3(imm) (0x38630000u | ((uint32_t) (imm) & 0xffff))   /* addi r3,r3,imm */
#define ADDI_R4_R4(imm) (0x38840000u | ((uint32_t) (imm) & 0xffff))   /* addi r4,r4,imm */
#define BLR 0x4e800020u

/* Templates, assembled by gcc and copied into the RWX buffer (only relative branches). */
extern const uint32_t hot_loop[], hot_loop_k[], hot_loop_end[];
extern const uint32_t self_patch[], self_patch_a[], self_patch_end[];
__asm__(
    ".section .rodata\n"
    ".balign 4\n"
    /* int hot_loop(int n): r4 = 0; n times r4 += K; return r4 */
    "hot_loop:\n"
    "  mtctr 3\n"
    "  li 4,0\n"
    "hot_loop_k:\n"
    "  addi 4,4,1\n"             /* K: patched */
    "  bdnz hot_loop_k\n"
    "  mr 3,4\n"
    "  blr\n"
    "hot_loop_end:\n"
    /* int self_patch(int n, uint32_t *a): a must be the address of the copy of self_patch_a.
     * Iteration i (1..n) adds the immediate of A to r3, then rewrites A to 'addi r3,r3,i'. */
    "self_patch:\n"
    "  mtctr 3\n"
    "  li 3,0\n"
    "  lis 6,0x3863\n"
    "  li 7,0\n"
    "self_patch_a:\n"
    "  addi 3,3,0\n"             /* A: rewritten by the loop itself */
    "  addi 7,7,1\n"
    "  or 8,6,7\n"
    "  stw 8,0(4)\n"
    "  dcbst 0,4\n"
    "  sync\n"
    "  icbi 0,4\n"
    "  isync\n"
    "  bdnz self_patch_a\n"
    "  blr\n"
    "self_patch_end:\n"
    ".globl hot_loop, hot_loop_k, hot_loop_end, self_patch, self_patch_a, self_patch_end\n"
    ".previous\n");

/* The architected way to make stores to instructions visible to instruction fetch. */
static void sync_icache(void *p, size_t n) {
    uintptr_t a = (uintptr_t) p & ~(uintptr_t) 31, e = (uintptr_t) p + n;
    for (uintptr_t q = a; q < e; q += 32) __asm__ volatile("dcbst 0,%0" : : "r"(q) : "memory");
    __asm__ volatile("sync" : : : "memory");
    for (uintptr_t q = a; q < e; q += 32) __asm__ volatile("icbi 0,%0" : : "r"(q) : "memory");
    __asm__ volatile("isync" : : : "memory");
}

static void put(volatile uint32_t *at, uint32_t word) {
    *at = word;
    sync_icache((void *) at, 4);
}

static uint32_t *copy(uint32_t *to, const uint32_t *from, const uint32_t *end) {
    size_t n = (size_t) (end - from) * 4;
    memcpy(to, from, n);
    sync_icache(to, n);
    return to;
}

int main(void) {
    uint32_t *buf = mmap(0, 8192, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buf == MAP_FAILED) { perror("mmap"); return 1; }

    /* 1. li r3,imm; blr: patch the immediate 300 times, each version called 1..25 times. */
    volatile uint32_t *f = buf;
    f[0] = LI_R3(1);
    f[1] = BLR;
    sync_icache(buf, 8);
    int first = ((fn0) buf)();
    put(&f[0], LI_R3(2));
    int second = ((fn0) buf)();
    printf("li: first %d, after patch %d\n", first, second);
    long sum = 0;
    int bad = 0, calls = 0;
    for (int r = 0; r < 300; r++) {
        int imm = (r * 2654435761u) >> 17;   /* 0..32767 */
        put(&f[0], LI_R3(imm));
        int times = 1 + (r * 7) % 25;
        for (int t = 0; t < times; t++) {
            int v = ((fn0) buf)();
            calls++;
            sum += v;
            if (v != imm) { if (bad++ < 5) printf("  round %d call %d: got %d, want %d\n", r, t, v, imm); }
        }
        if (r < 4 || r == 299) printf("round %d: imm %d, %d calls, last %d\n", r, imm, times, ((fn0) buf)());
    }
    printf("li rounds: %d calls, sum %ld, %d wrong\n", calls, sum, bad);

    /* 2. Patch the middle of a block: li r3,0; addi r3,r3,K; addi r3,r3,1; blr at another
     *    place in the same page, while the first function stays valid. */
    volatile uint32_t *g = buf + 64;
    g[0] = LI_R3(0);
    g[1] = ADDI_R3_R3(0);
    g[2] = ADDI_R3_R3(1);
    g[3] = BLR;
    sync_icache((void *) g, 16);
    bad = 0;
    sum = 0;
    for (int r = 0; r < 200; r++) {
        int k = r * 37 - 3000;
        put(&g[1], ADDI_R3_R3(k));
        for (int t = 0; t < 20; t++) {
            int v = ((fn0) g)();
            sum += v;
            if (v != k + 1 && bad++ < 5) printf("  mid round %d: got %d, want %d\n", r, v, k + 1);
        }
        /* replace the whole first instruction with a different kind too */
        if (r % 50 == 49) {
            put(&g[0], LI_R3(1000));
            int v = ((fn0) g)();
            printf("mid round %d: li 1000 + %d + 1 = %d\n", r, k, v);
            put(&g[0], LI_R3(0));
        }
    }
    int untouched = ((fn0) buf)();
    printf("mid-block rounds: sum %ld, %d wrong; first function still gives %d\n", sum, bad, untouched);

    /* 3. A hot loop (translated as a loop after a few iterations), patched between calls. */
    uint32_t *h = copy(buf + 256, hot_loop, hot_loop_end);
    volatile uint32_t *hk = h + (hot_loop_k - hot_loop);
    bad = 0;
    for (int r = 0; r < 40; r++) {
        int k = r % 5 == 4 ? -r : r + 1;
        put(hk, ADDI_R4_R4(k));
        int v = ((fn1) h)(1000);
        int w = ((fn1) h)(3);
        if (v != 1000 * k || w != 3 * k) { if (bad++ < 5) printf("  hot round %d: got %d %d, want %d %d\n", r, v, w, 1000 * k, 3 * k); }
        if (r < 3 || r == 39) printf("hot loop K=%d: %d, %d\n", k, v, w);
    }
    printf("hot loop rounds: %d wrong\n", bad);

    /* 4. A loop that rewrites one of its own instructions on every iteration. */
    uint32_t *s = copy(buf + 512, self_patch, self_patch_end);
    uint32_t *sa = s + (self_patch_a - self_patch);
    for (int r = 0; r < 4; r++) {
        int n = 50 + 100 * r;
        int before = (int) (int16_t) (*sa & 0xffff);
        int v = ((fn2) s)(n, sa);
        int want = before + n * (n - 1) / 2;
        printf("self-patching loop n=%d: %d (want %d), A now adds %d\n", n, v, want, (int) (int16_t) (*sa & 0xffff));
    }

    /* 5. Unmap the code and map fresh memory over it: no stale translation may survive. */
    munmap(buf, 8192);
    uint32_t *nb = mmap(buf, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (nb == MAP_FAILED) { perror("mmap"); return 1; }
    nb[0] = LI_R3(777);
    nb[1] = BLR;
    sync_icache(nb, 8);
    printf("remapped: %d\n", ((fn0) nb)());
    return 0;
}

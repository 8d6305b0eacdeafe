/* usermode: a tiny kernel (SVC mode, MMU on, short descriptors) runs a user task in USR mode.
 * System calls: svc #0, r7 = number (Linux-like): 4 write(fd, buf, len) -> len, 1 exit(code),
 * 20 getpid -> 42, 0x100 start_ticks (virtual timer, PPI 27, three interrupts taken from USR
 * mode while the task spins on a user-readable counter). RAM is user read/write except the section at 0x40100000 (PL1 only) and the
 * one at 0x40200000 (user read-only); the UART is PL1 only. User faults and undefined
 * instructions are reported by the kernel, which then skips the faulting instruction. */
#include "lib.h"

static u32 tt[4096] __attribute__((aligned(16384)));

#define NORM_S ((1u << 12) | (1u << 3) | (1u << 2))
#define DEV_S  ((1u << 4) | (1u << 2))
static u32 sect(u32 pa, u32 ap, u32 attr)
{
    return (pa & 0xfff00000u) | ((ap >> 2) << 15) | ((ap & 3) << 10) | attr | 2;
}

void enter_user(u32 fn);
__asm__(
    "    .text\n"
    "    .arm\n"
    "enter_user:\n"
    "    msr   spsr_cxsf, #0x10\n"   /* USR mode, ARM, interrupts unmasked */
    "    mov   lr, r0\n"
    "    movs  pc, lr\n");

static volatile u32 n_sys, n_fault, exit_code = 0xffffffff;
static volatile u32 ticks;                     /* user-readable: .bss is in the first RAM MiB */

#define GICD 0x08000000u
#define GICC 0x08010000u

static void gic_timer_init(void)
{
    *(volatile u8 *)(GICD + 0x400 + 27) = 0x80;    /* GICD_IPRIORITYR: PPI 27 */
    wr32(GICD + 0x100, 1u << 27);                  /* GICD_ISENABLER0 */
    wr32(GICD + 0x000, 1);                         /* GICD_CTLR */
    wr32(GICC + 0x004, 0xf0);                      /* GICC_PMR */
    wr32(GICC + 0x000, 1);                         /* GICC_CTLR */
}

int guest_exc(int kind, struct frame *f)
{
    u32 from = f->spsr & 0x1f;
    if (kind == EXC_IRQ) {
        u32 iar = rd32(GICC + 0x0c);
        ticks++;
        ph("[kernel] irq ", iar);
        ph(" from mode ", from);           /* only the mode: the flags depend on where it hit */
        ph(" tick ", ticks);
        println("");
        if (ticks < 3) MCR(0, 14, 3, 0, 20000); else MCR(0, 14, 3, 1, 0);   /* CNTV_TVAL / CTL */
        wr32(GICC + 0x10, iar);
        return 1;
    }
    if (from != 0x10)
        return 0;                              /* not from user: the lib reports it */
    switch (kind) {
    case EXC_SVC: {
        u32 nr = f->r[7];
        n_sys++;
        if (nr == 4) {                         /* write(fd, buf, len) */
            const char *p = (const char *)f->r[1];
            for (u32 i = 0; i < f->r[2]; i++) uart_putc(p[i]);
            f->r[0] = f->r[2];
        } else if (nr == 20) {
            f->r[0] = 42;                      /* getpid */
        } else if (nr == 0x100) {              /* start_ticks */
            MCR(0, 14, 3, 0, 20000);           /* CNTV_TVAL */
            MCR(0, 14, 3, 1, 1);               /* CNTV_CTL: enable */
            f->r[0] = 0;
        } else if (nr == 1) {                  /* exit(code): back to the kernel */
            exit_code = f->r[0];
            f->spsr = (f->spsr & 0xf8000000u) | 0x1d3;
            exc_resume(kind, f, probe_recover_addr());
        } else {
            print("[kernel] unknown syscall ");
            print_hex(nr);
            println("");
            f->r[0] = (u32)-38;                /* -ENOSYS */
        }
        return 1;
    }
    case EXC_DABT:
        n_fault++;
        ph("[kernel] user data abort DFSR=", DFSR_R());
        ph(" DFAR=", DFAR_R());
        ph(" pc=", exc_pref_return(kind, f));
        println(" (skipped)");
        exc_resume(kind, f, exc_pref_return(kind, f) + 4);
        return 1;
    case EXC_UND:
        n_fault++;
        ph("[kernel] user undefined instruction ", *(volatile u32 *)exc_pref_return(kind, f));
        ph(" pc=", exc_pref_return(kind, f));
        println(" (skipped)");
        return 1;                              /* LR is already the next instruction */
    }
    return 0;
}

/* ---- user task: only system calls, no lib routines (the UART is privileged) ---- */
static inline u32 sys3(u32 nr, u32 a, u32 b, u32 c)
{
    register u32 r7 __asm__("r7") = nr;
    register u32 r0 __asm__("r0") = a;
    register u32 r1 __asm__("r1") = b;
    register u32 r2 __asm__("r2") = c;
    __asm__ volatile("svc #0" : "+r"(r0) : "r"(r7), "r"(r1), "r"(r2) : "memory");
    return r0;
}
static u32 u_strlen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
static void u_puts(const char *s) { sys3(4, 1, (u32)s, u_strlen(s)); }
static void u_hex(const char *label, u32 v)
{
    char b[9];
    for (int i = 0; i < 8; i++) b[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    b[8] = '\n';
    u_puts(label);
    sys3(4, 1, (u32)b, 9);
}
static u32 u_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }

static void user_main(void)
{
    u_puts("user: hello via write()\n");
    u_hex("user: CPSR=", u_cpsr());
    u_hex("user: write() returned ", sys3(4, 1, (u32)"12345\n", 6));
    u_hex("user: getpid()=", sys3(20, 0, 0, 0));
    u_hex("user: unknown syscall 999 -> ", sys3(999, 0, 0, 0));
    __asm__ volatile("cps #0x13" ::: "memory");       /* a NOP in user mode */
    u_hex("user: CPSR after cps #0x13=", u_cpsr());
    u_hex("user: read user-RO page ", *(volatile u32 *)0x40200000);
    *(volatile u32 *)0x40200004 = 0xbad;               /* permission fault */
    volatile u32 v = 0x5a5a5a5a;
    __asm__ volatile("ldr %0, [%1]" : "+r"(v) : "r"(0x40100000) : "memory");  /* PL1 only */
    u_hex("user: after kernel-page read, register kept ", v);
    *(volatile u32 *)0x09000000 = 'X';                 /* UART is PL1 only */
    u32 sctlr = 0x11111111;
    __asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "+r"(sctlr));   /* UNDEFINED at PL0 */
    u_hex("user: after mrc SCTLR, register kept ", sctlr);
    u_puts("user: waiting for 3 timer ticks\n");
    sys3(0x100, 0, 0, 0);
    while (ticks < 3) { }
    u_puts("user: saw 3 ticks\n");
    u_puts("user: exiting with 7\n");
    sys3(1, 7, 0, 0);
    u_puts("user: not reached\n");
    for (;;) { }
}

int main(void)
{
    println("usermode");
    wr32(0x40100000, 0x5ec7e700);          /* kernel secret */
    wr32(0x40200000, 0x0000a0a0);          /* user read-only data */
    for (u32 i = 0x080; i < 0x0a0; i++) tt[i] = sect(i << 20, 1, DEV_S);    /* PL1 only */
    for (u32 i = 0x400; i < 0x480; i++) tt[i] = sect(i << 20, 3, NORM_S);   /* full access */
    tt[0x401] = sect(0x40100000, 1, NORM_S);                                /* PL1 only */
    tt[0x402] = sect(0x40200000, 2, NORM_S);                                /* user RO */
    TTBCR_W(0);
    TTBR0_W((u32)tt);
    DACR_W(1);
    DSB();
    TLBIALL();
    DSB();
    ISB();
    SCTLR_W(SCTLR_R() | 1);
    ISB();
    gic_timer_init();
    println("[kernel] MMU on, entering user mode");
    int r = probe((void (*)(u32))enter_user, (u32)user_main);
    ph("[kernel] back in mode ", get_cpsr() & 0x1f);
    ph(" probe=", (u32)r);
    println("");
    ph("[kernel] exit code ", exit_code);
    ph(" syscalls ", n_sys);
    ph(" faults ", n_fault);
    ph(" ticks ", ticks);
    println("");
    ph("[kernel] secret still ", rd32(0x40100000));
    ph(" RO page ", rd32(0x40200004));
    println("");
    println("done");
    return 0;
}

/* figures: the Proteus-style costs of the VMM, measured from inside the guest with dynvm's
 * CLOCK hypercall (host nanoseconds) and the generic timer. Not a golden test: the bench
 * module boots it (dynvm.bench.SystemFigures) and reads the "figure NAME VALUE UNIT" lines.
 *   - hypercall round trip: hvc #0x4456 VM_ID, guest -> VMM -> guest
 *   - trapped privileged instructions: an SCTLR write of the same value, a MIDR read, TLBIMVA
 *   - virtual interrupt latency: virtual-timer expiry to the first instruction of the IRQ
 *     handler, while the guest spins (in counter ticks and in spin-loop iterations) and while
 *     it waits in WFI
 * Under qemu it stops at once: the hypercalls are not there. */
#include "lib.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define GICC_IAR  (GICC + 0x0c)
#define GICC_EOIR (GICC + 0x10)
#define CNTV_CVAL_W(v) MCRR(3, 14, v)
#define CNTV_CTL_W(v)  MCR(0, 14, 3, 1, v)
#define CNTVCT()       MRRC(1, 14)

struct hv { u32 r0, r1; };

static struct hv hcall(u32 nr, u32 a1)
{
    register u32 r0 __asm__("r0") = nr;
    register u32 r1 __asm__("r1") = a1;
    __asm__ volatile(".arch_extension virt\n\thvc #0x4456" : "+r"(r0), "+r"(r1) : : "r2", "r3", "memory");
    struct hv r = { r0, r1 };
    return r;
}

static u64 now_ns(void)
{
    struct hv c = hcall(7, 0);
    return ((u64)c.r1 << 32) | c.r0;
}

static void figure(const char *name, u32 value, const char *unit)
{
    print("figure ");
    print(name);
    print(" ");
    print_dec(value);
    print(" ");
    println(unit);
}

static volatile u32 fired, spins_at_irq;
static volatile u64 tick_at_irq;
static volatile u32 spins;

int guest_exc(int kind, struct frame *f)
{
    (void)f;
    if (kind != EXC_IRQ)
        return 0;
    tick_at_irq = CNTVCT();      /* first thing the handler does */
    spins_at_irq = spins;
    u32 iar = rd32(GICC_IAR);
    CNTV_CTL_W(0);
    fired = 1;
    wr32(GICC_EOIR, iar);
    return 1;
}

/* the median of n values (sorts them in place) */
static u32 median(u32 *v, u32 n)
{
    for (u32 i = 1; i < n; i++)
        for (u32 j = i; j > 0 && v[j - 1] > v[j]; j--) { u32 t = v[j]; v[j] = v[j - 1]; v[j - 1] = t; }
    return v[n / 2];
}

#define N 200000u

int main(void)
{
    println("figures");
    if (hcall(4, 0).r0 == 0xffffffffu) {   /* qemu: every HVC is PSCI */
        println("not under dynvm");
        return 0;
    }
    /* warm up: let the translator compile the loops first */
    for (int round = 0; round < 2; round++) {
        u64 t0 = now_ns();
        for (u32 i = 0; i < N; i++) hcall(4, 0);
        u64 t1 = now_ns();
        u32 sctlr = SCTLR_R();
        for (u32 i = 0; i < N; i++) SCTLR_W(sctlr);
        u64 t2 = now_ns();
        u32 sum = 0;
        for (u32 i = 0; i < N; i++) sum += MRC(0, 0, 0, 0);
        u64 t3 = now_ns();
        for (u32 i = 0; i < N; i++) TLBIMVA(0x40000000u + (i & 0xff) * 4096);
        u64 t4 = now_ns();
        if (round == 1) {
            figure("hypercall_round_trip", (u32)((t1 - t0) / N), "ns");
            figure("sctlr_write", (u32)((t2 - t1) / N), "ns");
            figure("midr_read", (u32)((t3 - t2) / N), "ns");
            figure("tlbimva", (u32)((t4 - t3) / N), "ns");
        }
        if (sum == 1) println("");   /* keep the reads */
    }

    /* the virtual timer (PPI 27) through the GIC */
    wr32(GICD + 0x000, 1);
    wr32(GICC + 0x004, 0xff);
    wr32(GICC + 0x000, 1);
    wr32(GICD + 0x100, 1u << 27);
    irq_enable();
    u32 worst_ticks = 0, worst_spins = 0, total_ticks = 0, total_spins = 0, wfi_total = 0, wfi_worst = 0;
    enum { rounds = 50 };
    static u32 spin_ticks[rounds], wfi_ticks[rounds];
    for (u32 r = 0; r < rounds; r++) {
        /* spinning guest: count loop passes after the deadline until the handler runs */
        fired = 0;
        spins = 0;
        u64 deadline = CNTVCT() + 6250;           /* 100 us at 62.5 MHz */
        CNTV_CVAL_W(deadline);
        CNTV_CTL_W(1);
        u32 spins_at_deadline = 0;
        while (!fired) {
            spins++;
            if (!spins_at_deadline && CNTVCT() >= deadline) spins_at_deadline = spins;
        }
        u32 ticks = (u32)(tick_at_irq - deadline);
        u32 s = spins_at_deadline ? spins_at_irq - spins_at_deadline : 0;
        total_ticks += ticks;
        total_spins += s;
        spin_ticks[r] = ticks;
        if (ticks > worst_ticks) worst_ticks = ticks;
        if (s > worst_spins) worst_spins = s;
        /* waiting guest: WFI until the timer */
        fired = 0;
        deadline = CNTVCT() + 6250;
        CNTV_CVAL_W(deadline);
        CNTV_CTL_W(1);
        while (!fired) __asm__ volatile("wfi");
        ticks = (u32)(tick_at_irq - deadline);
        wfi_total += ticks;
        wfi_ticks[r] = ticks;
        if (ticks > wfi_worst) wfi_worst = ticks;
    }
    /* 62.5 MHz: one tick is 16 ns */
    figure("irq_latency_spinning_mean", total_ticks / rounds * 16, "ns");
    figure("irq_latency_spinning_median", median(spin_ticks, rounds) * 16, "ns");
    figure("irq_latency_spinning_max", worst_ticks * 16, "ns");
    figure("irq_latency_spinning_mean_loop_passes", total_spins / rounds, "passes");
    figure("irq_latency_spinning_max_loop_passes", worst_spins, "passes");
    figure("irq_latency_wfi_mean", wfi_total / rounds * 16, "ns");
    figure("irq_latency_wfi_median", median(wfi_ticks, rounds) * 16, "ns");
    figure("irq_latency_wfi_max", wfi_worst * 16, "ns");
    println("done");
    return 0;
}

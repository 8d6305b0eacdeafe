/* timer_gic: GICv2 (distributor 0x08000000, CPU interface 0x08010000) with SGIs, priority
 * masking, and the generic timer's virtual (PPI 27) and non-secure physical (PPI 30) timers,
 * waiting with WFI. Only deterministic data is printed: ids, counts, status bits. */
#include "lib.h"

#define GICD 0x08000000u
#define GICC 0x08010000u
#define GICD_CTLR       (GICD + 0x000)
#define GICD_TYPER      (GICD + 0x004)
#define GICD_IIDR       (GICD + 0x008)
#define GICD_ISENABLER0 (GICD + 0x100)
#define GICD_ICENABLER0 (GICD + 0x180)
#define GICD_ISPENDR0   (GICD + 0x200)
#define GICD_IPRIORITYR (GICD + 0x400)
#define GICD_ICFGR1     (GICD + 0xc04)
#define GICD_SGIR       (GICD + 0xf00)
#define GICC_CTLR       (GICC + 0x00)
#define GICC_PMR        (GICC + 0x04)
#define GICC_BPR        (GICC + 0x08)
#define GICC_IAR        (GICC + 0x0c)
#define GICC_EOIR       (GICC + 0x10)
#define GICC_RPR        (GICC + 0x14)
#define GICC_HPPIR      (GICC + 0x18)
#define GICC_IIDR       (GICC + 0xfc)

#define CNTV_TVAL_W(v) MCR(0, 14, 3, 0, v)
#define CNTV_CTL_W(v)  MCR(0, 14, 3, 1, v)
#define CNTV_CTL_R()   MRC(0, 14, 3, 1)
#define CNTP_TVAL_W(v) MCR(0, 14, 2, 0, v)
#define CNTP_CTL_W(v)  MCR(0, 14, 2, 1, v)
#define CNTP_CTL_R()   MRC(0, 14, 2, 1)

#define PERIOD 20000u   /* ticks of CNTFRQ (62.5 MHz on QEMU): 320 us */

static volatile u32 n_irq, n_sgi, n_virt, n_phys, n_wfi_virt, n_wfi_phys;

static void set_prio(u32 id, u32 prio)
{
    *(volatile u8 *)(GICD_IPRIORITYR + id) = (u8)prio;
}

int guest_exc(int kind, struct frame *f)
{
    (void)f;
    if (kind != EXC_IRQ)
        return 0;
    u32 iar = rd32(GICC_IAR);
    u32 id = iar & 0x3ff;
    n_irq++;
    ph("  irq IAR=", iar);
    ph(" RPR=", rd32(GICC_RPR));
    if (id < 16) {
        n_sgi++;
        ph(" sgi count=", n_sgi);
    } else if (id == 27) {
        n_virt++;
        ph(" CNTV_CTL=", CNTV_CTL_R());
        ph(" virt count=", n_virt);
        if (n_virt < 5) CNTV_TVAL_W(PERIOD); else CNTV_CTL_W(0);
    } else if (id == 30) {
        n_phys++;
        ph(" CNTP_CTL=", CNTP_CTL_R());
        ph(" phys count=", n_phys);
        if (n_phys < 5) CNTP_TVAL_W(PERIOD); else CNTP_CTL_W(0);
    } else {
        print(" unexpected");
    }
    println("");
    if (id != 1023)
        wr32(GICC_EOIR, iar);
    return 1;
}

int main(void)
{
    println("timer_gic");
    print_reg("GICD_TYPER", rd32(GICD_TYPER));
    print_reg("GICD_IIDR", rd32(GICD_IIDR));
    print_reg("GICC_IIDR", rd32(GICC_IIDR));
    print_reg("CNTFRQ", MRC(0, 14, 0, 0));

    wr32(GICD_CTLR, 0);
    for (u32 id = 0; id < 32; id++) set_prio(id, 0xa0);
    set_prio(0, 0x40);
    set_prio(1, 0xc0);
    set_prio(27, 0x80);
    set_prio(30, 0x60);
    wr32(GICD_ISENABLER0, (1u << 0) | (1u << 1) | (1u << 27) | (1u << 30));
    print_reg("GICD_ISENABLER0", rd32(GICD_ISENABLER0));
    print_reg("GICD_IPRIORITYR0", rd32(GICD_IPRIORITYR));
    print_reg("GICD_IPRIORITYR6", rd32(GICD_IPRIORITYR + 24));
    print_reg("GICD_IPRIORITYR7", rd32(GICD_IPRIORITYR + 28));
    print_reg("GICD_ICFGR1", rd32(GICD_ICFGR1));
    wr32(GICD_CTLR, 1);
    wr32(GICC_PMR, 0xf0);
    wr32(GICC_BPR, 0);
    wr32(GICC_CTLR, 1);
    print_reg("GICD_CTLR", rd32(GICD_CTLR));
    print_reg("GICC_CTLR", rd32(GICC_CTLR));
    print_reg("GICC_PMR", rd32(GICC_PMR));

    println("SGI 0 to self (IRQs masked until cpsie):");
    wr32(GICD_SGIR, (2u << 24) | 0);
    DSB();
    print_reg("  GICD_ISPENDR0", rd32(GICD_ISPENDR0));
    print_reg("  GICC_HPPIR", rd32(GICC_HPPIR));
    irq_enable();
    ISB();
    irq_disable();
    println("SGI 1 with priority 0xc0 under PMR 0x80:");
    wr32(GICC_PMR, 0x80);
    wr32(GICD_SGIR, (2u << 24) | 1);
    DSB();
    irq_enable();
    ISB();
    irq_disable();
    print_reg("  still pending: GICD_ISPENDR0", rd32(GICD_ISPENDR0));
    println("  PMR <- 0xf0");
    wr32(GICC_PMR, 0xf0);
    irq_enable();
    ISB();
    irq_disable();
    print_reg("  GICD_ISPENDR0", rd32(GICD_ISPENDR0));

    println("virtual timer, PPI 27:");
    CNTV_TVAL_W(PERIOD);
    CNTV_CTL_W(1);
    irq_enable();
    while (n_virt < 5) {
        __asm__ volatile("wfi");
    }
    irq_disable();
    print_reg("  CNTV_CTL", CNTV_CTL_R());

    println("physical timer, PPI 30:");
    CNTP_TVAL_W(PERIOD);
    CNTP_CTL_W(1);
    irq_enable();
    while (n_phys < 5) {
        __asm__ volatile("wfi");
    }
    irq_disable();
    print_reg("  CNTP_CTL", CNTP_CTL_R());

    println("masked timer (IMASK=1) fires no interrupt:");
    CNTV_TVAL_W(0);
    CNTV_CTL_W(3);
    ISB();
    for (volatile u32 i = 0; i < 1000; i++) { }
    print_reg("  CNTV_CTL", CNTV_CTL_R());
    irq_enable();
    ISB();
    irq_disable();
    CNTV_CTL_W(0);
    print_reg("  GICD_ISPENDR0", rd32(GICD_ISPENDR0));

    ph("interrupts: ", n_irq);
    ph(" sgi ", n_sgi);
    ph(" virt ", n_virt);
    ph(" phys ", n_phys);
    println("");
    println("done");
    return 0;
}

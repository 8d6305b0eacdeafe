/* mmu_short: ARMv7 short-descriptor translation (TTBCR.EAE=0) on QEMU virt.
 * Identity map of RAM (0x40000000-0x47ffffff) and devices (0x08000000-0x09ffffff) as 1 MiB
 * sections, then test mappings above 0x80000000. Physical scratch pages start at 0x40300000.
 * Faults are caught by the lib probes, which print the DFSR/DFAR or IFSR/IFAR they saw. */
#include "lib.h"

static u32 tblA[4096] __attribute__((aligned(16384)));
static u32 tblB[4096] __attribute__((aligned(16384)));
static u32 tblC[4096] __attribute__((aligned(16384)));   /* TTBR1 table */
static u32 l2[256] __attribute__((aligned(1024)));

#define NORM_S  ((1u << 12) | (1u << 3) | (1u << 2))   /* section TEX=001 C=1 B=1 */
#define DEV_S   ((1u << 4) | (1u << 2))                /* section XN, shareable device */
#define NORM_P  ((1u << 6) | (1u << 3) | (1u << 2))    /* small page TEX=001 C B */
#define NORM_LP ((1u << 12) | (1u << 3) | (1u << 2))   /* large page TEX=001 C B */

/* ap = AP[2:0] as one number (AP[2] is APX) */
static u32 sect(u32 pa, u32 ap, u32 dom, u32 xn, u32 attr)
{
    return (pa & 0xfff00000u) | ((ap >> 2) << 15) | ((ap & 3) << 10) | (dom << 5) | (xn << 4) | attr | 2;
}
static u32 page(u32 pa, u32 ap, u32 xn)
{
    return (pa & 0xfffff000u) | ((ap >> 2) << 9) | ((ap & 3) << 4) | NORM_P | 2 | xn;
}
static u32 large(u32 pa, u32 ap, u32 xn)
{
    return (pa & 0xffff0000u) | (xn << 15) | ((ap >> 2) << 9) | ((ap & 3) << 4) | NORM_LP | 1;
}

static void base_map(u32 *t)
{
    for (u32 i = 0x080; i < 0x0a0; i++) t[i] = sect(i << 20, 3, 0, 1, DEV_S);
    for (u32 i = 0x400; i < 0x480; i++) t[i] = sect(i << 20, 3, 0, 0, NORM_S);
}

static void sync_tlb(void) { DSB(); TLBIALL(); DSB(); ISB(); }

static void rd(const char *what, u32 va)
{
    print(what);
    ph(": read ", va);
    if (probe_read(va)) {
        ph(" fault DFSR=", probe_fsr);
        ph(" DFAR=", probe_far);
    } else {
        ph(" -> ", probe_value);
    }
    println("");
}

static void wr(const char *what, u32 va, u32 v)
{
    print(what);
    ph(": write ", va);
    ph(" <- ", v);
    if (probe_write(va, v)) {
        ph(" fault DFSR=", probe_fsr);
        ph(" DFAR=", probe_far);
    } else {
        print(" ok");
    }
    println("");
}

static u32 ret42(void) { return 0x42; }
static void call_at(u32 va) { probe_value = ((u32 (*)(void))va)(); }

static void ex(const char *what, u32 va)
{
    print(what);
    ph(": call ", va);
    probe_value = 0;
    if (probe(call_at, va)) {
        ph(" fault IFSR=", probe_fsr);
        ph(" IFAR=", probe_far);
    } else {
        ph(" -> returned ", probe_value);
    }
    println("");
}

int main(void)
{
    println("mmu_short");
    /* physical scratch data, written with the MMU off */
    wr32(0x40300000, 0x5ec71011);          /* section target */
    wr32(0x41123450, 0x5e9e5ec7);          /* supersection target */
    wr32(0x40401000, 0x5a11aaaa);          /* small page target */
    wr32(0x40402000, 0x5a11bbbb);          /* small page, remapped */
    wr32(0x4041abc0, 0x1a7e0064);          /* large page target */
    wr32(0x40500000, 0xaaaa0000);          /* TTBR0 switch: table A */
    wr32(0x40600000, 0xbbbb0000);          /* TTBR0 switch: table B */
    wr32(0x40700000, 0x77770001);          /* TTBR1 target */
    wr32(0x40800000, 0xd0d0d0d0);          /* domain test */
    wr32(0x40900000, 0x0000a9a9);          /* read-only section */

    base_map(tblA);
    tblA[0x800] = sect(0x40300000, 3, 0, 0, NORM_S);                 /* 1 MiB section */
    for (u32 i = 0; i < 16; i++)                                      /* 16 MiB supersection */
        tblA[0x810 + i] = (0x41000000u) | (1u << 18) | (3u << 10) | NORM_S | 2;
    tblA[0x820] = (u32)l2 | 1;                                        /* second-level table, domain 0 */
    l2[0x01] = page(0x40401000, 3, 0);                                /* 4 KiB small page */
    l2[0x03] = page(0x40403000, 3, 0);                                /* alias 1 */
    l2[0x04] = page(0x40403000, 3, 0);                                /* alias 2 */
    l2[0x05] = page(0x40404000, 5, 0);                                /* small page, PL1 read-only */
    l2[0x06] = page(0x40000000, 3, 1);                                /* small page, XN, over the code */
    for (u32 i = 0; i < 16; i++)                                      /* 64 KiB large page */
        l2[0x10 + i] = large(0x40410000, 3, 0);
    tblA[0x830] = sect(0x40500000, 3, 0, 0, NORM_S);                  /* differs in table B */
    tblA[0x840] = sect(0x40800000, 3, 1, 0, NORM_S);                  /* domain 1, AP=011 */
    tblA[0x841] = sect(0x40800000, 5, 1, 0, NORM_S);                  /* domain 1, AP=101 (PL1 RO) */
    tblA[0x850] = sect(0x40900000, 5, 0, 0, NORM_S);                  /* PL1 read-only */
    tblA[0x860] = sect(0x40000000, 3, 0, 1, NORM_S);                  /* code, XN */
    tblA[0x870] = sect(0x40000000, 3, 0, 0, NORM_S);                  /* code, executable alias */
    for (u32 i = 0; i < 4096; i++) tblB[i] = tblA[i];
    tblB[0x830] = sect(0x40600000, 3, 0, 0, NORM_S);
    tblC[0x800] = sect(0x40700000, 3, 0, 0, NORM_S);                  /* TTBR1: 0x80000000 */
    tblC[0x870] = sect(0x40000000, 3, 0, 0, NORM_S);

    TTBCR_W(0);
    TTBR0_W((u32)tblA);
    DACR_W(0x5);                           /* domains 0 and 1: client */
    sync_tlb();
    SCTLR_W(SCTLR_R() | 1);
    ISB();
    print_reg("SCTLR", SCTLR_R());

    rd("section 0x80000000->0x40300000", 0x80000000);
    rd("supersection 0x81000000->0x41000000", 0x81123450);
    rd("small page 0x82001000->0x40401000", 0x82001000);
    rd("large page 0x82010000->0x40410000", 0x8201abc0);
    rd("large page last 4K", 0x8201f000);
    wr("alias 0x82003000", 0x82003010, 0xa11a5001);
    rd("alias 0x82004000", 0x82004010);
    wr("alias 0x82004000", 0x82004014, 0xa11a5002);
    rd("alias 0x82003000", 0x82003014);
    rd("physical 0x40403014", 0x40403014);
    rd("unmapped L2 slot", 0x82002000);
    rd("unmapped section", 0x88000000);
    wr("unmapped section", 0x88000004, 1);

    println("TTBR0 switch:");
    rd("table A 0x83000000", 0x83000000);
    TTBR0_W((u32)tblB);
    sync_tlb();
    rd("table B 0x83000000", 0x83000000);
    TTBR0_W((u32)tblA);
    sync_tlb();
    rd("table A 0x83000000", 0x83000000);

    println("TLBIMVA after changing a small page:");
    rd("before", 0x82001000);
    l2[0x01] = page(0x40402000, 3, 0);
    DSB();
    TLBIMVA(0x82001000);
    DSB();
    ISB();
    rd("after TLBIMVA", 0x82001000);
    l2[0x01] = 0;                          /* now a translation fault */
    DSB();
    TLBIMVA(0x82001000);
    DSB();
    ISB();
    rd("entry cleared", 0x82001000);

    println("TTBCR.N=1, TTBR1 for 0x80000000-0xffffffff:");
    TTBR1_W((u32)tblC);
    TTBCR_W(1);
    sync_tlb();
    rd("via TTBR1 0x80000000", 0x80000000);
    rd("via TTBR1 0x81000000 (unmapped there)", 0x81000000);
    rd("via TTBR0 0x40300000", 0x40300000);
    ex("via TTBR1 0x87000000 code", 0x87000000 + ((u32)ret42 - 0x40000000));
    TTBCR_W(0);
    sync_tlb();
    rd("TTBCR.N=0 again 0x80000000", 0x80000000);

    println("domains:");
    rd("domain 1 client AP=011", 0x84000000);
    DACR_W(0x1);                           /* domain 1: no access */
    ISB();
    rd("domain 1 no access", 0x84000000);
    wr("domain 1 no access", 0x84000004, 2);
    rd("domain 1 no access (section 2)", 0x84100000);
    DACR_W(0xd);                           /* domain 1: manager */
    ISB();
    wr("domain 1 manager AP=101", 0x84100008, 0x3a3a3a3a);
    rd("domain 1 manager", 0x84000008);
    DACR_W(0x5);                           /* domain 1: client */
    ISB();
    wr("domain 1 client AP=101", 0x8410000c, 0x4b4b4b4b);
    rd("domain 1 client AP=101", 0x8410000c);

    println("access permissions:");
    rd("section AP=101", 0x85000000);
    wr("section AP=101", 0x85000000, 0xbad);
    rd("section AP=101", 0x85000000);
    wr32(0x40404000, 0x9a9e0005);
    rd("small page AP=101", 0x82005000);
    wr("small page AP=101", 0x82005000, 0xbad);

    println("execute never:");
    ex("alias 0x87000000 code", 0x87000000 + ((u32)ret42 - 0x40000000));
    ex("section XN 0x86000000 code", 0x86000000 + ((u32)ret42 - 0x40000000));
    ex("small page XN 0x82006000 code", 0x82006000 + (((u32)ret42 - 0x40000000) & 0xfff));
    ex("unmapped 0x89000000", 0x89000000);

    SCTLR_W(SCTLR_R() & ~1u);
    ISB();
    sync_tlb();
    println("MMU off");
    rd("physical 0x40403010", 0x40403010);
    rd("physical 0x40800008", 0x40800008);
    println("done");
    return 0;
}

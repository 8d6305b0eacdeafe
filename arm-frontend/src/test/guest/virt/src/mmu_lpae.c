/* mmu_lpae: long-descriptor translation (TTBCR.EAE=1, T0SZ=0: TTBR0 covers 4 GiB, the walk
 * starts at level 1 with 4 entries). MAIR0/1, 1 GiB and 2 MiB blocks, 4 KiB pages through
 * three levels, TTBR0 written with MCRR, ATS1CPR/PAR, and long-format fault status. */
#include "lib.h"

typedef u64 desc;
static desc l1[4] __attribute__((aligned(4096)));
static desc l2_dev[512] __attribute__((aligned(4096)));
static desc l2_ram[512] __attribute__((aligned(4096)));
static desc l3[512] __attribute__((aligned(4096)));

#define ATTR_DEV  0u   /* MAIR attr index 0: 0x00 Device-nGnRnE (strongly ordered) */
#define ATTR_NORM 2u   /* MAIR attr index 2: 0xff Normal WB */
#define AF        (1u << 10)
#define SH_INNER  (3u << 8)
#define AP_RO     (1u << 7)  /* AP[2] */
#define XN        (1ull << 54)

static desc block(u64 pa, u32 attr, u32 lo) { return pa | (attr << 2) | lo | 1; }
static desc table(void *t) { return (u32)t | 3; }
static desc pg(u64 pa, u32 attr, u32 lo) { return pa | (attr << 2) | lo | 3; }

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

static u32 ret77(void) { return 0x77; }
static void call_at(u32 va) { probe_value = ((u32 (*)(void))va)(); }

static void ex(const char *what, u32 va)
{
    print(what);
    ph(": call ", va);
    if (probe(call_at, va)) {
        ph(" fault IFSR=", probe_fsr);
        ph(" IFAR=", probe_far);
    } else {
        ph(" -> returned ", probe_value);
    }
    println("");
}

static void at(u32 va)
{
    MCR(0, 7, 8, 0, va);                   /* ATS1CPR */
    ISB();
    ph("ATS1CPR ", va);
    print(" PAR=");
    print_hex64(MRRC(0, 7));
    println("");
}

int main(void)
{
    println("mmu_lpae");
    wr32(0x40300000, 0x1a9e0001);          /* seen through the 1 GiB block */
    wr32(0x40401000, 0x1a9e0003);          /* 4 KiB page */
    wr32(0x40402000, 0x1a9e0004);          /* read-only 4 KiB page */
    wr32(0x40612340, 0x1a9e0002);          /* 2 MiB block */

    /* level 1: 0-1G table (devices), 1-2G table (RAM), 2-3G 1 GiB block onto RAM, 3-4G invalid */
    l1[0] = table(l2_dev);
    l1[1] = table(l2_ram);
    l1[2] = block(0x40000000, ATTR_NORM, AF | SH_INNER);
    l1[3] = 0;
    for (u32 i = 64; i < 80; i++)          /* 0x08000000-0x09ffffff: 2 MiB device blocks */
        l2_dev[i] = block((u64)i << 21, ATTR_DEV, AF) | XN;
    for (u32 i = 0; i < 64; i++)           /* 0x40000000-0x47ffffff identity, 2 MiB blocks */
        l2_ram[i] = block(0x40000000ull + ((u64)i << 21), ATTR_NORM, AF | SH_INNER);
    l2_ram[64] = table(l3);                /* 0x48000000: 4 KiB pages */
    l3[1] = pg(0x40401000, ATTR_NORM, AF | SH_INNER);
    l3[2] = pg(0x40402000, ATTR_NORM, AF | SH_INNER | AP_RO);
    l3[3] = 0;
    l3[4] = pg(0x40403000, ATTR_NORM, SH_INNER);            /* AF=0 */
    l2_ram[65] = block(0x40600000, ATTR_NORM, AF | SH_INNER);        /* 0x48200000 -> 0x40600000 */
    l2_ram[66] = 0;                                                   /* 0x48400000: invalid */
    l2_ram[67] = block(0x40000000, ATTR_NORM, AF | SH_INNER) | XN;    /* 0x48600000: code, XN */
    l2_ram[68] = block(0x40000000, ATTR_NORM, AF | SH_INNER);         /* 0x48800000: code */
    l2_ram[69] = block(0x40600000, ATTR_NORM, SH_INNER);              /* 0x48a00000: AF=0 */

    MCR(0, 10, 2, 0, 0x44ff0400);          /* MAIR0: attr0 00, attr1 04, attr2 ff, attr3 44 */
    MCR(0, 10, 2, 1, 0x0000bbee);          /* MAIR1: attr4 ee, attr5 bb */
    TTBCR_W(0x80000000u);                  /* EAE=1, T0SZ=0, walks non-cacheable */
    MCRR(0, 2, (u64)(u32)l1);              /* TTBR0, 64-bit, ASID 0 */
    sync_tlb();
    print_reg("TTBCR", MRC(0, 2, 0, 2));
    print("TTBR0=");
    print_hex64(MRRC(0, 2));
    println("");
    print_reg("MAIR0", MRC(0, 10, 2, 0));
    print_reg("MAIR1", MRC(0, 10, 2, 1));
    SCTLR_W(SCTLR_R() | 1);
    ISB();
    print_reg("SCTLR", SCTLR_R());

    rd("identity 2 MiB block", 0x40300000);
    rd("1 GiB block 0x80000000->0x40000000", 0x80300000);
    rd("2 MiB block 0x48200000->0x40600000", 0x48212340);
    rd("4 KiB page 0x48001000->0x40401000", 0x48001000);
    rd("4 KiB page read-only", 0x48002000);
    wr("4 KiB page read-only", 0x48002000, 0xbad);
    wr("1 GiB block write", 0x80300004, 0x600d);
    rd("physical after it", 0x40300004);
    rd("level 3 invalid", 0x48003000);
    rd("level 2 invalid", 0x48400000);
    wr("level 1 invalid", 0xc0000000, 1);
    rd("level 3 AF=0", 0x48004000);
    rd("level 2 AF=0", 0x48a00000);
    ex("2 MiB block code", 0x48800000 + ((u32)ret77 - 0x40000000));
    ex("2 MiB block XN", 0x48600000 + ((u32)ret77 - 0x40000000));
    ex("level 1 invalid", 0xc0001000);
    at(0x48001234);
    at(0x80300010);
    at(0x09000000);
    at(0x48003000);

    println("remap a 4 KiB page, TLBIMVA:");
    l3[1] = pg(0x40402000, ATTR_NORM, AF | SH_INNER);
    DSB();
    TLBIMVA(0x48001000);
    DSB();
    ISB();
    rd("4 KiB page 0x48001000->0x40402000", 0x48001000);

    SCTLR_W(SCTLR_R() & ~1u);
    ISB();
    TTBCR_W(0);
    sync_tlb();
    println("MMU off");
    rd("physical 0x40300004", 0x40300004);
    println("done");
    return 0;
}

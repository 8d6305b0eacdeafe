/* alignment: unaligned accesses with SCTLR.A=0 and A=1, MMU off and on (normal memory).
 * Architecturally (ARMv7 ARM A3.2.1, B2.4.8) MMU-off data accesses are Strongly-ordered and an
 * unaligned access to them faults even with A=0; QEMU 7.2 does not model that (see README), so
 * this golden records QEMU's behaviour. LDM/LDRD/LDREX alignment checks are A-independent. */
#include "lib.h"

static u32 tt[4096] __attribute__((aligned(16384)));

static void ldr(u32 a) { probe_value = rd32(a); }
static void ldrh(u32 a) { probe_value = *(volatile u16 *)a; }
static void str(u32 a) { *(volatile u32 *)a = 0xa1b2c3d4; probe_value = rd32(a & ~3u); }
static void ldm(u32 a)
{
    u32 x, y;
    __asm__ volatile("ldm %2, {%0, %1}" : "=r"(x), "=r"(y) : "r"(a) : "memory");
    probe_value = x ^ y;
}
static void ldrd(u32 a)
{
    register u32 x __asm__("r2");
    register u32 y __asm__("r3");
    __asm__ volatile("ldrd %0, %1, [%2]" : "=r"(x), "=r"(y) : "r"(a) : "memory");
    probe_value = x ^ y;
}
static void ldrex(u32 a)
{
    u32 x;
    __asm__ volatile("ldrex %0, [%1]\n\tclrex" : "=r"(x) : "r"(a) : "memory");
    probe_value = x;
}

static void t(const char *what, void (*f)(u32), u32 a)
{
    for (u32 i = 0; i < 4; i++) wr32(0x40200000 + 4 * i, 0x03020100 + 0x04040404 * i);
    print("  ");
    print(what);
    ph(" ", a);
    if (probe(f, a)) {
        ph(" fault DFSR=", probe_fsr);
        ph(" DFAR=", probe_far);
    } else {
        ph(" -> ", probe_value);
    }
    println("");
}

static void tour(void)
{
    t("ldr  ", ldr, 0x40200001);
    t("ldrh ", ldrh, 0x40200001);
    t("str  ", str, 0x40200003);
    t("ldm  ", ldm, 0x40200002);
    t("ldrd ", ldrd, 0x40200004);
    t("ldrd ", ldrd, 0x40200002);
    t("ldrex", ldrex, 0x40200002);
}

int main(void)
{
    println("alignment");
    println("MMU off, SCTLR.A=0:");
    tour();
    SCTLR_W(SCTLR_R() | 2);
    ISB();
    println("MMU off, SCTLR.A=1:");
    tour();
    SCTLR_W(SCTLR_R() & ~2u);
    for (u32 i = 0x080; i < 0x0a0; i++) tt[i] = (i << 20) | (1u << 4) | (1u << 2) | (3u << 10) | 2;
    for (u32 i = 0x400; i < 0x480; i++) tt[i] = (i << 20) | (1u << 12) | (3u << 2) | (3u << 10) | 2;
    TTBCR_W(0);
    TTBR0_W((u32)tt);
    DACR_W(1);
    TLBIALL();
    DSB();
    ISB();
    SCTLR_W(SCTLR_R() | 1);
    ISB();
    println("MMU on, normal memory, SCTLR.A=0:");
    tour();
    SCTLR_W(SCTLR_R() | 2);
    ISB();
    println("MMU on, normal memory, SCTLR.A=1:");
    tour();
    SCTLR_W(SCTLR_R() & ~3u);
    ISB();
    println("done");
    return 0;
}

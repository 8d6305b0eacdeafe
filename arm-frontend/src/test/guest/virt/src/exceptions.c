/* exceptions: a tour of the AArch32 exception model on QEMU virt (cortex-a15, no EL2/EL3).
 * Handlers (lib vectors -> guest_exc) print kind, handler mode, SPSR and the preferred
 * return address, then the kind-specific syndrome, and continue. Return forms used by
 * the lib stubs: undef MOVS pc,lr; svc LDM {..,pc}^; pabt SRS+RFE; dabt SUBS pc,lr,#8. */
#include "lib.h"

void arm_svc(void);
void arm_udf(void);
void arm_bkpt(void);
void thumb_svc_udf(void);
void thumb_bkpt(void);
u32 thumb_read_skip(u32 addr);
void thumb_udf_w(void);
u32 read_skip(u32 addr);
void write_skip(u32 addr, u32 v);
u32 do_smc(u32 r0);
u32 do_hvc(u32 r0, u32 r1);
void jump_to(u32 addr);
void enter_user(void (*fn)(void));
void enter_user_cps(void (*fn)(void));
void enter_user_msr(void (*fn)(void));
void user_code(void);

static volatile u32 n_exc, n_dabt, last_fsr;

int guest_exc(int kind, struct frame *f)
{
    u32 thumb = (f->spsr >> 5) & 1;
    u32 ret = exc_pref_return(kind, f);
    n_exc++;
    print("  exc ");
    print(exc_name[kind]);
    ph(" mode=", get_cpsr() & 0x1f);
    ph(" spsr=", f->spsr);
    ph(" ret=", ret);
    switch (kind) {
    case EXC_SVC: {
        u32 imm = thumb ? (*(volatile u16 *)(f->lr - 2) & 0xff) : (*(volatile u32 *)(f->lr - 4) & 0xffffff);
        ph(" imm=", imm);
        ph(" r0=", f->r[0]);
        println("");
        if (imm == 0xff) {      /* the user task is finished: back to the kernel, in SVC mode */
            f->spsr = (f->spsr & 0xf8000000u) | 0x1d3;
            exc_resume(kind, f, (u32)probe_recover_addr());
        }
        return 1;
    }
    case EXC_UND: {
        /* LR_und = UNDEFINED instruction + 4 (A32) or + 2 (T16 and T32 alike) */
        u32 insn = thumb ? *(volatile u16 *)ret : *(volatile u32 *)ret, len = thumb ? 2 : 4;
        if (thumb && (insn >> 11) >= 0x1d) {   /* first halfword of a 32-bit Thumb instruction */
            insn = (insn << 16) | *(volatile u16 *)(ret + 2);
            len = 4;
        }
        ph(" insn=", insn);
        println("");
        exc_resume(kind, f, ret + len);        /* skip it */
        return 1;
    }
    case EXC_PABT: {
        u32 ifsr = IFSR_R();
        ph(" IFSR=", ifsr);
        if ((ifsr & 0x40f) == 0x2) {           /* debug event (BKPT): skip the BKPT */
            println("");
            exc_resume(kind, f, ret + (thumb ? 2 : 4));
            return 1;
        }
        ph(" IFAR=", IFAR_R());
        println("");
        return 0;                              /* the lib probe resumes after the call */
    }
    case EXC_DABT:
        last_fsr = DFSR_R();
        ph(" DFSR=", last_fsr);
        ph(" DFAR=", DFAR_R());
        println("");
        n_dabt++;
        exc_resume(kind, f, ret + (thumb ? 2 : 4));   /* skip the access (A32 or 16-bit T32) */
        return 1;
    }
    println("");
    return 0;
}

static void probe_rd(const char *what, u32 a)
{
    u32 before = n_dabt;
    print("read ");
    print_hex(a);
    print(" (");
    print(what);
    println(")");
    u32 v = read_skip(a);
    if (n_dabt == before) {
        ph("  -> data ", v);
        println("");
    } else {
        println("  -> aborted");
    }
}

static void probe_wr(const char *what, u32 a)
{
    u32 before = n_dabt;
    print("write ");
    print_hex(a);
    print(" (");
    print(what);
    println(")");
    write_skip(a, 0x12345678);
    println(n_dabt == before ? "  -> no abort" : "  -> aborted");
}

/* short-descriptor section: AP=11, domain 0, TEX/C/B given */
static u32 l1[4096] __attribute__((aligned(16384)));
#define SECT(pa, attr) (((pa) & 0xfff00000u) | (3u << 10) | (attr) | 2u)
#define SECT_DEV  ((1u << 4) | (1u << 2))          /* XN, shareable device */
#define SECT_NORM ((1u << 12) | (1u << 3) | (1u << 2)) /* TEX=001 C=1 B=1: normal WB */

static void mmu_on(void)
{
    for (u32 i = 0x080; i < 0x0a0; i++) l1[i] = SECT(i << 20, SECT_DEV);   /* GIC, UART, ... */
    for (u32 i = 0x400; i < 0x480; i++) l1[i] = SECT(i << 20, SECT_NORM);  /* 128 MiB RAM */
    DSB();
    TTBCR_W(0);
    TTBR0_W((u32)l1);
    DACR_W(1);                         /* domain 0: client */
    TLBIALL();
    DSB();
    ISB();
    SCTLR_W(SCTLR_R() | 1);
    ISB();
}

static void mmu_off(void)
{
    SCTLR_W(SCTLR_R() & ~1u);
    ISB();
    TLBIALL();
    DSB();
    ISB();
}

int main(void)
{
    println("exceptions");
    println("svc from ARM:");
    arm_svc();
    println("svc and udf from Thumb:");
    thumb_svc_udf();
    println("udf from ARM:");
    arm_udf();
    ph("32-bit udf.w from Thumb, at ", (u32)thumb_udf_w & ~1u);
    println(":");
    thumb_udf_w();
    println("bkpt from ARM:");
    arm_bkpt();
    println("bkpt from Thumb:");
    thumb_bkpt();

    println("hvc #0 PSCI_VERSION:");
    ph("  r0=", do_hvc(0x84000000, 0));
    println("");
    println("hvc #0 PSCI_FEATURES(SYSTEM_OFF):");
    ph("  r0=", do_hvc(0x8400000a, 0x84000008));
    println("");
    println("hvc #0 with a non-PSCI function id (r0=1):");
    ph("  r0=", do_hvc(1, 0));
    println("");
    println("smc #0 PSCI_VERSION:");
    ph("  r0=", do_smc(0x84000000));
    println("");

    println("MMU off, unassigned addresses (external abort on QEMU virt):");
    probe_rd("RAM", 0x40000000);
    probe_rd("gap 0x0a100000", 0x0a100000);
    probe_rd("beyond RAM", 0x48000000);
    probe_wr("beyond RAM", 0x48000000);
    println("from Thumb state:");
    ph("  read 0a100000 -> ", thumb_read_skip(0x0a100000));
    println("");
    ph("  read 40000000 -> ", thumb_read_skip(0x40000000));
    println("");
    ph("data aborts so far: ", n_dabt);
    println("");

    println("MMU on (sections: RAM, 0x08000000-0x09ffffff device):");
    mmu_on();
    ph("  SCTLR=", SCTLR_R());
    println("");
    probe_rd("mapped RAM", 0x40000000);
    probe_rd("unmapped", 0x50000000);
    probe_wr("unmapped", 0x50000004);
    probe_rd("unmapped beyond RAM", 0x48000000);
    println("branch to unmapped 0x60000000:");
    ph("  probe=", probe((void (*)(u32))jump_to, 0x60000000));
    println("");
    mmu_off();
    println("MMU off again");

    println("user mode, entered with MOVS pc, lr:");
    ph("  probe=", probe((void (*)(u32))enter_user, (u32)user_code));
    println("");
    ph("  back in mode ", get_cpsr() & 0x1f);
    println("");
    println("user mode, entered with CPS #0x10:");
    ph("  probe=", probe((void (*)(u32))enter_user_cps, (u32)user_code));
    println("");
    ph("  back in mode ", get_cpsr() & 0x1f);
    println("");
    println("user mode, entered with MSR cpsr_c, #0x10:");
    ph("  probe=", probe((void (*)(u32))enter_user_msr, (u32)user_code));
    println("");
    ph("  back in mode ", get_cpsr() & 0x1f);
    println("");
    ph("exceptions taken: ", n_exc);
    println("");
    println("done");
    return 0;
}

/* memmap: QEMU virt's physical memory map as a guest sees it with the MMU off: which addresses
 * hold devices (a value is printed), which are unassigned (synchronous external abort, DFSR/DFAR
 * printed) and which read as all-ones without aborting (the PCIe windows). Reads are single
 * aligned LDRs skipped by the data-abort handler; a few writes at the end. */
#include "lib.h"

u32 read_skip(u32 addr);
void write_skip(u32 addr, u32 v);
__asm__(
    "    .text\n"
    "    .arm\n"
    "read_skip:\n"
    "    mov   r1, r0\n"
    "    ldr   r0, =0x5a5a5a5a\n"
    "    ldr   r0, [r1]\n"
    "    bx    lr\n"
    "write_skip:\n"
    "    str   r1, [r0]\n"
    "    bx    lr\n"
    "    .ltorg\n");

static volatile u32 n_dabt;

int guest_exc(int kind, struct frame *f)
{
    if (kind != EXC_DABT)
        return 0;
    n_dabt++;
    ph("  abort DFSR=", DFSR_R());
    ph(" DFAR=", DFAR_R());
    println("");
    exc_resume(kind, f, exc_pref_return(kind, f) + 4);
    return 1;
}

static void rd(const char *what, u32 a)
{
    u32 before = n_dabt;
    ph("read ", a);
    print(" (");
    print(what);
    println(")");
    u32 v = read_skip(a);
    if (n_dabt == before) ph("  data ", v), println("");
}

static void wr(const char *what, u32 a)
{
    u32 before = n_dabt;
    ph("write ", a);
    print(" (");
    print(what);
    println(")");
    write_skip(a, 0x12345678);
    if (n_dabt == before) println("  no abort");
}

int main(void)
{
    println("memmap");
    rd("flash1", 0x04000000);
    rd("GICD_CTLR", 0x08000000);
    rd("GICD_IIDR", 0x08000008);
    rd("GICC_IIDR", 0x080100fc);
    rd("GICv2m MSI frame", 0x08020000);
    rd("GICv2m MSI_TYPER", 0x08020008);
    rd("gap 0x08030000", 0x08030000);
    rd("gap 0x08040000", 0x08040000);
    rd("UART PL011 PeriphID0", 0x09000fe0);
    rd("UART PL011 PCellID0", 0x09000ff0);
    rd("UART FR", 0x09000018);
    rd("RTC PL031 PeriphID0", 0x09010fe0);
    rd("fw_cfg data", 0x09020000);
    rd("fw_cfg selector", 0x09020008);
    rd("GPIO PL061 PeriphID0", 0x09030fe0);
    rd("gap 0x09040000", 0x09040000);
    rd("gap 0x09100000", 0x09100000);
    rd("virtio-mmio 0 MagicValue", 0x0a000000);
    rd("virtio-mmio 0 Version", 0x0a000004);
    rd("virtio-mmio 0 DeviceID", 0x0a000008);
    rd("virtio-mmio 31 MagicValue", 0x0a003e00);
    rd("gap after virtio-mmio", 0x0a004000);
    rd("gap 0x0a100000", 0x0a100000);
    rd("platform bus (empty)", 0x0c000000);
    rd("secure RAM (absent, secure=off)", 0x0e000000);
    rd("PCIe MMIO window", 0x10000000);
    rd("PCIe MMIO window", 0x20000000);
    rd("PCIe MMIO window end", 0x3efefffc);
    rd("PCIe PIO window", 0x3eff0000);
    rd("low ECAM (unused: ECAM is at 0x4010000000)", 0x3f000000);
    rd("RAM end", 0x47fffffc);
    rd("beyond RAM", 0x48000000);
    rd("far", 0x80000000);
    rd("far", 0xc0000000);
    rd("top", 0xfffffffc);
    wr("gap 0x0a100000", 0x0a100000);
    wr("beyond RAM", 0x48000000);
    wr("PCIe MMIO window", 0x10000000);
    wr("flash1", 0x04000000);
    ph("data aborts: ", n_dabt);
    println("");
    println("done");
    return 0;
}

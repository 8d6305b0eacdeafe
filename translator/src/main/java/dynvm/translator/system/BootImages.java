package dynvm.translator.system;

import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.spi.Isa;
import dynvm.translator.loader.ElfException;
import dynvm.translator.loader.ElfFile;
import dynvm.translator.loader.ProgramHeader;

/**
 * Puts boot images into a machine's physical memory the way QEMU's {@code -kernel} and
 * {@code -bios} do, so the same image starts in the same state under both:
 * <ul>
 *   <li>an ELF of the machine's ISA is loaded at its segments' physical addresses and started at
 *       its entry, without the Linux protocol (QEMU assumes ELF images are not Linux);</li>
 *   <li>anything else given as a kernel is a Linux image (zImage or raw): loaded
 *       {@value #KERNEL_OFFSET} bytes into RAM and started with the ISA's Linux boot protocol,
 *       the device tree placed in the middle of RAM (at most 128 MiB in) as QEMU places it;</li>
 *   <li>a firmware image (-bios) goes to the start of the boot ROM (flash) and runs from the
 *       reset state; its device tree sits at the start of RAM.</li>
 * </ul>
 */
final class BootImages {
    private BootImages() { }

    /** Where QEMU loads a raw or compressed Linux image: this far into RAM. */
    static final long KERNEL_OFFSET = 0x10000;

    /** A loaded kernel: where it starts, whether it wants the Linux protocol, and where its image ends. */
    record Kernel(int entry, boolean linux, long start, long end) { }

    /** A boot image that cannot be loaded: one line for the user. */
    static final class BootError extends Exception {
        BootError(String message) { super(message, null, false, false); }
    }

    static Kernel loadKernel(String name, byte[] image, Isa isa, PhysicalBus bus, long ramBase, long ramSize) throws BootError {
        if (image.length >= 4 && image[0] == 0x7f && image[1] == 'E' && image[2] == 'L' && image[3] == 'F') {
            ElfFile elf;
            try {
                elf = ElfFile.parse(name, image);
            } catch (ElfException e) {
                throw new BootError(name + ": " + e.getMessage());
            }
            if (elf.machine() != isa.elfMachine())
                throw new BootError(String.format("%s: ELF machine %d, but this machine's CPU is %s (machine %d)", name,
                        elf.machine(), isa.name(), isa.elfMachine()));
            long start = Long.MAX_VALUE, end = 0;
            for (ProgramHeader ph : elf.loadSegments()) {
                if (ph.memsz() == 0) continue;
                long pa = ph.vaddr(); // the toolchains' bare-metal ELFs: physical = virtual, as QEMU loads them
                if (ph.offset() + ph.filesz() > image.length) throw new BootError(name + ": segment " + ph.index() + " is truncated");
                write(bus, pa, image, (int) ph.offset(), (int) ph.filesz(), name);
                zero(bus, pa + ph.filesz(), ph.memsz() - ph.filesz(), name);
                start = Math.min(start, pa);
                end = Math.max(end, pa + ph.memsz());
            }
            return new Kernel((int) elf.entry(), false, start, end);
        }
        long at = ramBase + KERNEL_OFFSET;
        if (image.length > ramSize - KERNEL_OFFSET)
            throw new BootError(String.format("%s: %d bytes do not fit in %d MiB of RAM", name, image.length, ramSize >> 20));
        write(bus, at, image, 0, image.length, name);
        return new Kernel((int) at, true, at, at + image.length);
    }

    /** Where the device tree goes for a Linux kernel: as QEMU, half-way into RAM but at most 128 MiB in. */
    static long linuxDtbAddress(long ramBase, long ramSize, long kernelEnd) {
        long at = ramBase + Math.min(ramSize / 2, 128L << 20);
        return Math.max(at, (kernelEnd + 0xfff) & ~0xfffL);
    }

    /** Copies bytes into physical memory page by page; the target must be RAM or ROM. */
    static void write(PhysicalBus bus, long pa, byte[] src, int off, int len, String what) throws BootError {
        while (len > 0) {
            PhysicalBus.Backing b = bus.backing(pa & ~0xfffL);
            if (b == null) throw new BootError(String.format("%s: 0x%x is not RAM or ROM on this machine", what, pa));
            int n = (int) Math.min(len, 0x1000 - (pa & 0xfff));
            System.arraycopy(src, off, b.array(), b.offset() + (int) (pa & 0xfff), n);
            pa += n;
            off += n;
            len -= n;
        }
    }

    private static void zero(PhysicalBus bus, long pa, long len, String what) throws BootError {
        byte[] zeros = new byte[0x1000];
        while (len > 0) {
            int n = (int) Math.min(len, 0x1000 - (pa & 0xfff));
            write(bus, pa, zeros, 0, n, what);
            pa += n;
            len -= n;
        }
    }
}

package dynvm.translator.system;

import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.spi.Isa;
import dynvm.translator.loader.ElfException;
import dynvm.translator.loader.ElfFile;
import dynvm.translator.loader.ProgramHeader;

/**
 * Copies boot images into a machine's physical memory; where they go is {@link
 * dynvm.microkernel.machine.BootLayout}'s business (the profile's placement rules, QEMU's on
 * {@code virt}), except for an ELF, which says itself:
 * <ul>
 *   <li>an ELF of the machine's ISA is loaded at its segments' physical addresses and started at
 *       its entry, without the Linux protocol (QEMU assumes ELF images are not Linux);</li>
 *   <li>anything else given as a kernel is a Linux image (zImage or raw), copied as is to the
 *       layout's kernel address;</li>
 *   <li>the device tree and the bytes a hypercall delivers are copied with {@link #write}.</li>
 * </ul>
 */
final class BootImages {
    private BootImages() { }

    /** A loaded ELF: where it starts and the physical span its segments cover. */
    record Elf(int entry, long start, long end) { }

    /** A boot image that cannot be loaded: one line for the user. */
    static final class BootError extends Exception {
        BootError(String message) { super(message, null, false, false); }
    }

    static boolean isElf(byte[] image) {
        return image.length >= 4 && image[0] == 0x7f && image[1] == 'E' && image[2] == 'L' && image[3] == 'F';
    }

    /** Loads an ELF of {@code isa}'s machine at its segments' addresses (physical = virtual, as QEMU loads bare-metal ELFs). */
    static Elf loadElf(String name, byte[] image, Isa isa, PhysicalBus bus) throws BootError {
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
            long pa = ph.vaddr();
            if (ph.offset() + ph.filesz() > image.length) throw new BootError(name + ": segment " + ph.index() + " is truncated");
            write(bus, pa, image, (int) ph.offset(), (int) ph.filesz(), name);
            zero(bus, pa + ph.filesz(), ph.memsz() - ph.filesz(), name);
            start = Math.min(start, pa);
            end = Math.max(end, pa + ph.memsz());
        }
        return new Elf((int) elf.entry(), start, end);
    }

    /** Copies a raw (Linux) image to {@code at}; it must end by {@code ramEnd}. */
    static void loadRaw(String name, byte[] image, PhysicalBus bus, long at, long ramEnd) throws BootError {
        if (image.length > ramEnd - at)
            throw new BootError(String.format("%s: %d bytes do not fit in RAM from 0x%x to 0x%x", name, image.length, at, ramEnd));
        write(bus, at, image, 0, image.length, name);
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

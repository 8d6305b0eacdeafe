package dynvm.translator.loader;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;

import java.util.List;

/**
 * Maps the PT_LOAD segments into an address space and fills them: file bytes copied, the rest up
 * to p_memsz (bss) zeroed.
 *
 * <p>Segments may share a page (text ending and data starting in the same 4 KiB). Mapping them one
 * by one would let the second segment's protection replace the first's on that page, so the
 * protection of each page is the union of the segments touching it. Likewise every bss range is
 * zeroed before any file bytes are copied, so one segment's bss can never wipe another's data.
 */
final class SegmentLoader {
    private static final int PRESENT = 0x100;

    private SegmentLoader() {}

    /** Expects {@link ImageLayout#of} to have validated the segments against the window. */
    static void load(ElfFile elf, long bias, AddressSpace space) {
        List<ProgramHeader> loads = elf.loadSegments().stream().filter(ph -> ph.memsz() > 0).toList();
        if (loads.isEmpty()) return;
        long first = Long.MAX_VALUE, last = 0;
        for (ProgramHeader ph : loads) {
            first = Math.min(first, ImageLayout.pageDown(ph.vaddr() + bias));
            last = Math.max(last, ImageLayout.pageUp(ph.vaddr() + bias + ph.memsz()));
        }
        int[] pageProt = new int[(int) ((last - first) / ImageLayout.PAGE)];
        for (ProgramHeader ph : loads) {
            long start = ImageLayout.pageDown(ph.vaddr() + bias), end = ImageLayout.pageUp(ph.vaddr() + bias + ph.memsz());
            for (long p = start; p < end; p += ImageLayout.PAGE)
                pageProt[(int) ((p - first) / ImageLayout.PAGE)] |= PRESENT | prot(ph);
        }
        for (int i = 0; i < pageProt.length; ) {
            int j = i;
            while (j < pageProt.length && pageProt[j] == pageProt[i]) j++;
            if (pageProt[i] != 0)
                space.mapFixed((int) (first + (long) i * ImageLayout.PAGE), (j - i) * ImageLayout.PAGE, pageProt[i] & ~PRESENT);
            i = j;
        }

        GuestMemory mem = space.memory();
        for (ProgramHeader ph : loads)
            if (ph.memsz() > ph.filesz()) mem.zero((int) (ph.vaddr() + bias + ph.filesz()), (int) (ph.memsz() - ph.filesz()));
        for (ProgramHeader ph : loads)
            if (ph.filesz() > 0) mem.poke((int) (ph.vaddr() + bias), elf.bytes(), (int) ph.offset(), (int) ph.filesz());
    }

    /** p_flags (PF_R=4, PF_W=2, PF_X=1) to mmap protection bits. */
    static int prot(ProgramHeader ph) {
        return (ph.readable() ? AddressSpace.PROT_READ : 0) | (ph.writable() ? AddressSpace.PROT_WRITE : 0)
                | (ph.executable() ? AddressSpace.PROT_EXEC : 0);
    }
}

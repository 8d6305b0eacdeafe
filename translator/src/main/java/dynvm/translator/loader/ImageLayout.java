package dynvm.translator.loader;

import java.util.List;

/**
 * Where everything of a user-mode process goes inside its one flat memory window, computed from
 * the program headers alone (no memory is touched here).
 *
 * <pre>
 *   base (lowest PT_LOAD rounded down to 64 KiB)
 *   │ segments … bss │ gap │ stack 8 MiB │ gap │ brk heap (64 MiB) │ anonymous mmaps (bottom-up) … │ guard │
 *                          stackBottom   stackTop  brkBase           mmapLow                    mmapHigh  windowEnd
 * </pre>
 *
 * Everything a process uses sits at the low end of its window, right after the program, and
 * mmaps fill upwards: the window's backing store grows only as far as the process maps, so a
 * small program does not pay for zeroing a 256 MiB window. (Linux also leaves a random gap
 * between bss and the program break; glibc asks brk(0) where the break is.)
 *
 * All addresses are unsigned 32-bit values held in longs, so no sum can wrap silently.
 *
 * A dynamic program's interpreter (ld.so) goes at the bottom of the mmap area, see
 * {@link #interpreterBias}; the libraries it maps follow it there.
 *
 * @param bias added to every link-time address (non-zero only for PIE and static PIE, ET_DYN)
 */
public record ImageLayout(long bias, long base, long windowEnd, long brkBase, long mmapLow, long mmapHigh,
                          long stackBottom, long stackTop) {
    public static final int PAGE = 4096;
    public static final long WINDOW_ALIGN = 64 * 1024;
    /** The main thread's stack by default (Linux's usual RLIMIT_STACK, qemu-user's default). */
    public static final long STACK_SIZE = 8L << 20;
    /** The largest stack {@code -s} may ask for. */
    public static final long MAX_STACK = 1L << 30;
    public static final long GUARD = PAGE;
    public static final long BRK_RESERVE = 64L << 20;
    /** Unmapped space on either side of the stack, so overflows and underflows fault. */
    public static final long STACK_GAP = 64L << 10;
    /** GuestMemory is one byte[]: at most 2 GiB - 4 KiB. */
    public static final long MAX_WINDOW = 0x8000_0000L - PAGE;
    /** Segments must end at or below this, like Linux's TASK_SIZE on 32-bit ISAs. */
    public static final long ADDRESS_LIMIT = 0xffff_f000L;
    /**
     * Where a PIE or static PIE (ET_DYN main program) is placed: low, like a classic 32-bit
     * executable, so page 0 stays unmapped and the rest of the window follows it.
     */
    public static final long DYN_BASE = 0x0040_0000L;

    public long windowSize() { return windowEnd - base; }

    /** Lays out {@code elf} in a window of {@code windowBytes} (rounded up to a page). */
    public static ImageLayout of(ElfFile elf, long windowBytes) throws ElfException {
        return of(elf, windowBytes, STACK_SIZE);
    }

    /** Lays out {@code elf} in a window of {@code windowBytes} with a stack of {@code stackBytes} (both rounded up to a page). */
    public static ImageLayout of(ElfFile elf, long windowBytes, long stackBytes) throws ElfException {
        if (stackBytes <= 0 || stackBytes > MAX_STACK)
            throw new IllegalArgumentException("stack size must be between 1 byte and " + (MAX_STACK >> 20) + " MiB");
        if (windowBytes <= 0 || windowBytes > MAX_WINDOW)
            throw new IllegalArgumentException("memory window must be between 1 byte and " + (MAX_WINDOW >> 20) + " MiB");
        List<ProgramHeader> loads = elf.loadSegments();
        long minVaddr = loads.stream().mapToLong(ProgramHeader::vaddr).min().orElseThrow();
        long bias = elf.type() == ElfFile.ET_DYN ? DYN_BASE - pageDown(minVaddr) : 0;

        long lo = Long.MAX_VALUE, hi = 0;
        ProgramHeader highest = loads.get(0);
        for (ProgramHeader ph : loads) {
            if (ph.memsz() < ph.filesz())
                throw outside(ph, "memsz 0x" + Long.toHexString(ph.memsz()) + " < filesz 0x" + Long.toHexString(ph.filesz()));
            long start = ph.vaddr() + bias, end = start + ph.memsz();
            if (start < 0 || end > ADDRESS_LIMIT)
                throw outside(ph, "0x" + Long.toHexString(start) + "-0x" + Long.toHexString(end) + " ends above 0x"
                        + Long.toHexString(ADDRESS_LIMIT));
            lo = Math.min(lo, start);
            if (end >= hi) { hi = end; highest = ph; }
        }

        long base = lo & -WINDOW_ALIGN;
        long windowEnd = Math.min(base + pageUp(windowBytes), 1L << 32);
        long stackBottom = pageUp(hi) + STACK_GAP, stackTop = stackBottom + pageUp(stackBytes);
        long brkBase = stackTop + STACK_GAP;
        if (brkBase + 2 * PAGE + GUARD > windowEnd)
            throw outside(highest, "the program spans " + mib(pageUp(hi) - base) + " MiB but the memory window is "
                    + mib(windowEnd - base) + " MiB including a " + mib(stackTop - stackBottom) + " MiB stack");
        // The heap gets 64 MiB when the rest of the window leaves at least as much for mmap;
        // in a small window brk and mmap split what is left in half.
        long avail = windowEnd - GUARD - brkBase;
        long brk = avail >= 2 * BRK_RESERVE ? BRK_RESERVE : pageDown(avail / 2);
        return new ImageLayout(bias, base, windowEnd, brkBase, brkBase + brk, windowEnd - GUARD, stackBottom, stackTop);
    }

    /**
     * The load bias for a program interpreter: an ET_DYN interpreter goes at the start of the mmap
     * area (as Linux maps it with mmap, clear of program, stack and brk); an ET_EXEC one stays
     * where it was linked, which must be inside the mmap area.
     */
    public long interpreterBias(ElfFile interp) throws ElfException {
        List<ProgramHeader> loads = interp.loadSegments();
        long lo = Long.MAX_VALUE, hi = 0;
        for (ProgramHeader ph : loads) {
            if (ph.memsz() < ph.filesz()) throw new ElfException("interpreter segment " + ph.index() + " has memsz < filesz");
            lo = Math.min(lo, pageDown(ph.vaddr()));
            hi = Math.max(hi, ph.vaddr() + ph.memsz());
        }
        long bias = interp.type() == ElfFile.ET_DYN ? mmapLow - lo : 0;
        if (lo + bias < mmapLow || hi + bias > mmapHigh)
            throw new ElfException("the interpreter (" + mib(hi - lo) + " MiB) does not fit the memory window's mmap area", dynvm.microkernel.linux.Errno.ENOMEM);
        return bias;
    }

    @Override
    public String toString() {
        return String.format("base 0x%x, brk 0x%x, mmap 0x%x-0x%x, stack 0x%x-0x%x, window end 0x%x, bias 0x%x",
                base, brkBase, mmapLow, mmapHigh, stackBottom, stackTop, windowEnd, bias);
    }

    private static ElfException outside(ProgramHeader ph, String why) {
        return new ElfException("segment " + ph.index() + " outside the address space (" + why + ")");
    }

    private static long mib(long bytes) { return (bytes + (1 << 20) - 1) >> 20; }

    static long pageDown(long a) { return a & -PAGE; }

    static long pageUp(long a) { return (a + PAGE - 1) & -PAGE; }
}

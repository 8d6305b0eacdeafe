package dynvm.spi.sys;

import dynvm.ir.Terminal;

/**
 * One vCPU's privileged state and behaviour in system mode, made by {@link SystemModel#createCpu}.
 * Everything here runs on the vCPU's own thread, between blocks; none of it is on the hot path
 * except {@link #translate} on a soft-MMU TLB miss.
 */
public interface SystemCpu {
    /** {@link #execute} outcomes. */
    int CONTINUE = 0, WAIT_FOR_INTERRUPT = 1, POWER_OFF = 2, RESET = 3, YIELD = 4;

    /** Memory access kinds for {@link #translate} and {@link #abort}. */
    int READ = 0, WRITE = 1, FETCH = 2;

    /** Permission bits in the low bits of {@link #translate}'s result. */
    int PERM_READ = 1, PERM_WRITE = 2, PERM_EXEC = 4;

    /** Architectural reset state, then the pc at {@code entry} (a firmware image or a bare-metal ELF). */
    void reset(int entry);

    /**
     * The ISA's Linux boot protocol: reset state, then the registers a Linux image expects
     * (e.g. ARM: r0 = 0, r1 = 0xffffffff, r2 = the DTB's address), pc at {@code entry}.
     */
    void bootLinux(int entry, int dtbAddress);

    /**
     * Executes a {@link dynvm.spi.Services#SYSTEM} service call the front-end lowered: {@code args}
     * as the block left them, {@code nextPc} the instruction after it. Sets the pc (to
     * {@code nextPc}, or to a vector when the operation raises an exception) and returns one of
     * {@link #CONTINUE}, {@link #WAIT_FOR_INTERRUPT}, {@link #POWER_OFF}, {@link #RESET}, {@link #YIELD}.
     */
    int execute(int[] args, int nextPc);

    /** A block ended in a trap (undefined instruction, breakpoint): take the exception it names. */
    void trap(Terminal.Trap trap);

    /**
     * A memory access at {@code va} failed in {@link #translate} (or on the bus): take the abort.
     * {@code status} is what {@link #translate} put in its fault, or
     * {@link TranslationFault#EXTERNAL} for a bus error.
     */
    void abort(int va, int access, int status);

    /**
     * Translates {@code va} for an access of kind {@code access} at MMU index {@code mmuIndex}.
     * Returns the physical address of the 4 KiB page ({@code pa & ~0xfff}) or-ed with the
     * PERM_* bits the page grants at that index (a fill may cover more than {@code access}), plus
     * {@link #LARGE_PAGE} when the mapping is larger than 4 KiB (flushes by address must then
     * drop more than one page). Throws {@link TranslationFault} when the access is not allowed.
     */
    long translate(int va, int access, int mmuIndex);

    /** Flag in {@link #translate}'s result: the mapping is larger than one 4 KiB page. */
    long LARGE_PAGE = 8;

    /** The MMU index (privilege and regime) accesses use now; changes are told to the platform. */
    int mmuIndex();

    /** Number of distinct MMU indexes (TLBs) this CPU uses. */
    int mmuIndexCount();

    /** The interrupt controller raises or lowers one of this CPU's inputs ({@link #IRQ} or {@link #FIQ}). */
    void setInterruptLine(int line, boolean level);

    int IRQ = 0, FIQ = 1;

    /** Is an interrupt asserted at the CPU's inputs, masked or not (what wakes WFI)? */
    boolean interruptAsserted();

    /** Takes a pending, unmasked interrupt (enters its vector) and returns true; false when none. */
    boolean takeInterrupt();

    /**
     * Privileged registers for a debugger (name to value), in the order a target description
     * lists them; may be empty.
     */
    default java.util.Map<String, Long> debugRegisters() { return java.util.Map.of(); }

    /** Width in bits (32 or 64) of {@link #debugRegisters()} entry {@code name}, as a debugger shows it. */
    default int debugRegisterBits(String name) { return 32; }

    /**
     * A debugger writes {@link #debugRegisters()} entry {@code name}, while the CPU is stopped
     * between slices. The write has the effects the guest's own write of that register would
     * have (a mode change swaps the banked registers, a translation register drops the TLB), so
     * the guest sees the value when it runs on. Returns false when the register is unknown or
     * read-only (the default: a model without writable debug registers).
     */
    default boolean setDebugRegister(String name, long value) { return false; }
}

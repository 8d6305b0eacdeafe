package dynvm.arm.sys;

/**
 * The VMSA translation table walk the system CPU calls on a soft-TLB miss with the MMU on: the
 * seam where {@code Vmsa.translate} (written separately) plugs in. Returns what
 * {@link dynvm.spi.sys.SystemCpu#translate} returns, or throws a TranslationFault whose status is
 * the short- or long-descriptor FSR value of the fault.
 */
@FunctionalInterface
public interface PageTableWalker {
    long walk(Cp15View regs, int va, int access, boolean privileged);

    /** The translation registers a walker reads (implemented by the CP15 state). */
    interface Cp15View {
        int sctlr();
        int ttbcr();
        long ttbr0();
        long ttbr1();
        int dacr();
        int mair0();
        int mair1();
    }

    /** Until a walker is wired: the MMU cannot be turned on. */
    PageTableWalker NONE = (regs, va, access, privileged) -> {
        throw new IllegalStateException("MMU enabled but no VMSA table walker is wired (Vmsa.translate)");
    };
}

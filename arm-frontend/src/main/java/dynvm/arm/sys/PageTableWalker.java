package dynvm.arm.sys;

/**
 * The VMSA translation table walk the system CPU calls on a soft-TLB miss with the MMU on: the
 * seam where {@code Vmsa.translate} (written separately) plugs in. Returns what
 * {@link dynvm.spi.sys.SystemCpu#translate} returns, or throws a TranslationFault whose status is
 * the short- or long-descriptor FSR value of the fault.
 *
 * <p>The shapes match {@code Vmsa}'s: once {@link Cp15View} extends {@code TranslationRegisters}
 * and {@link TableReader} extends {@code Vmsa.TableReader} (same methods), the walker is the
 * method reference {@code Vmsa::translate}.
 */
@FunctionalInterface
public interface PageTableWalker {
    long walk(Cp15View regs, TableReader mem, int va, int access, boolean privileged);

    /**
     * What the mapping of {@code va} puts in the PAR of an ATS1C* that {@link #walk} granted with
     * the MMU on ({@code page}: the physical page it returned): the address bits, and the memory
     * attributes where the format has them. The CPU adds the bits that do not depend on the
     * mapping (NS, the LPAE bit). A walker that models nothing more reports {@code page}.
     */
    default long par(Cp15View regs, TableReader mem, int va, long page) { return page; }

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

    /** Physical memory as the walker reads descriptors (the platform's bus, in the guest's byte order). */
    interface TableReader {
        int read32(long pa);
        long read64(long pa);
    }

    /** Until a walker is wired: the MMU cannot be turned on. */
    PageTableWalker NONE = (regs, mem, va, access, privileged) -> {
        throw new IllegalStateException("MMU enabled but no VMSA table walker is wired (Vmsa.translate)");
    };
}

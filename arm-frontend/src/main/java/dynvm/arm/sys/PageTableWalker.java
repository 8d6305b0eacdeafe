package dynvm.arm.sys;

/**
 * The VMSA translation table walk the system CPU calls on a soft-TLB miss with the MMU on: the
 * seam where {@code Vmsa.translate} (written separately) plugs in. Returns what
 * {@link dynvm.spi.sys.SystemCpu#translate} returns, or throws a TranslationFault whose status is
 * the short- or long-descriptor FSR value of the fault.
 *
 * <p>A seam rather than a direct call so that tests can give a CPU a walker of their own; the
 * model's own is {@link Vmsa}.
 */
@FunctionalInterface
public interface PageTableWalker {
    long walk(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access, boolean privileged);

    /**
     * What the mapping of {@code va} puts in the PAR of an ATS1C* that {@link #walk} granted with
     * the MMU on ({@code page}: the physical page it returned): the address bits, and the memory
     * attributes where the format has them. The CPU adds the bits that do not depend on the
     * mapping (NS, the LPAE bit). A walker that models nothing more reports {@code page}.
     */
    default long par(TranslationRegisters regs, Vmsa.TableReader mem, int va, long page) { return page; }

    /** The VMSA walk of the ARM ARM ({@link Vmsa}). */
    PageTableWalker VMSA = new PageTableWalker() {
        @Override
        public long walk(TranslationRegisters regs, Vmsa.TableReader mem, int va, int access, boolean privileged) {
            return Vmsa.translate(regs, mem, va, access, privileged);
        }

        @Override
        public long par(TranslationRegisters regs, Vmsa.TableReader mem, int va, long page) {
            return Vmsa.par(regs, mem, va, page);
        }
    };
}

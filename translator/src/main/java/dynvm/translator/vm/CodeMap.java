package dynvm.translator.vm;

/**
 * System mode's view of where code is: translations are looked up by virtual pc, made from
 * physical code, and re-checked when the MMU's mappings may have changed (the way QEMU checks a
 * TB's physical page on a jump-cache miss). User mode has none: virtual equals physical there.
 */
public interface CodeMap {
    /** Physical address of the instruction at {@code pc} (unsigned); throws the memory fault of an instruction fetch. */
    long physical(int pc);

    /** Changes whenever a mapping the CPU sees may have changed (TLB flush, privilege change). */
    long generation();
}

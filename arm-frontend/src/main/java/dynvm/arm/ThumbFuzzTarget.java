package dynvm.arm;

/**
 * Thumb for the differential fuzzer: 16-bit and 32-bit instructions from {@link ThumbTable}, some
 * in IT blocks, as {@link ThumbFuzzCases} draws them; the CPSR's IT bits are compared as well.
 */
public final class ThumbFuzzTarget extends ArmFuzzTarget {
    public ThumbFuzzTarget() { super(true); }
}

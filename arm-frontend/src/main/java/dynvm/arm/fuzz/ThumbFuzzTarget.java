package dynvm.arm.fuzz;

import dynvm.arm.thumb.ThumbTable;

/**
 * Thumb for the differential fuzzer: 16-bit and 32-bit instructions from {@link ThumbTable} and
 * the VFP rows in their Thumb-2 encoding ({@link ThumbFuzzCases#rowsWithVfp}), some in IT blocks,
 * as {@link ThumbFuzzCases} draws them; the fields of {@link ArmFuzzTarget} plus the CPSR's IT bits.
 */
public final class ThumbFuzzTarget extends ArmFuzzTarget {
    public ThumbFuzzTarget() { super(true); }

    ThumbFuzzTarget(dynvm.arm.ArmCpuModel model) { super(true, model); }
}

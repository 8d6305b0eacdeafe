/**
 * Advanced SIMD (NEON) for ARM and Thumb-2 state: one encoding table ({@link dynvm.arm.neon.NeonTable})
 * in the A32 shape; a Thumb-2 word is turned into its A32 twin first ({@link dynvm.arm.neon.Neon#fromThumb}).
 * Lowering: each D register is an I64 IR register; 64-bit lanes are packed in it, bitwise
 * operations are plain IR, lane arithmetic is a pure helper on packed longs ({@link dynvm.arm.neon.NeonLanes}),
 * saturating arithmetic a helper that sets FPSCR.QC ({@link dynvm.arm.neon.NeonSat}). See docs/neon.md.
 */
package dynvm.arm.neon;

/**
 * VFPv3-D16, the floating-point extension: one encoding table ({@link dynvm.arm.vfp.VfpTable},
 * rows of {@link dynvm.arm.vfp.VfpRow}) serving both ARM and Thumb state (a Thumb-2 VFP word is
 * the A32 word with condition 1110), reached through {@link dynvm.arm.vfp.Vfp}. Arithmetic is
 * lowered to IR helper calls that follow the ARM ARM's FPRound model bit for bit
 * ({@link dynvm.arm.vfp.VfpArith}, {@link dynvm.arm.vfp.VfpFloat}): rounding modes, flush-to-zero,
 * default NaN and the cumulative exception flags in FPSCR. {@link dynvm.arm.vfp.VfpFastPath}
 * computes the common case (zeros and normal numbers far from both ends of the range, where only
 * IXC can change) at Java double speed with the same bits and flags; {@code -Ddynvm.fpFastPath=false}
 * turns it off.
 */
package dynvm.arm.vfp;

/**
 * The Thumb instruction set (ARMv7-A Thumb-2): the 16-bit and 32-bit encoding tables
 * ({@link dynvm.arm.thumb.ThumbTable}, rows of {@link dynvm.arm.thumb.ThumbRow}), one class per
 * instruction family, and {@link dynvm.arm.thumb.ThumbDecoder}, which fetches one or two halfwords
 * and lowers them inside or outside an IT block. The IT state ({@link dynvm.arm.thumb.ThumbItState})
 * is part of the decode context, so an instruction in a block is translated under its condition
 * and the block builder carries the advanced state to the next one.
 *
 * <p>Semantics shared with A32 come from {@code dynvm.arm} (operands, flags, media) and, where
 * the encodings differ but the operation does not, from {@code dynvm.arm.a32} (exclusives, APSR
 * access, the system rows); VFP words are decoded by {@code dynvm.arm.vfp}.
 */
package dynvm.arm.thumb;

/**
 * The ARM front-end: what the A32, Thumb and VFP decoders share and what ties them to dynvm.
 *
 * <h2>Layout</h2>
 * Instructions are decoded through tables of rows (mask, match, syntax, lowering), one sub-package
 * per instruction set, each grouped one class per manual chapter:
 * <ul>
 * <li>{@code dynvm.arm.a32}: the ARM (A32) encodings;</li>
 * <li>{@code dynvm.arm.thumb}: the 16- and 32-bit Thumb encodings and IT blocks;</li>
 * <li>{@code dynvm.arm.vfp}: VFPv3-D16, one table for both ARM and Thumb state;</li>
 * <li>{@code dynvm.arm.sys}: the privileged architecture of system mode (modes, exceptions,
 *     CP15, the VMSA walk);</li>
 * <li>{@code dynvm.arm.fuzz}: random-instruction generators from the tables for the differential
 *     fuzzers.</li>
 * </ul>
 *
 * <h2>This package</h2>
 * The pieces every instruction set uses: the register file ({@link dynvm.arm.ArmRegs}), IR helpers
 * for operands, flags and loads ({@link dynvm.arm.ArmOps}, {@link dynvm.arm.ArmMedia} for the
 * SIMD-in-register and saturating semantics, {@link dynvm.arm.ArmAlignment}); the decoder that
 * picks a table by the decode context ({@link dynvm.arm.ArmDecoder}); the SPI entry point
 * {@link dynvm.arm.ArmIsa}; and the Linux user ABI (EABI syscalls, signal frames, the kuser
 * helper page, the ABI data the microkernel's Linux personality reads) and the gdb target
 * description.
 *
 * <p>Dependencies: the instruction-set packages use this one's shared pieces; {@code ArmDecoder}
 * reaches down into them through each package's table, decoder and disassembler. Those, the row
 * types, the field extractors and IT-state helpers the fuzz generators read, and the few A32
 * helpers Thumb-2 borrows (exclusives, APSR access, the system rows) are the only public classes
 * of the sub-packages; the per-chapter lowering classes stay package-private.
 */
package dynvm.arm;

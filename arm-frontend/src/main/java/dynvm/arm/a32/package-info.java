/**
 * The ARM (A32) instruction set of an ARMv7-A core without NEON: the encoding table
 * ({@link dynvm.arm.a32.A32Table}, rows of {@link dynvm.arm.a32.A32Row}) assembled from one class
 * per ARM ARM chapter (data processing, multiplies, loads and stores, exclusives, media, branches,
 * miscellaneous), each row lowering its instruction to IR under the instruction's condition;
 * {@link dynvm.arm.a32.A32System} holds the sensitive rows that system mode lowers to service calls
 * (and user mode to UNDEFINED), and {@link dynvm.arm.a32.A32Disassembler} prints objdump-like UAL.
 *
 * <p>Public: what {@code ArmDecoder}, the Thumb-2 decoders and the fuzzers use: the table, the
 * row type, the disassembler, the system rows, and the exclusive-access and APSR helpers the
 * 32-bit Thumb encodings share. Coprocessor 10/11 words go to {@code dynvm.arm.vfp}.
 */
package dynvm.arm.a32;

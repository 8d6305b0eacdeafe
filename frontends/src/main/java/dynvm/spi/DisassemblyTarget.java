package dynvm.spi;

/**
 * What an external disassembler (capstone) must be told to decode an ISA's code in one decoding
 * context: capstone's {@code cs_arch} and {@code cs_mode} numbers (capstone.h), which the
 * front-end knows and the translator passes through without knowing what they mean.
 *
 * @param capstoneArch the {@code cs_arch} value (e.g. CS_ARCH_PPC)
 * @param capstoneMode the {@code cs_mode} bits (e.g. CS_MODE_32 | CS_MODE_BIG_ENDIAN)
 */
public record DisassemblyTarget(int capstoneArch, int capstoneMode) { }

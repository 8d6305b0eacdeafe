package dynvm.translator.vm;

import dynvm.ir.Block;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;

/**
 * The guest code a decoded block was made from, as the halfwords of {@code [pc, endPc)} read
 * through a fetch port. A block is a pure function of these bytes, its decode context and its
 * ISA, so the stores that keep blocks beyond one engine ({@link SharedBlocks} within a run,
 * {@link PersistentBlocks} across runs) key their reuse on them; the translator reads them once
 * per decoded block and hands the same array to both.
 */
final class CodeBytes {
    private CodeBytes() { }

    /**
     * The halfwords of {@code b}'s code, or null when the block has no whole halfwords or its
     * code cannot be fetched (then it is not offered for reuse).
     */
    static short[] of(Block b, MemoryPort fetch) {
        int len = b.endPc() - b.pc();
        if (len <= 0 || (len & 1) != 0) return null;
        short[] code = new short[len / 2];
        try {
            for (int i = 0; i < code.length; i++) code[i] = (short) fetch.load16(b.pc() + 2 * i);
        } catch (MemoryFault f) {
            return null;
        }
        return code;
    }

    /**
     * Is the code at {@code pc} still {@code code}? A fault is a no: the decoder then meets it
     * itself, at the right instruction.
     */
    static boolean matches(int pc, short[] code, MemoryPort fetch) {
        try {
            for (int i = 0; i < code.length; i++) if ((short) fetch.load16(pc + 2 * i) != code[i]) return false;
            return true;
        } catch (MemoryFault f) {
            return false;
        }
    }
}

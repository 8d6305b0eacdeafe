package dynvm.arm;

import dynvm.ir.IrEmitter;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.MemoryPort;

/**
 * Decodes one ARMv5T Thumb instruction through {@link ThumbTable} and lowers it to IR.
 *
 * <p>A BL/BLX prefix followed by its suffix is decoded as one 4-byte instruction (what
 * compilers emit; it keeps lr out of the way). Either half on its own is still executed the way
 * the architecture defines it: a lone prefix sets lr = pc + 4 + offset, a lone suffix branches
 * relative to lr. The suffix is peeked only when its fetch succeeds, so a prefix at the end of
 * mapped code behaves the same in both engines. Everything is fetched before any IR is emitted:
 * the interpreter executes ops as they arrive.
 */
final class ThumbDecoder {
    private ThumbDecoder() { }

    static final int SIGILL = 4;

    static int lower(int pc, int context, MemoryPort code, IrEmitter e) {
        int hw = code.load16(pc) & 0xffff;
        if (ThumbTable.isPrefix(hw)) {
            int next = peek(code, pc + 2);
            ThumbRow pair = next < 0 ? null : ThumbTable.findPair(hw << 16 | next);
            if (pair != null) {
                e.insnStart(pc);
                pair.lower().lower(e, hw << 16 | next, pc);
                return 4;
            }
        }
        e.insnStart(pc);
        ThumbRow row = ThumbTable.find(hw);
        if (row == null) e.trap(SIGILL, pc, String.format("undefined Thumb instruction 0x%04x", hw));
        else row.lower().lower(e, hw, pc);
        return 2;
    }

    static String disassemble(int pc, int context, MemoryPort code) {
        int hw = code.load16(pc) & 0xffff;
        if (ThumbTable.isPrefix(hw)) {
            int next = peek(code, pc + 2);
            ThumbRow pair = next < 0 ? null : ThumbTable.findPair(hw << 16 | next);
            if (pair != null) return ThumbDisassembler.format(pair, hw << 16 | next, pc);
        }
        return ThumbDisassembler.format(ThumbTable.find(hw), hw, pc);
    }

    /** The halfword at {@code addr}, or -1 when it cannot be fetched. */
    private static int peek(MemoryPort code, int addr) {
        try {
            return code.load16(addr) & 0xffff;
        } catch (MemoryFault f) {
            return -1;
        }
    }
}

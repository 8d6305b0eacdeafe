package dynvm.ppc;

import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.Decoder;
import dynvm.spi.MemoryPort;

/**
 * Decodes one PowerPC instruction through {@link PpcTable} and lowers it to IR. Stateless, so
 * one instance may serve every VM.
 */
public final class PpcDecoder implements Decoder {

    @Override
    public int lower(int pc, int context, MemoryPort code, IrEmitter e) {
        int word = code.load32(pc);
        e.insnStart(pc);
        PpcRow row = PpcTable.find(word);
        if (row == null) e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("illegal instruction 0x%08x", word));
        else row.lower().lower(e, word, pc);
        return 4;
    }

    @Override
    public String disassemble(int pc, int context, MemoryPort code) {
        return PpcDisassembler.format(code.load32(pc), pc);
    }

    /** The table row that decodes {@code word}, or null (for tests and tools). */
    public static PpcRow find(int word) { return PpcTable.find(word); }

    /** Disassembly of one word at {@code pc}. */
    public static String disassemble(int word, int pc) { return PpcDisassembler.format(word, pc); }
}

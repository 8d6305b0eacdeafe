package dynvm.spi;

import dynvm.ir.IrEmitter;

/**
 * Decodes and lowers one guest instruction to IR. The translator calls it for consecutive
 * instructions until the emitter holds a terminal (branch, service call, trap) or the block
 * reaches its size bound; the interpreter calls it for one instruction at a time.
 */
public interface Decoder {
    /**
     * Lowers the instruction at {@code pc} (fetched through {@code code}) into {@code e}.
     * Control flow ends the block by setting a terminal on {@code e}. An undefined encoding sets a
     * SIGILL trap terminal. Returns the instruction length in bytes. If the next instruction
     * decodes in another context without the block ending (ARM's IT state), the decoder says so
     * with {@link IrEmitter#continueIn} and writes that state to its registers.
     */
    int lower(int pc, int context, MemoryPort code, IrEmitter e);

    /** Human-readable disassembly of the instruction at {@code pc}, from the encoding table. */
    String disassemble(int pc, int context, MemoryPort code);
}

package dynvm.translator.disasm;

import dynvm.ir.IrEmitter;
import dynvm.spi.Decoder;
import dynvm.spi.DisassemblyTarget;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Disassembly of guest code for traces and fuzz reports: capstone's text when the library is
 * installed and the ISA names a {@link Isa#disassemblyTarget}, else the front-end's own printer
 * (from its encoding table). Holds the capstone handles; close it when done.
 */
public final class Disassembly implements AutoCloseable {
    private final Capstone capstone;

    private Disassembly(Capstone capstone) { this.capstone = capstone; }

    /** Uses capstone when it loads. */
    public static Disassembly create() { return new Disassembly(Capstone.load().orElse(null)); }

    /** Only the front-ends' own printers. */
    public static Disassembly ownOnly() { return new Disassembly(null); }

    /** Is capstone in use? */
    public boolean usesCapstone() { return capstone != null; }

    /** The first instruction of {@code bytes} (at guest address {@code pc}, decoding context 0). */
    public String disassemble(Isa isa, byte[] bytes, int pc) { return disassemble(isa, 0, bytes, pc); }

    /**
     * The first instruction of {@code bytes} at guest address {@code pc} in decoding {@code context}
     * (e.g. ARM's Thumb bit): capstone's "mnemonic operands", or the front-end's text when capstone
     * is absent or finds the bytes invalid (the front-end then prints ".word ..." or similar).
     */
    public String disassemble(Isa isa, int context, byte[] bytes, int pc) {
        if (capstone != null) {
            DisassemblyTarget t = isa.disassemblyTarget(context);
            if (t != null) {
                Optional<Capstone.Insn> insn = capstone.decode(t, bytes, 0, pc & 0xffffffffL);
                if (insn.isPresent()) return insn.get().text();
            }
        }
        return own(isa, context, bytes, pc);
    }

    /**
     * Consecutive instructions of {@code code} (at guest address {@code pc}, the first in decoding
     * {@code context}), at most {@code max}, as address to text, so state that spans instructions
     * (Thumb IT blocks: the conditions of the instructions they cover) is shown: one capstone pass,
     * or without capstone (or a capstone target) the front-end's printer run by {@link #ownRun}.
     * Stops at the first instruction capstone finds invalid.
     */
    public java.util.Map<Integer, String> disassembleRun(Isa isa, int context, byte[] code, int pc, int max) {
        java.util.Map<Integer, String> m = new java.util.HashMap<>();
        if (capstone == null) return ownRun(isa, context, code, pc, max);
        DisassemblyTarget t = isa.disassemblyTarget(context);
        if (t == null) return ownRun(isa, context, code, pc, max);
        int at = pc;
        for (Capstone.Insn i : capstone.disassemble(t, code, pc & 0xffffffffL, max)) {
            m.put(at, i.text());
            at += i.size();
        }
        return m;
    }

    /**
     * The front-end's own text for consecutive instructions of {@code code} (as
     * {@link #disassembleRun}), each printed in the decoding context the one before it leaves:
     * the instruction is also lowered into a scratch emitter, as a block build does, for its length
     * and any {@link IrEmitter#continueIn} (ARM's IT state advancing through an IT block). Stops at
     * the end of {@code code} or at an instruction that does not fit or decode.
     */
    public static java.util.Map<Integer, String> ownRun(Isa isa, int context, byte[] code, int pc, int max) {
        java.util.Map<Integer, String> m = new java.util.HashMap<>();
        Decoder decoder = isa.decoder();
        MemoryPort bytes = new Bytes(code, pc, isa.byteOrder());
        IrEmitter scratch = new IrEmitter(isa.registers());
        int at = pc, ctx = context;
        for (int n = 0; n < max && at - pc < code.length; n++) {
            String text;
            int len;
            try {
                text = decoder.disassemble(at, ctx, bytes);
                scratch.reset();
                len = decoder.lower(at, ctx, bytes, scratch);
            } catch (RuntimeException e) { // truncated bytes (or a decoder bug): the caller prints the rest one by one
                break;
            }
            if (len <= 0) break;
            m.put(at, text);
            int next = scratch.takeNextContext();
            if (next != IrEmitter.NO_CONTEXT_CHANGE) ctx = next;
            at += len;
        }
        return m;
    }

    /** The front-end's own text for the instruction at the start of {@code bytes}. */
    public static String own(Isa isa, int context, byte[] bytes, int pc) {
        try {
            return isa.decoder().disassemble(pc, context, new Bytes(bytes, pc, isa.byteOrder()));
        } catch (IndexOutOfBoundsException e) {
            return "(truncated)";
        }
    }

    @Override
    public void close() { if (capstone != null) capstone.close(); }

    /** Read-only view of a byte array placed at guest address {@code base}. */
    private record Bytes(byte[] b, int base, ByteOrder order) implements MemoryPort {
        private int at(int addr) { return b[addr - base] & 0xff; }
        @Override public int load8(int addr) { return at(addr); }
        @Override public int load16(int addr) {
            return order == ByteOrder.BIG_ENDIAN ? at(addr) << 8 | at(addr + 1) : at(addr + 1) << 8 | at(addr);
        }
        @Override public int load32(int addr) {
            return order == ByteOrder.BIG_ENDIAN ? load16(addr) << 16 | load16(addr + 2) : load16(addr + 2) << 16 | load16(addr);
        }
        @Override public long load64(int addr) {
            long a = load32(addr) & 0xffffffffL, c = load32(addr + 4) & 0xffffffffL;
            return order == ByteOrder.BIG_ENDIAN ? a << 32 | c : c << 32 | a;
        }
        @Override public void store8(int addr, int v) { throw new UnsupportedOperationException("read-only"); }
        @Override public void store16(int addr, int v) { throw new UnsupportedOperationException("read-only"); }
        @Override public void store32(int addr, int v) { throw new UnsupportedOperationException("read-only"); }
        @Override public void store64(int addr, long v) { throw new UnsupportedOperationException("read-only"); }
    }
}

package dynvm.translator.plugin;

import dynvm.ir.Block;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.disasm.Disassembly;
import java.util.ArrayList;
import java.util.List;

/** The guest instructions of a decoded block, found from its INSN_START markers. */
public final class BlockInsns {
    private BlockInsns() { }

    public static List<GuestInsn> of(Isa isa, Block b, MemoryPort code, Disassembly dis) {
        List<Integer> pcs = new ArrayList<>();
        for (Insn in : b.ops()) if (in.op == Op.INSN_START) pcs.add((int) in.imm);
        List<GuestInsn> out = new ArrayList<>(pcs.size());
        // the whole block in one pass when it is contiguous (it is unless the decoder skipped bytes)
        java.util.Map<Integer, String> run = java.util.Map.of();
        int total = b.endPc() - b.pc();
        if (!pcs.isEmpty() && pcs.get(0) == b.pc() && total > 0 && total <= 4096) {
            try {
                byte[] all = new byte[total];
                for (int k = 0; k < total; k++) all[k] = (byte) code.load8(b.pc() + k);
                run = dis.disassembleRun(isa, b.context(), all, b.pc(), pcs.size());
            } catch (MemoryFault f) {
                run = java.util.Map.of();
            }
        }
        for (int i = 0; i < pcs.size(); i++) {
            int pc = pcs.get(i), end = i + 1 < pcs.size() ? pcs.get(i + 1) : b.endPc();
            int len = Math.max(0, Math.min(end - pc, 16));
            byte[] bytes = new byte[len];
            try {
                for (int k = 0; k < len; k++) bytes[k] = (byte) code.load8(pc + k);
            } catch (MemoryFault f) {
                bytes = new byte[0]; // unmapped since it was decoded: nothing to show
            }
            String text = bytes.length == 0 ? "(unavailable)" : run.containsKey(pc) ? run.get(pc) : dis.disassemble(isa, b.context(), bytes, pc);
            int sp = text.indexOf(' ');
            out.add(sp < 0 ? new GuestInsn(pc, bytes, text, "") : new GuestInsn(pc, bytes, text.substring(0, sp), text.substring(sp + 1).trim()));
        }
        return out;
    }
}

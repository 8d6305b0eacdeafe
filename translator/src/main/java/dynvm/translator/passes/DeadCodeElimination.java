package dynvm.translator.passes;

import dynvm.ir.Block;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes ops whose result temp is never used and that have no effect (loads are kept: they can
 * fault). Front-ends compute flags eagerly (CR0, XER.CA, NZCV); most are never read, and dropping
 * them keeps the generated method small, which is what gets it compiled by C2 early.
 */
public final class DeadCodeElimination {
    private DeadCodeElimination() { }

    public static Block apply(Block b) {
        boolean[] live = new boolean[b.temps().length];
        markTerminal(b.terminal(), live);
        List<Insn> ops = b.ops();
        boolean[] keep = new boolean[ops.size()];
        for (int i = ops.size() - 1; i >= 0; i--) {
            Insn in = ops.get(i);
            boolean needed = hasEffect(in.op) || (in.dst >= 0 && live[in.dst]);
            if (!needed) continue;
            keep[i] = true;
            for (int s : in.src) live[s] = true;
        }
        List<Insn> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) if (keep[i]) out.add(ops.get(i));
        return out.size() == ops.size() ? b : b.withOps(out, b.temps());
    }

    private static boolean hasEffect(Op op) {
        return op == Op.SET_REG || op == Op.INSN_START || op == Op.SKIP_UNLESS || op == Op.LABEL || op.isStore() || op.isLoad() || op == Op.CALL;
    }

    private static void markTerminal(Terminal t, boolean[] live) {
        if (t instanceof Terminal.Branch br) live[br.cond()] = true;
        else if (t instanceof Terminal.IndirectJump ij) live[ij.target()] = true;
        else if (t instanceof Terminal.ServiceCall sc) for (int a : sc.args()) live[a] = true;
    }
}

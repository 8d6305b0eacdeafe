package dynvm.translator.passes;

import dynvm.ir.Block;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;

/**
 * Checks the IR's invariants: every temp is defined once before use and not used past a LABEL
 * that follows its definition, every SKIP_UNLESS has its LABEL later in the block, operand types
 * match the op's signature, and the terminal's temps exist with the right types. Run in tests and with assertions.
 */
public final class Verifier {
    private Verifier() { }

    public static Block apply(Block b) {
        Type[] types = b.temps();
        boolean[] defined = new boolean[types.length], dead = new boolean[types.length];
        java.util.Set<Long> open = new java.util.HashSet<>(), closed = new java.util.HashSet<>();
        for (Insn in : b.ops()) {
            if (in.op == Op.SKIP_UNLESS && (closed.contains(in.imm) || !open.add(in.imm))) fail(b, in, "label reused");
            if (in.op == Op.LABEL) {
                if (!open.remove(in.imm)) fail(b, in, "label without a preceding SKIP_UNLESS");
                closed.add(in.imm);
                // a label ends the lifetime of all temps defined so far
                for (int k = 0; k < defined.length; k++) if (defined[k]) { defined[k] = false; dead[k] = true; }
            }
            for (int k = 0; k < in.src.length; k++) {
                int s = in.src[k];
                if (s < 0 || s >= types.length || !defined[s]) fail(b, in, "uses undefined temp t" + s);
                Type want = expected(in, k);
                if (want != null && types[s] != want) fail(b, in, "operand " + k + " is " + types[s] + ", wants " + want);
            }
            if (in.dst >= 0) {
                if (defined[in.dst] || dead[in.dst]) fail(b, in, "redefines t" + in.dst);
                defined[in.dst] = true;
            }
        }
        if (!open.isEmpty()) throw new IllegalStateException(String.format("IR invalid in block 0x%08x: SKIP_UNLESS without LABEL", b.pc()));
        Terminal t = b.terminal();
        if (t instanceof Terminal.Branch br) need(b, defined, types, br.cond(), Type.BOOL);
        else if (t instanceof Terminal.IndirectJump ij) need(b, defined, types, ij.target(), Type.I32);
        else if (t instanceof Terminal.ServiceCall sc) for (int a : sc.args()) need(b, defined, types, a, Type.I32);
        return b;
    }

    private static Type expected(Insn in, int k) {
        if (in.aux instanceof Helper h) return h.params[k];
        Type[] ops = in.op.operands;
        return ops != null && k < ops.length ? ops[k] : null;
    }

    private static void need(Block b, boolean[] defined, Type[] types, int t, Type ty) {
        if (t < 0 || t >= types.length || !defined[t] || types[t] != ty)
            throw new IllegalStateException(String.format("IR invalid in block 0x%08x: terminal temp t%d must be a defined %s", b.pc(), t, ty));
    }

    private static void fail(Block b, Insn in, String why) {
        throw new IllegalStateException(String.format("IR invalid in block 0x%08x at '%s': %s", b.pc(), in, why));
    }
}

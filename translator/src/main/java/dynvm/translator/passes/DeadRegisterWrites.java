package dynvm.translator.passes;

import dynvm.ir.Block;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import java.util.ArrayList;
import java.util.List;

/**
 * Drops a SET_REG when the same register is set again later in the block with no read of it and
 * no op that could observe it in between: no GET_REG of it, no helper call (helpers may read the
 * state) and no op that may fault (the fault handler writes registers back, so a faulting
 * instruction must see earlier writes). This is dead-flag elimination for eagerly computed
 * flags such as CR0 and XER.CA. Writes inside a SKIP_UNLESS region are conditional: they kill
 * earlier writes only together with the path that skips them.
 */
public final class DeadRegisterWrites {
    private DeadRegisterWrites() { }

    public static Block apply(Block b) {
        List<Insn> ops = b.ops();
        boolean[] drop = new boolean[ops.size()];
        // walking backwards: overwritten[r] = a later SET_REG of r is reached with nothing observing r
        boolean[] overwritten = new boolean[maxReg(ops) + 1];
        boolean any = false;
        // state at each LABEL, for its SKIP_UNLESS: the skipping path sees only what follows the label
        java.util.Map<Long, boolean[]> atLabel = new java.util.HashMap<>();
        for (int i = ops.size() - 1; i >= 0; i--) {
            Insn in = ops.get(i);
            switch (in.op) {
                case LABEL -> atLabel.put(in.imm, overwritten.clone());
                case SKIP_UNLESS -> {
                    // overwritten before the guard only if overwritten on both paths
                    boolean[] skipped = atLabel.remove(in.imm);
                    for (int r = 0; r < overwritten.length; r++) overwritten[r] &= skipped[r];
                }
                case SET_REG -> {
                    int r = (int) in.imm;
                    if (overwritten[r]) { drop[i] = true; any = true; } else overwritten[r] = true;
                }
                case GET_REG -> overwritten[(int) in.imm] = false;
                default -> { if (in.op.mayFault()) java.util.Arrays.fill(overwritten, false); }
            }
        }
        if (!any) return b;
        List<Insn> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) if (!drop[i]) out.add(ops.get(i));
        return b.withOps(out, b.temps());
    }

    private static int maxReg(List<Insn> ops) {
        int m = 0;
        for (Insn in : ops) if (in.op == Op.SET_REG || in.op == Op.GET_REG) m = Math.max(m, (int) in.imm);
        return m;
    }
}

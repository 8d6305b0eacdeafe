package dynvm.ir;

import java.util.List;

/**
 * A decoded guest basic block: straight-line IR ops plus one {@link Terminal}.
 *
 * @param pc        guest address of the first instruction
 * @param context   execution context from the front-end (part of the cache key)
 * @param ops       the IR, in order
 * @param temps     type of each temp, indexed by temp number
 * @param terminal  how the block ends
 * @param guestInsns number of guest instructions in the block
 * @param endPc     address just past the last instruction
 */
public record Block(int pc, int context, List<Insn> ops, Type[] temps, Terminal terminal,
                    int guestInsns, int endPc) {

    /** A copy with different ops (passes produce these). */
    public Block withOps(List<Insn> newOps, Type[] newTemps) {
        return new Block(pc, context, newOps, newTemps, terminal, guestInsns, endPc);
    }

    public String dump() {
        StringBuilder sb = new StringBuilder(String.format("block 0x%08x ctx=%d insns=%d%n", pc, context, guestInsns));
        for (Insn i : ops) sb.append("  ").append(i).append('\n');
        sb.append("  -> ").append(terminal).append('\n');
        return sb.toString();
    }
}

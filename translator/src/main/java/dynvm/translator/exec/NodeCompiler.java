package dynvm.translator.exec;

import dynvm.ir.Block;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a block's IR into a {@link NodeBlock} ("closure compilation"): one {@link Node} per op,
 * its operands resolved once. Three rewrites keep the result exact while saving dispatches:
 * <ul>
 * <li>an I32 constant used as the second operand of a common binary op is folded into an
 *     immediate node ({@code AddK}, {@code EqK}, ...) and stored to a register by {@code SetRK};
 *     a CONST all of whose uses were folded leaves no node (temps are single-assignment);
 * <li>{@code INSN_START} becomes a store of {@code cpu.pc} placed just before the first op of
 *     its instruction that may fault or call a helper (the only ops that can observe the pc
 *     before the terminal writes it), and is dropped for instructions without one;
 * <li>{@code LABEL}s leave no node; a {@code SKIP_UNLESS} jumps to the index after its label;
 * <li>common pairs run as one node ({@link FusedNodes}): an ALU op that reads its first operand
 *     straight from the register a GET_REG would have copied (the temp has no other use, nothing
 *     but constants in between), that also stores its result to the register the next op sets,
 *     and a GET_REG whose value the next op stores to another register.
 * </ul>
 */
public final class NodeCompiler {
    private final RegisterFile regs;
    private long blocks, nodes;

    /** Fuse op pairs ({@link FusedNodes}); off only to measure what fusion brings. */
    private final boolean fuse;

    public NodeCompiler(RegisterFile regs) { this(regs, true); }

    public NodeCompiler(RegisterFile regs, boolean fuse) {
        this.regs = regs;
        this.fuse = fuse;
    }

    /** Blocks built so far, and the nodes in them (for {@code --stats}). */
    public long blocksBuilt() { return blocks; }
    public long nodesBuilt() { return nodes; }

    private record Skip(int cond, long label) { }
    private record Label(long id) { }
    private record ConstEntry(int temp, Node node) { }

    public NodeBlock compile(Block b) {
        List<Insn> ops = b.ops();
        int ntemps = b.temps().length;
        int[] uses = new int[ntemps], defs = new int[ntemps], folded = new int[ntemps];
        for (Insn in : ops) {
            for (int s : in.src) uses[s]++;
            if (in.dst >= 0) defs[in.dst]++;
        }
        Terminal term = b.terminal();
        if (term instanceof Terminal.Branch br) uses[br.cond()]++;
        else if (term instanceof Terminal.IndirectJump ij) uses[ij.target()]++;
        else if (term instanceof Terminal.ServiceCall sc) for (int a : sc.args()) uses[a]++;
        // temps holding one known I32 constant
        boolean[] isConst = new boolean[ntemps];
        int[] constVal = new int[ntemps];
        for (Insn in : ops)
            if (in.op == Op.CONST_I32 && defs[in.dst] == 1) { isConst[in.dst] = true; constVal[in.dst] = (int) in.imm; }

        List<Object> entries = new ArrayList<>(ops.size());
        int pc = b.pc();
        boolean pcSet = true;
        for (int i = 0, nops = ops.size(); i < nops; i++) {
            Insn in = ops.get(i);
            Op op = in.op;
            int[] s = in.src;
            if (op == Op.INSN_START) { pc = (int) in.imm; pcSet = false; continue; }
            if (op == Op.LABEL) { entries.add(new Label(in.imm)); pcSet = false; continue; }
            if (op == Op.SKIP_UNLESS) { entries.add(new Skip(s[0], in.imm)); continue; }
            if (op.mayFault() && !pcSet) { entries.add(new Nodes.InsnStart(pc)); pcSet = true; }
            if (op == Op.CONST_I32 && isConst[in.dst]) { entries.add(new ConstEntry(in.dst, new Nodes.Const(in.dst, (int) in.imm))); continue; }
            if (fuse && FusedNodes.fusible(op)) {
                int get = fusibleGet(entries, s[0], uses);
                int r = i + 1 < nops ? setsI32(ops.get(i + 1), in.dst) : -1;
                if (get >= 0 || r >= 0) {
                    boolean k = isConst[s[1]];
                    int a = s[0];
                    if (get >= 0) { a = ((Nodes.GetR) entries.get(get)).k; entries.set(get, DROPPED); }
                    if (k) folded[s[1]]++;
                    entries.add(FusedNodes.make(op, k, get >= 0, r >= 0, in.dst, a, k ? constVal[s[1]] : s[1], r));
                    if (r >= 0) i++; // the SET_REG is done
                    continue;
                }
            }
            if (fuse && op == Op.SET_REG && !entries.isEmpty() && entries.get(entries.size() - 1) instanceof Nodes.GetR g
                    && g.d == s[0] && regs.get((int) in.imm).type() == Type.I32) {
                entries.set(entries.size() - 1, new FusedNodes.Mov(g.d, g.k, regs.get((int) in.imm).slot()));
                continue;
            }
            if (s.length == 2 && isConst[s[1]]) {
                Node n = immediate(op, in.dst, s[0], constVal[s[1]]);
                if (n != null) { folded[s[1]]++; entries.add(n); continue; }
            }
            if (op == Op.SET_REG && s.length == 1 && isConst[s[0]] && regs.get((int) in.imm).type() == Type.I32) {
                folded[s[0]]++;
                entries.add(new Nodes.SetRK(constVal[s[0]], regs.get((int) in.imm).slot()));
                continue;
            }
            entries.add(node(in));
        }

        // compact: drop fully folded constants, resolve labels to node indices
        List<Node> out = new ArrayList<>(entries.size());
        List<int[]> skips = new ArrayList<>(); // {index, cond, label}
        java.util.Map<Long, Integer> labelAt = new java.util.HashMap<>();
        for (Object e : entries) {
            if (e == DROPPED) continue;
            if (e instanceof Node n) out.add(n);
            else if (e instanceof ConstEntry c) { if (folded[c.temp()] < uses[c.temp()]) out.add(c.node()); }
            else if (e instanceof Label l) labelAt.put(l.id(), out.size());
            else { Skip k = (Skip) e; skips.add(new int[]{out.size(), k.cond(), (int) k.label()}); out.add(null); }
        }
        int n = out.size();
        int[] skipCond = new int[n], skipTo = new int[n];
        for (int[] k : skips) {
            skipCond[k[0]] = k[1];
            skipTo[k[0]] = labelAt.get((long) k[2]);
        }
        blocks++;
        nodes += n;
        return new NodeBlock(out.toArray(new Node[0]), skipCond, skipTo, ntemps, term, b.endPc());
    }

    /** An entry fused into a later node. */
    private static final Object DROPPED = new Object();

    /**
     * Index in {@code entries} of the I32 GET_REG that defines {@code temp}, when the op about to
     * be added may read the register itself instead: {@code temp} has no other use and only
     * constants come between (nothing that could write the register); else -1.
     */
    private static int fusibleGet(List<Object> entries, int temp, int[] uses) {
        if (uses[temp] != 1) return -1;
        for (int j = entries.size() - 1; j >= 0; j--) {
            Object e = entries.get(j);
            if (e instanceof ConstEntry) continue;
            return e instanceof Nodes.GetR g && g.d == temp ? j : -1;
        }
        return -1;
    }

    /** The {@code cpu.r} slot {@code next} stores {@code temp} to, when it is a SET_REG of it to an I32 register; else -1. */
    private int setsI32(Insn next, int temp) {
        if (next.op != Op.SET_REG || next.src[0] != temp) return -1;
        RegisterFile.Reg r = regs.get((int) next.imm);
        return r.type() == Type.I32 ? r.slot() : -1;
    }

    /** {@code op} with a constant second operand {@code y} as an immediate node, or null when there is none. */
    private static Node immediate(Op op, int d, int a, int y) {
        return switch (op) {
            case ADD -> new Nodes.AddK(d, a, y);
            case SUB -> new Nodes.SubK(d, a, y);
            case AND -> new Nodes.AndK(d, a, y);
            case OR -> new Nodes.OrK(d, a, y);
            case XOR -> new Nodes.XorK(d, a, y);
            case SHL -> new Nodes.ShlK(d, a, y);
            case SHRU -> new Nodes.ShruK(d, a, y);
            case SHRS -> new Nodes.ShrsK(d, a, y);
            case ROTL -> new Nodes.RotlK(d, a, y);
            case EQ -> new Nodes.EqK(d, a, y);
            case NE -> new Nodes.NeK(d, a, y);
            case LTS -> new Nodes.LtsK(d, a, y);
            case LTU -> new Nodes.LtuK(d, a, y);
            case LES -> new Nodes.LesK(d, a, y);
            case LEU -> new Nodes.LeuK(d, a, y);
            case GTS -> new Nodes.GtsK(d, a, y);
            case GTU -> new Nodes.GtuK(d, a, y);
            case GES -> new Nodes.GesK(d, a, y);
            case GEU -> new Nodes.GeuK(d, a, y);
            default -> null;
        };
    }

    private Node node(Insn in) {
        int d = in.dst;
        int[] s = in.src;
        int a = s.length > 0 ? s[0] : 0, b = s.length > 1 ? s[1] : 0, c = s.length > 2 ? s[2] : 0;
        return switch (in.op) {
            case CONST_I32, CONST_I64, CONST_F64 -> new Nodes.Const(d, in.imm);
            case GET_REG -> {
                RegisterFile.Reg r = regs.get((int) in.imm);
                yield r.type() == Type.I32 ? new Nodes.GetR(d, r.slot()) : new Nodes.GetD(d, r.slot());
            }
            case SET_REG -> {
                RegisterFile.Reg r = regs.get((int) in.imm);
                yield r.type() == Type.I32 ? new Nodes.SetR(a, r.slot()) : new Nodes.SetD(a, r.slot());
            }
            case CALL -> {
                Helper h = (Helper) in.aux;
                yield h.params.length <= HelperCall.MAX_ARGS ? new HelperCall(h, d, s) : new SlowCall(h, d, s);
            }
            case ADD -> new Nodes.Add(d, a, b);
            case SUB -> new Nodes.Sub(d, a, b);
            case MUL -> new Nodes.Mul(d, a, b);
            case AND, BAND -> new Nodes.And(d, a, b);
            case OR, BOR -> new Nodes.Or(d, a, b);
            case XOR, BXOR -> new Nodes.Xor(d, a, b);
            case SHL -> new Nodes.Shl(d, a, b);
            case SHRU -> new Nodes.Shru(d, a, b);
            case SHRS -> new Nodes.Shrs(d, a, b);
            case ROTL -> new Nodes.Rotl(d, a, b);
            case EQ -> new Nodes.Eq(d, a, b);
            case NE -> new Nodes.Ne(d, a, b);
            case LTS -> new Nodes.Lts(d, a, b);
            case LTU -> new Nodes.Ltu(d, a, b);
            case LES -> new Nodes.Les(d, a, b);
            case LEU -> new Nodes.Leu(d, a, b);
            case GTS -> new Nodes.Gts(d, a, b);
            case GTU -> new Nodes.Gtu(d, a, b);
            case GES -> new Nodes.Ges(d, a, b);
            case GEU -> new Nodes.Geu(d, a, b);
            case NOT -> new Nodes.Not(d, a);
            case NEG -> new Nodes.Neg(d, a);
            case SEXT8 -> new Nodes.Sext8(d, a);
            case SEXT16 -> new Nodes.Sext16(d, a);
            case ZEXT8 -> new Nodes.Zext8(d, a);
            case ZEXT16 -> new Nodes.Zext16(d, a);
            case BNOT -> new Nodes.Bnot(d, a);
            case CLZ -> new Nodes.Clz(d, a);
            case BOOL_TO_I32, LO32, SEXT32_64, BITS_TO_F32, F32_TO_BITS -> new Nodes.Int(d, a);
            case BITS_TO_F64, F64_TO_BITS -> new Nodes.Copy(d, a);
            case SELECT -> new Nodes.Select(d, a, b, c);
            case LOAD8 -> new Nodes.Load8(d, a);
            case LOAD16 -> new Nodes.Load16(d, a);
            case LOAD32 -> new Nodes.Load32(d, a);
            case STORE8 -> new Nodes.Store8(a, b);
            case STORE16 -> new Nodes.Store16(a, b);
            case STORE32 -> new Nodes.Store32(a, b);
            default -> new Nodes.Generic(in.op, in.imm, d, a, b, c);
        };
    }

    /** A CALL with more arguments than {@link HelperCall} takes: the reference path. */
    private static final class SlowCall extends Node {
        final Helper h; final int d; final int[] s;
        SlowCall(Helper h, int d, int[] s) { this.h = h; this.d = d; this.s = s; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) {
            long v = IrEvaluator.call(h, s, t, cpu);
            if (d >= 0) t[d] = v;
        }
    }
}

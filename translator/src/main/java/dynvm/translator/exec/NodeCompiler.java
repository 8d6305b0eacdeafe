package dynvm.translator.exec;

import dynvm.cache.persist.OpArrays;
import dynvm.ir.Block;
import dynvm.ir.Helper;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;

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
 * <li>a {@code BOOL_TO_I32} leaves no node: a BOOL temp already holds 0 or 1, the same long as
 *     the I32 it becomes, so its uses read the BOOL temp itself (kept when the terminal reads it,
 *     as the terminal reads temps by number);
 * <li>common pairs run as one node ({@link FusedNodes}): an ALU op that reads its first operand
 *     straight from the register a GET_REG would have copied (the temp has no other use, nothing
 *     but constants in between), that also stores its result to the register the next op sets,
 *     a GET_REG whose value the next op stores to another register, and a compare whose result
 *     the next op stores to a register (a flag).
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

    /** The ops of the block being compiled, in columns; refilled for each block. */
    private final OpArrays own = new OpArrays();
    // per-temp scratch, grown as needed (a compiler belongs to one engine's thread)
    private int[] uses = new int[64], defs = new int[64], folded = new int[64], constVal = new int[64];
    private boolean[] isConst = new boolean[64];
    private Object[] entries = new Object[64];
    private int nentries;

    public NodeBlock compile(Block b) {
        own.fill(b.ops());
        return compile(b, own);
    }

    /**
     * {@code b} as nodes, its ops read from {@code ops} (which hold exactly {@code b.ops()}, e.g.
     * as {@link dynvm.cache.persist.BlockCodec#decodeOps} decoded them), not from {@code b}.
     */
    public NodeBlock compile(Block b, OpArrays ops) {
        ops = withoutBoolCopies(b, ops);
        int ntemps = b.temps().length;
        if (uses.length < ntemps) {
            int cap = Math.max(ntemps, 2 * uses.length);
            uses = new int[cap]; defs = new int[cap]; folded = new int[cap]; constVal = new int[cap];
            isConst = new boolean[cap];
        }
        final int[] uses = this.uses, defs = this.defs, folded = this.folded, constVal = this.constVal;
        final boolean[] isConst = this.isConst;
        java.util.Arrays.fill(uses, 0, ntemps, 0);
        java.util.Arrays.fill(defs, 0, ntemps, 0);
        java.util.Arrays.fill(folded, 0, ntemps, 0);
        java.util.Arrays.fill(isConst, 0, ntemps, false);
        final int nops = ops.n;
        final Op[] opc = ops.op;
        final int[] dst = ops.dst, srcAt = ops.srcAt, src = ops.src;
        final long[] imm = ops.imm;
        for (int i = 0; i < nops; i++) {
            for (int k = srcAt[i]; k < srcAt[i + 1]; k++) uses[src[k]]++;
            if (dst[i] >= 0) defs[dst[i]]++;
        }
        Terminal term = b.terminal();
        if (term instanceof Terminal.Branch br) uses[br.cond()]++;
        else if (term instanceof Terminal.IndirectJump ij) uses[ij.target()]++;
        else if (term instanceof Terminal.ServiceCall sc) for (int a : sc.args()) uses[a]++;
        // temps holding one known I32 constant
        for (int i = 0; i < nops; i++)
            if (opc[i] == Op.CONST_I32 && defs[dst[i]] == 1) { isConst[dst[i]] = true; constVal[dst[i]] = (int) imm[i]; }

        nentries = 0;
        boolean labels = false, skips = false;
        int pc = b.pc();
        boolean pcSet = true;
        for (int i = 0; i < nops; i++) {
            Op op = opc[i];
            int s0 = srcAt[i], ns = srcAt[i + 1] - s0;
            if (op == Op.INSN_START) { pc = (int) imm[i]; pcSet = false; continue; }
            if (op == Op.BOOL_TO_I32 && uses[dst[i]] == 0) continue; // its uses read its source (withoutBoolCopies)
            if (op == Op.LABEL) { add(new Label(imm[i])); labels = true; pcSet = false; continue; }
            if (op == Op.SKIP_UNLESS) { add(new Skip(src[s0], imm[i])); skips = true; continue; }
            if (op.mayFault() && !pcSet) { add(new Nodes.InsnStart(pc)); pcSet = true; }
            if (op == Op.CONST_I32 && isConst[dst[i]]) { add(new ConstEntry(dst[i], new Nodes.Const(dst[i], (int) imm[i]))); continue; }
            if (fuse && FusedNodes.fusible(op)) {
                int get = fusibleGet(src[s0], uses);
                int r = i + 1 < nops ? setsI32(ops, i + 1, dst[i]) : -1;
                if (get >= 0 || r >= 0) {
                    int s1 = src[s0 + 1];
                    boolean k = isConst[s1];
                    int a = src[s0];
                    if (get >= 0) { a = ((Nodes.GetR) entries[get]).k; entries[get] = DROPPED; }
                    if (k) folded[s1]++;
                    add(FusedNodes.make(op, k, get >= 0, r >= 0, dst[i], a, k ? constVal[s1] : s1, r));
                    if (r >= 0) i++; // the SET_REG is done
                    continue;
                }
            }
            if (fuse && op == Op.SET_REG && nentries > 0 && entries[nentries - 1] instanceof Nodes.GetR g
                    && g.d == src[s0] && regs.get((int) imm[i]).type() == Type.I32) {
                entries[nentries - 1] = new FusedNodes.Mov(g.d, g.k, regs.get((int) imm[i]).slot());
                continue;
            }
            if (fuse && ns == 2 && i + 1 < nops) { // a flag set from a compare
                int j = i + 1; // the next op that leaves a node
                while (j < nops - 1 && opc[j] == Op.BOOL_TO_I32 && uses[dst[j]] == 0) j++;
                int r = setsI32(ops, j, dst[i]);
                boolean k = isConst[src[s0 + 1]];
                Node n = r < 0 ? null : FusedNodes.compareAndSet(op, k, dst[i], src[s0], k ? constVal[src[s0 + 1]] : src[s0 + 1], r);
                if (n != null) {
                    if (k) folded[src[s0 + 1]]++;
                    add(n);
                    i = j; // the SET_REG is done
                    continue;
                }
            }
            if (ns == 2 && isConst[src[s0 + 1]]) {
                Node n = immediate(op, dst[i], src[s0], constVal[src[s0 + 1]]);
                if (n != null) { folded[src[s0 + 1]]++; add(n); continue; }
            }
            if (op == Op.SET_REG && ns == 1 && isConst[src[s0]] && regs.get((int) imm[i]).type() == Type.I32) {
                folded[src[s0]]++;
                add(new Nodes.SetRK(constVal[src[s0]], regs.get((int) imm[i]).slot()));
                continue;
            }
            add(node(ops, i));
        }

        // compact: drop fully folded constants, resolve labels to node indices
        int n = 0;
        for (int j = 0; j < nentries; j++) {
            Object e = entries[j];
            if (e == DROPPED) continue;
            if (e instanceof ConstEntry c && folded[c.temp()] >= uses[c.temp()]) continue;
            if (e instanceof Label) continue;
            n++;
        }
        Node[] out = new Node[n];
        int[] skipCond = skips ? new int[n] : NO_SKIPS, skipTo = skips ? new int[n] : NO_SKIPS;
        java.util.Map<Long, Integer> labelAt = labels ? new java.util.HashMap<>() : null;
        int o = 0;
        for (int j = 0; j < nentries; j++) {
            Object e = entries[j];
            if (e == DROPPED) continue;
            if (e instanceof Node nd) out[o++] = nd;
            else if (e instanceof ConstEntry c) { if (folded[c.temp()] < uses[c.temp()]) out[o++] = c.node(); }
            else if (e instanceof Label l) labelAt.put(l.id(), o);
            else { Skip k = (Skip) e; skipCond[o] = k.cond(); o++; } // a null node: the skip
        }
        if (skips) {
            o = 0;
            for (int j = 0; j < nentries; j++) {
                Object e = entries[j];
                if (e == DROPPED || e instanceof Label) continue;
                if (e instanceof ConstEntry c && folded[c.temp()] >= uses[c.temp()]) continue;
                if (e instanceof Skip k) skipTo[o] = labelAt.get(k.label());
                o++;
            }
        }
        java.util.Arrays.fill(entries, 0, nentries, null);
        blocks++;
        nodes += n;
        return new NodeBlock(out, skipCond, skipTo, ntemps, term, b.endPc());
    }

    /** What {@link #withoutBoolCopies} hands out: {@code ops}' columns but its own sources. */
    private final OpArrays renamed = new OpArrays();
    private int[] alias = new int[64];

    /**
     * {@code ops}, or a view of it whose sources name the BOOL temp instead of the I32 copy a
     * {@code BOOL_TO_I32} made of it (that op then has no use left and leaves no node). Copies
     * the terminal reads keep their temp. {@code ops} itself is never changed: it may be a
     * block's stored ops, read again when the block is compiled.
     */
    private OpArrays withoutBoolCopies(Block b, OpArrays ops) {
        int n = ops.n, copies = 0;
        for (int i = 0; i < n; i++) if (ops.op[i] == Op.BOOL_TO_I32) copies++;
        if (copies == 0) return ops;
        int ntemps = b.temps().length;
        if (alias.length < ntemps) alias = new int[Math.max(ntemps, 2 * alias.length)];
        final int[] alias = this.alias;
        for (int t = 0; t < ntemps; t++) alias[t] = t;
        Terminal term = b.terminal();
        int keep = term instanceof Terminal.Branch br ? br.cond() : term instanceof Terminal.IndirectJump ij ? ij.target() : -1;
        int[] scArgs = term instanceof Terminal.ServiceCall sc ? sc.args() : null;
        for (int i = 0; i < n; i++) {
            if (ops.op[i] != Op.BOOL_TO_I32) continue;
            int d = ops.dst[i];
            boolean read = d == keep;
            if (scArgs != null) for (int a : scArgs) read |= a == d;
            if (!read) alias[d] = alias[ops.src(i, 0)];
        }
        int nsrc = ops.srcAt[n];
        OpArrays r = renamed;
        r.n = n; r.op = ops.op; r.dst = ops.dst; r.imm = ops.imm; r.aux = ops.aux; r.srcAt = ops.srcAt;
        if (r.src.length < nsrc || r.src == ops.src) r.src = new int[Math.max(nsrc, 128)];
        for (int k = 0; k < nsrc; k++) r.src[k] = alias[ops.src[k]];
        return r;
    }

    /** The skip columns of a block without skips: never read (only null nodes are skips). */
    private static final int[] NO_SKIPS = {};

    private void add(Object e) {
        if (nentries == entries.length) entries = java.util.Arrays.copyOf(entries, 2 * nentries);
        entries[nentries++] = e;
    }

    /** An entry fused into a later node. */
    private static final Object DROPPED = new Object();

    /**
     * Index in {@code entries} of the I32 GET_REG that defines {@code temp}, when the op about to
     * be added may read the register itself instead: {@code temp} has no other use and only
     * constants come between (nothing that could write the register); else -1.
     */
    private int fusibleGet(int temp, int[] uses) {
        if (uses[temp] != 1) return -1;
        for (int j = nentries - 1; j >= 0; j--) {
            Object e = entries[j];
            if (e instanceof ConstEntry) continue;
            return e instanceof Nodes.GetR g && g.d == temp ? j : -1;
        }
        return -1;
    }

    /** The {@code cpu.r} slot {@code next} stores {@code temp} to, when it is a SET_REG of it to an I32 register; else -1. */
    private int setsI32(OpArrays ops, int next, int temp) {
        if (ops.op[next] != Op.SET_REG || ops.src(next, 0) != temp) return -1;
        RegisterFile.Reg r = regs.get((int) ops.imm[next]);
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

    private Node node(OpArrays ops, int i) {
        int d = ops.dst[i];
        int ns = ops.nsrc(i);
        int a = ns > 0 ? ops.src(i, 0) : 0, b = ns > 1 ? ops.src(i, 1) : 0, c = ns > 2 ? ops.src(i, 2) : 0;
        long imm = ops.imm[i];
        return switch (ops.op[i]) {
            case CONST_I32, CONST_I64, CONST_F64 -> new Nodes.Const(d, imm);
            case GET_REG -> {
                RegisterFile.Reg r = regs.get((int) imm);
                yield r.type() == Type.I32 ? new Nodes.GetR(d, r.slot()) : new Nodes.GetD(d, r.slot());
            }
            case SET_REG -> {
                RegisterFile.Reg r = regs.get((int) imm);
                yield r.type() == Type.I32 ? new Nodes.SetR(a, r.slot()) : new Nodes.SetD(a, r.slot());
            }
            case CALL -> {
                Helper h = (Helper) ops.aux[i];
                int[] s = ops.sources(i);
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
            default -> new Nodes.Generic(ops.op[i], imm, d, a, b, c);
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

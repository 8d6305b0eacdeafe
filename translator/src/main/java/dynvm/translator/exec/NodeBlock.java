package dynvm.translator.exec;

import dynvm.ir.Terminal;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;

/**
 * A block pre-decoded for tier 0 by {@link NodeCompiler}: an array of {@link Node}s run in order,
 * then the block's terminal. A {@code SKIP_UNLESS} is a null entry whose condition temp and jump
 * index sit in {@link #skipCond} and {@link #skipTo} (labels leave no node), so the loop has one
 * cheap null check and no node needs to return where to go next.
 */
public final class NodeBlock {
    /**
     * Run the commonest node classes through a switch on their {@link Node#kind} ({@code
     * dynvm.tier0Switch}, default on) rather than a virtual call. A block's nodes are of dozens of
     * classes, so {@code nd.exec} is a megamorphic call through a vtable stub at every node; a
     * case casts to the one final class, whose {@code exec} C1 binds statically and inlines.
     * The cases only select the class: each op's semantics stay in its {@code exec}.
     */
    static final boolean SWITCH = !"false".equals(System.getProperty("dynvm.tier0Switch"));

    // kinds of the classes the switch names, by how often tier 0 ran them (python3 start-up,
    // a busybox shell loop, a PowerPC hello), then the fused compare-and-set forms; 0 is every other class
    /** The kind of a null (skip) entry. */
    static final int SKIP = -1;
    static final int SET_R = 1;
    static final int GET_R = 2;
    static final int INT = 3;
    static final int INSN_START = 4;
    static final int LOAD32 = 5;
    static final int XOR = 6;
    static final int EQ_K = 7;
    static final int SHRU_K = 8;
    static final int AND = 9;
    static final int NE_K = 10;
    static final int ADD_K = 11;
    static final int STORE32 = 12;
    static final int SUB_K = 13;
    static final int XOR_K = 14;
    static final int GEU_K = 15;
    static final int SET_R_K = 16;
    static final int BNOT = 17;
    static final int CONST = 18;
    static final int SUB = 19;
    static final int GEU = 20;
    static final int AND_K = 21;
    static final int SHL_K = 22;
    static final int ADD = 23;
    static final int LTU = 24;
    static final int LOAD8 = 25;
    static final int ADD_K_G = 26;
    static final int SHRU_K_S = 27;
    static final int MOV = 28;
    static final int ADD_K_G_S = 29;
    static final int AND_K_S = 30;
    static final int EQ_K_S = 31;
    static final int NE_K_S = 32;
    static final int GEU_K_S = 33;
    static final int LTU_K_S = 34;
    static final int GEU_S = 35;
    static final int LTU_S = 36;

    final Node[] nodes;
    /** Each node's {@link Node#kind}, {@link #SKIP} for a skip (one byte a node: a field in the node would cost eight). */
    private final byte[] kinds;
    /** For a null (skip) entry at i: the BOOL temp tested, and the index of the first node after its label. */
    final int[] skipCond, skipTo;
    final int ntemps;
    final Terminal terminal;
    final int fallthroughPc;

    NodeBlock(Node[] nodes, int[] skipCond, int[] skipTo, int ntemps, Terminal terminal, int fallthroughPc) {
        this.nodes = nodes;
        kinds = new byte[nodes.length];
        for (int i = 0; i < nodes.length; i++) kinds[i] = (byte) (nodes[i] == null ? SKIP : nodes[i].kind());
        this.skipCond = skipCond;
        this.skipTo = skipTo;
        this.ntemps = ntemps;
        this.terminal = terminal;
        this.fallthroughPc = fallthroughPc;
    }

    /** Number of nodes (skips included): what {@code --stats} counts. */
    public int size() { return nodes.length; }

    /** As {@link IrEvaluator#execute}: runs the nodes then the terminal; {@code t} holds at least {@link #ntemps} longs. */
    int run(long[] t, CpuState cpu, MemoryPort mem) {
        return SWITCH ? runSwitched(t, cpu, mem) : runVirtual(t, cpu, mem);
    }

    /** {@link #run} with a virtual call for every node. */
    int runVirtual(long[] t, CpuState cpu, MemoryPort mem) {
        final Node[] nodes = this.nodes;
        for (int i = 0, n = nodes.length; i < n; ) {
            Node nd = nodes[i];
            if (nd != null) {
                nd.exec(t, cpu, mem);
                i++;
            } else {
                i = (int) t[skipCond[i]] == 0 ? skipTo[i] : i + 1;
            }
        }
        return IrEvaluator.finish(terminal, fallthroughPc, cpu, t);
    }

    /** {@link #run} with the commonest node classes called through the switch ({@link #SWITCH}). */
    int runSwitched(long[] t, CpuState cpu, MemoryPort mem) {
        final Node[] nodes = this.nodes;
        final byte[] kinds = this.kinds;
        for (int i = 0, n = nodes.length; i < n; ) {
            Node nd = nodes[i];
            switch (kinds[i]) {
                case SKIP -> { i = (int) t[skipCond[i]] == 0 ? skipTo[i] : i + 1; continue; }
                case SET_R -> ((Nodes.SetR) nd).exec(t, cpu, mem);
                case GET_R -> ((Nodes.GetR) nd).exec(t, cpu, mem);
                case INT -> ((Nodes.Int) nd).exec(t, cpu, mem);
                case INSN_START -> ((Nodes.InsnStart) nd).exec(t, cpu, mem);
                case LOAD32 -> ((Nodes.Load32) nd).exec(t, cpu, mem);
                case XOR -> ((Nodes.Xor) nd).exec(t, cpu, mem);
                case EQ_K -> ((Nodes.EqK) nd).exec(t, cpu, mem);
                case SHRU_K -> ((Nodes.ShruK) nd).exec(t, cpu, mem);
                case AND -> ((Nodes.And) nd).exec(t, cpu, mem);
                case NE_K -> ((Nodes.NeK) nd).exec(t, cpu, mem);
                case ADD_K -> ((Nodes.AddK) nd).exec(t, cpu, mem);
                case STORE32 -> ((Nodes.Store32) nd).exec(t, cpu, mem);
                case SUB_K -> ((Nodes.SubK) nd).exec(t, cpu, mem);
                case XOR_K -> ((Nodes.XorK) nd).exec(t, cpu, mem);
                case GEU_K -> ((Nodes.GeuK) nd).exec(t, cpu, mem);
                case SET_R_K -> ((Nodes.SetRK) nd).exec(t, cpu, mem);
                case BNOT -> ((Nodes.Bnot) nd).exec(t, cpu, mem);
                case CONST -> ((Nodes.Const) nd).exec(t, cpu, mem);
                case SUB -> ((Nodes.Sub) nd).exec(t, cpu, mem);
                case GEU -> ((Nodes.Geu) nd).exec(t, cpu, mem);
                case AND_K -> ((Nodes.AndK) nd).exec(t, cpu, mem);
                case SHL_K -> ((Nodes.ShlK) nd).exec(t, cpu, mem);
                case ADD -> ((Nodes.Add) nd).exec(t, cpu, mem);
                case LTU -> ((Nodes.Ltu) nd).exec(t, cpu, mem);
                case LOAD8 -> ((Nodes.Load8) nd).exec(t, cpu, mem);
                case ADD_K_G -> ((FusedNodes.AddKG) nd).exec(t, cpu, mem);
                case SHRU_K_S -> ((FusedNodes.ShruKS) nd).exec(t, cpu, mem);
                case MOV -> ((FusedNodes.Mov) nd).exec(t, cpu, mem);
                case ADD_K_G_S -> ((FusedNodes.AddKGS) nd).exec(t, cpu, mem);
                case AND_K_S -> ((FusedNodes.AndKS) nd).exec(t, cpu, mem);
                case EQ_K_S -> ((FusedNodes.EqKS) nd).exec(t, cpu, mem);
                case NE_K_S -> ((FusedNodes.NeKS) nd).exec(t, cpu, mem);
                case GEU_K_S -> ((FusedNodes.GeuKS) nd).exec(t, cpu, mem);
                case LTU_K_S -> ((FusedNodes.LtuKS) nd).exec(t, cpu, mem);
                case GEU_S -> ((FusedNodes.GeuS) nd).exec(t, cpu, mem);
                case LTU_S -> ((FusedNodes.LtuS) nd).exec(t, cpu, mem);
                default -> nd.exec(t, cpu, mem);
            }
            i++;
        }
        return IrEvaluator.finish(terminal, fallthroughPc, cpu, t);
    }
}

package dynvm.translator.backend;

import static org.objectweb.asm.Opcodes.*;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.RegisterFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Turns IR into a hidden class extending {@link Translation}: one block, or a region of blocks.
 *
 * <p>Shape of the generated {@code run(CpuState)}: guest registers the code touches are loaded
 * from the state arrays into JVM locals at entry and written back at every exit only; each IR
 * temp is a typed local; guest memory is reached through the final {@link GuestMemory} accessors
 * (C2 inlines them, so the fast path has no call). A single exception handler makes faults
 * precise: it writes back the register locals and stores the pc of the faulting instruction,
 * which the body keeps in a local. Calls to helpers that take the CPU flush registers before and
 * reload after.
 *
 * <p>A region is several blocks in one method (the first is the entry): a jump, branch or
 * indirect jump whose target is a member block becomes a JVM {@code goto}, so hot loops that span
 * blocks (and calls through function pointers and their returns) run as JVM loops that C2
 * optimises as a whole, with registers in locals throughout. Backward transfers are bounded by
 * {@link CpuState#budget} so the dispatcher still gets control. A block whose terminal jumps to
 * its own start is the one-block case of this. When the member blocks form a loop that can be
 * entered at more than one of them (irreducible control flow, which C1 may refuse to compile),
 * the members with several predecessors are entered through one switch on a next-block local
 * instead ({@link #viaDispatch}), so every loop of the method has a single header.
 */
public final class BytecodeBackend {
    /** Class files bigger than this risk a method over HotSpot's 8000-byte compile limit. */
    public static final int MAX_CLASS_BYTES = 7000;

    private static final String TRANSLATION = "dynvm/cache/Translation";
    private static final String CPU = "dynvm/spi/CpuState";
    private static final String FAULT = "dynvm/microkernel/mem/MemoryFault";
    private static final String RT = "dynvm/translator/exec/IrRuntime";
    private static final String OWNER = "dynvm/translator/backend/GuestBlock";

    private static final int L_THIS = 0, L_CPU = 1, L_R = 2, L_D = 3, L_MEM = 4, L_PC = 5, L_FIRST = 6;

    private final RegisterFile regs;
    private final boolean bigEndian;
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();

    /** Internal name of the memory class whose accessors generated code calls, and its constructor descriptor. */
    private final String MEM, CTOR_DESC;
    private final Class<?> memoryClass;

    /** Generated code reaches memory through user mode's flat window ({@link GuestMemory}). */
    public BytecodeBackend(RegisterFile regs, boolean bigEndian) { this(regs, bigEndian, GuestMemory.class); }

    /**
     * @param memoryClass the memory strategy of the machine: a final class with the accessors
     *                    {@code load8(I)I, load16be/le(I)I, load32be/le(I)I, load64be/le(I)J,
     *                    store8(II)V, store16be/le(II)V, store32be/le(II)V, store64be/le(IJ)V}
     *                    (user mode's flat window, or system mode's soft MMU); generated code
     *                    calls them directly, so C2 inlines each fast path into the block
     */
    public BytecodeBackend(RegisterFile regs, boolean bigEndian, Class<?> memoryClass) {
        this.memoryClass = memoryClass;
        // (ASM's Type.getInternalName: a run that compiles no block then loads no ASM class, whose
        // Java 5 class files the start-up archive cannot hold)
        this.MEM = memoryClass.getName().replace('.', '/');
        this.CTOR_DESC = "(IIIILjava/lang/Object;[IL" + MEM + ";)V";
        this.regs = regs;
        this.bigEndian = bigEndian;
    }

    /**
     * A region's static side exits each return {@code Translation.EXIT_LINK + k} (k: the target's
     * index in {@link #sideExits}) instead of {@code EXIT_INDIRECT}, so the dispatcher links each
     * to its successor ({@code -Ddynvm.regionLinks=false}: all leave as computed exits).
     */
    private boolean regionLinks = true;

    /** Turns linked region side exits on or off (see {@link #sideExits}); before any generation. */
    public void regionLinks(boolean on) { regionLinks = on; }

    /**
     * User mode's flat window only: each 32- and 64-bit load and store tests the window's fast-path
     * conditions itself (in the window's array, inside one page, the page plain: the same tests
     * as {@link GuestMemory}'s accessors) and moves the bytes with array accesses, calling the
     * accessor only when a test fails. C1 inlines no accessor (they are over its 35-byte limit),
     * so without this every access is a call, around which C1 spills every live value.
     */
    private boolean inlineMemory;
    /**
     * How the inline memory path moves its bytes ({@code -Ddynvm.inlineAccess}, for measurements):
     * by default with one little-endian byte-array-view access (C1 folds the static final
     * VarHandle and inlines it to one unaligned load or store), a big-endian 32-bit access with
     * {@code Integer.reverseBytes} around it in the block itself (inside a big-endian view C1
     * neither intrinsifies nor, at that depth, inlines it: a call per access); a big-endian 64-bit
     * one byte at a time ({@code Long.reverseBytes} is over C1's inlining limit). {@code le}: views
     * for little-endian guests only; {@code bytes}: byte at a time everywhere.
     */
    private static final String ACCESS = System.getProperty("dynvm.inlineAccess", "views");

    /** Turns the inline memory fast path on or off ({@code -Ddynvm.inlineMemory}); before any generation. */
    public void inlineMemory(boolean on) { inlineMemory = on && memoryClass == GuestMemory.class; }

    /**
     * The distinct static targets outside the region that its members jump or branch to, in order
     * of first appearance: side exit k returns {@code Translation.EXIT_LINK + k}. Empty for one
     * block, without loops (nothing is a member then) or with linked side exits off.
     */
    public int[] sideExits(List<Block> blocks, boolean loops) {
        if (blocks.size() < 2 || !loops || !regionLinks) return new int[0];
        java.util.LinkedHashSet<Integer> out = new java.util.LinkedHashSet<>();
        java.util.Set<Integer> members = new java.util.HashSet<>();
        for (Block b : blocks) members.add(b.pc());
        for (Block b : blocks) {
            Terminal t = b.terminal();
            if (t instanceof Terminal.Jump j && !members.contains(j.target())) out.add(j.target());
            else if (t instanceof Terminal.Branch br) {
                if (!members.contains(br.taken())) out.add(br.taken());
                if (!members.contains(br.notTaken())) out.add(br.notTaken());
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Generates the class file of one block. {@code loops}: turn self-jumps into JVM loops. */
    public byte[] generate(Block b, boolean loops) { return generate(List.of(b), loops); }

    /**
     * Generates the class file of a region: {@code blocks.get(0)} is the entry, the others are
     * blocks its exits may reach. {@code loops}: transfers to member blocks become gotos (without
     * it, every exit leaves the method).
     */
    public byte[] generate(List<Block> blocks, boolean loops) {
        byte[] c = generate(blocks, loops, inlineMemory);
        // the inline accesses make the method bigger: rather the calls than no region at all
        return inlineMemory && c.length > MAX_CLASS_BYTES ? generate(blocks, loops, false) : c;
    }

    private byte[] generate(List<Block> blocks, boolean loops, boolean inlineMem) {
        // Frames are written by hand (see MethodGen.frame): at every jump target only the fixed
        // locals are live, so this is exact, and it makes generation several times cheaper than
        // ASM's COMPUTE_FRAMES over one local per IR temp.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, OWNER, null, TRANSLATION, null);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "mem", "L" + MEM + ";", null, null).visitEnd();

        MethodVisitor ctor = cw.visitMethod(ACC_PUBLIC, "<init>", CTOR_DESC, null, null);
        ctor.visitCode();
        ctor.visitVarInsn(ALOAD, 0);
        for (int i = 1; i <= 4; i++) ctor.visitVarInsn(ILOAD, i);
        ctor.visitVarInsn(ALOAD, 5);
        ctor.visitVarInsn(ALOAD, 6);
        ctor.visitMethodInsn(INVOKESPECIAL, TRANSLATION, "<init>", "(IIIILjava/lang/Object;[I)V", false);
        ctor.visitVarInsn(ALOAD, 0);
        ctor.visitVarInsn(ALOAD, 7);
        ctor.visitFieldInsn(PUTFIELD, OWNER, "mem", "L" + MEM + ";");
        ctor.visitInsn(RETURN);
        ctor.visitMaxs(0, 0);
        ctor.visitEnd();

        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + CPU + ";)I", null, null);
        new MethodGen(mv, blocks, loops, inlineMem).emit();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Defines a one-block class. */
    public Translation define(Block b, byte[] classFile, Object mem) { return define(List.of(b), classFile, mem); }

    /**
     * Defines the class as a hidden class (unloadable once unreferenced) and instantiates it. The
     * translation covers the code ranges of all member blocks, so a write to any of them drops it.
     */
    public Translation define(List<Block> blocks, byte[] classFile, Object mem) {
        return defineClass(blocks.get(0), classFile).instantiate(blocks, mem);
    }

    /**
     * Defines the class of {@code b}'s translation (or of a region whose entry is {@code b}) as a
     * hidden class, without instantiating it. The class holds no guest state: memory, ranges and
     * exit data are constructor arguments, so one class serves every process whose code at the
     * block's pc is the same ({@link TranslationClass}).
     */
    public TranslationClass defineClass(Block b, byte[] classFile) {
        try {
            MethodHandles.Lookup h = lookup.defineHiddenClass(classFile, true);
            return new TranslationClass(h.findConstructor(h.lookupClass(), MethodType.methodType(void.class, int.class,
                    int.class, int.class, int.class, Object.class, int[].class, memoryClass)));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new IllegalStateException("cannot define translation of block at 0x" + Integer.toHexString(b.pc()), e);
        }
    }

    /**
     * Which member blocks of a region must be entered through a dispatch switch so that the JVM's
     * C1 compiler can compile the method, or null when straight gotos will do. C1 builds its graph
     * in one pass in reverse postorder and bails out ("block join failed": the method then stays in
     * the bytecode interpreter for good) on some irreducible loops, ones that can be entered at
     * more than one block; regions make them from guest code: a loop entered at two members, or
     * a computed jump (a return) that may reach every member. When the member graph is
     * irreducible, every member with more than one predecessor (the entry counts for block 0) is
     * reached through one switch on a local, and the others keep their gotos: with every transfer
     * through the switch, the switch would be the only loop header, dominating everything, and
     * folding a block into its only predecessor keeps a graph reducible.
     *
     * @param succ member k's successors among the members; node {@code succ.length - 1} is the
     *             method's entry
     */
    static boolean[] viaDispatch(int[][] succ) {
        int entry = succ.length - 1;
        if (reducible(succ, entry)) return null;
        java.util.Set<Integer>[] preds = preds(succ);
        boolean[] via = new boolean[entry];
        for (int k = 0; k < entry; k++) via[k] = preds[k].size() > 1;
        return via;
    }

    @SuppressWarnings("unchecked")
    private static java.util.Set<Integer>[] preds(int[][] succ) {
        java.util.Set<Integer>[] p = new java.util.Set[succ.length];
        for (int u = 0; u < succ.length; u++) p[u] = new java.util.HashSet<>();
        for (int u = 0; u < succ.length; u++) for (int v : succ[u]) p[v].add(u);
        return p;
    }

    /**
     * Is the graph reducible: does every edge that closes a cycle in a depth-first walk from
     * {@code entry} go to a node that dominates its source? (Nodes the entry does not reach do
     * not count: the JVM never compiles them.)
     */
    static boolean reducible(int[][] succ, int entry) {
        int n = succ.length;
        // reverse postorder and the cycle-closing edges of a depth-first walk
        int[] state = new int[n];
        int[] rpo = new int[n];
        java.util.Arrays.fill(rpo, -1);
        List<int[]> back = new ArrayList<>();
        int[] order = new int[n];
        int[] post = {n};
        dfs(entry, succ, state, back, order, post);
        for (int i = post[0]; i < n; i++) rpo[order[i]] = i;
        // dominators by the iterative data-flow method: dom[v] = {v} + the meet of dom over v's preds
        java.util.Set<Integer>[] preds = preds(succ);
        BitSet[] dom = new BitSet[n];
        BitSet all = new BitSet();
        for (int u = 0; u < n; u++) if (rpo[u] >= 0) all.set(u);
        for (int u = 0; u < n; u++) dom[u] = (BitSet) all.clone();
        dom[entry] = new BitSet();
        dom[entry].set(entry);
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int i = post[0]; i < n; i++) {
                int v = order[i];
                if (v == entry) continue;
                BitSet d = (BitSet) all.clone();
                for (int p : preds[v]) if (rpo[p] >= 0) d.and(dom[p]);
                d.set(v);
                if (!d.equals(dom[v])) { dom[v] = d; changed = true; }
            }
        }
        for (int[] e : back) if (!dom[e[0]].get(e[1])) return false;
        return true;
    }

    private static void dfs(int u, int[][] succ, int[] state, List<int[]> back, int[] order, int[] post) {
        state[u] = 1;
        for (int v : succ[u]) {
            if (state[v] == 0) dfs(v, succ, state, back, order, post);
            else if (state[v] == 1) back.add(new int[]{u, v});
        }
        state[u] = 2;
        order[--post[0]] = u;
    }

    /** The code generator of one {@code run} method. */
    private final class MethodGen {
        private final MethodVisitor mv;
        private final List<Block> blocks;
        private final boolean loops;
        private final int[] regLocal;     // register index -> local slot, or -1
        private final BitSet used = new BitSet(), written = new BitSet();
        private final Label tryStart = new Label(), tryEnd = new Label(), handler = new Label();
        private final Label[] blockLabel;
        private final int[][] tempSlots;  // per block: temp -> local slot
        /** Can control come back into the method's blocks (a loop or a region)? Then it counts. */
        private final boolean counting;
        private final int iterSlot, countSlot;
        /**
         * Irreducible regions only ({@link #viaDispatch}): which member blocks are entered through
         * the dispatch switch, the local holding the index of the block it goes to, and its label.
         */
        private final boolean[] viaDispatch;
        private final int nextSlot;
        private final Label dispatch = new Label();
        /** A region's linked side exits ({@link #sideExits}). */
        private final int[] sideExits;
        /** The block being emitted, its index and its temps' slots (read by the op emitters). */
        private Block b;
        private int current;
        private int[] tempLocal;

        /** Inline memory fast paths ({@link #inlineMemory}), and their scratch locals after every temp. */
        private final boolean inlineMem;
        private int scratch;
        /** Temps of the current block defined since its start or its last LABEL: what a frame inside an op lists. */
        private final BitSet defined = new BitSet();

        MethodGen(MethodVisitor mv, List<Block> blocks, boolean loops, boolean inlineMem) {
            this.inlineMem = inlineMem;
            this.mv = mv;
            this.blocks = blocks;
            this.loops = loops;
            this.sideExits = sideExits(blocks, loops);
            regLocal = new int[regs.size()];
            java.util.Arrays.fill(regLocal, -1);
            for (Block blk : blocks)
                for (Insn in : blk.ops()) {
                    if (in.op == Op.GET_REG || in.op == Op.SET_REG) used.set((int) in.imm);
                    if (in.op == Op.SET_REG) written.set((int) in.imm);
                }
            int slot = L_FIRST;
            for (int r = used.nextSetBit(0); r >= 0; r = used.nextSetBit(r + 1)) {
                regLocal[r] = slot;
                slot += regs.get(r).type() == Type.I64 ? 2 : 1;
            }
            boolean internal = false;
            if (loops) for (Block blk : blocks) internal |= reachesMember(blk.terminal());
            counting = internal;
            iterSlot = counting ? slot++ : -1;
            countSlot = counting ? slot++ : -1;
            viaDispatch = loops ? viaDispatch(memberGraph()) : null;
            nextSlot = viaDispatch != null ? slot++ : -1;
            blockLabel = new Label[blocks.size()];
            tempSlots = new int[blocks.size()][];
            for (int k = 0; k < blocks.size(); k++) {
                blockLabel[k] = new Label();
                Type[] tt = blocks.get(k).temps();
                int[] m = new int[tt.length];
                for (int t = 0; t < tt.length; t++) {
                    m[t] = slot;
                    slot += (tt[t] == Type.I64 || tt[t] == Type.F64) ? 2 : 1;
                }
                tempSlots[k] = m;
            }
            scratch = slot; // address, offset, array, value (2 slots)
        }

        /**
         * The region's blocks as a graph, as {@link #exitTo} and the indirect jumps connect them:
         * node k is member block k, node {@code blocks.size()} the method's entry (it goes to
         * block 0); a computed jump may reach every member.
         */
        private int[][] memberGraph() {
            int n = blocks.size();
            int[][] succ = new int[n + 1][];
            for (int k = 0; k < n; k++) {
                Terminal t = blocks.get(k).terminal();
                java.util.List<Integer> s = new ArrayList<>();
                if (t instanceof Terminal.Jump j) s.add(member(j.target()));
                else if (t instanceof Terminal.Branch br) { s.add(member(br.taken())); s.add(member(br.notTaken())); }
                else if (t instanceof Terminal.IndirectJump && n > 1) for (int m = 0; m < n; m++) s.add(m);
                succ[k] = s.stream().mapToInt(Integer::intValue).filter(m -> m >= 0).distinct().toArray();
            }
            succ[n] = new int[]{0};
            return succ;
        }

        private int member(int pc) {
            for (int k = 0; k < blocks.size(); k++) if (blocks.get(k).pc() == pc) return k;
            return -1;
        }

        private boolean reachesMember(Terminal t) {
            if (t instanceof Terminal.Jump j) return member(j.target()) >= 0;
            if (t instanceof Terminal.Branch br) return member(br.taken()) >= 0 || member(br.notTaken()) >= 0;
            if (t instanceof Terminal.IndirectJump) return blocks.size() > 1;
            return false;
        }

        void emit() {
            mv.visitCode();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, FAULT);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "r", "[I");
            mv.visitVarInsn(ASTORE, L_R);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "d", "[J");
            mv.visitVarInsn(ASTORE, L_D);
            mv.visitVarInsn(ALOAD, L_THIS);
            mv.visitFieldInsn(GETFIELD, OWNER, "mem", "L" + MEM + ";");
            mv.visitVarInsn(ASTORE, L_MEM);
            pushInt(blocks.get(0).pc());
            mv.visitVarInsn(ISTORE, L_PC);
            loadRegs(used);
            if (counting) {
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, iterSlot);
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, countSlot);
            }
            if (viaDispatch != null) {
                mv.visitInsn(ICONST_0);
                mv.visitVarInsn(ISTORE, nextSlot);
            }
            mv.visitLabel(tryStart);
            mv.visitInsn(NOP); // the JVM rejects an empty exception range
            if (viaDispatch != null && viaDispatch[0]) mv.visitJumpInsn(GOTO, dispatch);
            for (int k = 0; k < blocks.size(); k++) {
                b = blocks.get(k);
                current = k;
                tempLocal = tempSlots[k];
                mv.visitLabel(blockLabel[k]);
                frame(false);
                if (counting) mv.visitIincInsn(countSlot, b.guestInsns());
                var ops = b.ops();
                java.util.Map<Long, Label> guards = new java.util.HashMap<>();
                defined.clear();
                for (int i = 0; i < ops.size(); i++) {
                    Insn in = ops.get(i);
                    if (in.op == Op.LABEL) defined.clear();
                    switch (in.op) {
                        case INSN_START -> {
                            if (insnMayFault(ops, i + 1)) { pushInt((int) in.imm); mv.visitVarInsn(ISTORE, L_PC); }
                        }
                        case SKIP_UNLESS -> {
                            ld(in.a());
                            mv.visitJumpInsn(IFEQ, guards.computeIfAbsent(in.imm, id -> new Label()));
                        }
                        case LABEL -> {
                            // temps end here (IR rule), so the fixed-locals frame is exact;
                            // two frames may not share an offset, hence the NOP between labels
                            if (i > 0 && ops.get(i - 1).op == Op.LABEL) mv.visitInsn(NOP);
                            mv.visitLabel(guards.computeIfAbsent(in.imm, id -> new Label()));
                            frame(false);
                        }
                        default -> op(in);
                    }
                    if (in.dst >= 0) defined.set(in.dst);
                }
                terminal(b.terminal());
            }
            if (viaDispatch != null) emitDispatch();
            mv.visitLabel(tryEnd);
            // fault handler: make the state exact, then rethrow (the exception stays on the stack)
            mv.visitLabel(handler);
            frame(true);
            writeBack();
            if (counting) charge(false);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(ILOAD, L_PC);
            mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        /**
         * Declares the stack map frame at the current label: the fixed locals (this, cpu, the
         * register arrays, memory, the pc, the register locals and the counters) and, for the
         * fault handler, the exception on the stack. Temps never live across a label (IR LABELs
         * included: the verifier enforces it).
         */
        /** The frame's fixed locals: this, cpu, the register arrays, memory, the pc, the register locals and the counters. */
        private List<Object> fixedLocals() {
            List<Object> l = new ArrayList<>();
            l.add(OWNER);
            l.add(CPU);
            l.add("[I");
            l.add("[J");
            l.add(MEM);
            l.add(INTEGER);
            for (int r = used.nextSetBit(0); r >= 0; r = used.nextSetBit(r + 1)) l.add(regs.get(r).type() == Type.I64 ? LONG : INTEGER);
            if (counting) { l.add(INTEGER); l.add(INTEGER); }
            if (viaDispatch != null) l.add(INTEGER);
            return l;
        }

        private void frame(boolean handlerFrame) {
            List<Object> l = fixedLocals();
            Object[] stack = handlerFrame ? new Object[]{FAULT} : new Object[0];
            mv.visitFrame(F_NEW, l.size(), l.toArray(), stack.length, stack);
        }

        private boolean insnMayFault(List<Insn> ops, int from) {
            for (int i = from; i < ops.size() && ops.get(i).op != Op.INSN_START; i++) if (ops.get(i).op.mayFault()) return true;
            return false;
        }

        private void loadRegs(BitSet set) {
            for (int r = set.nextSetBit(0); r >= 0; r = set.nextSetBit(r + 1)) {
                RegisterFile.Reg reg = regs.get(r);
                boolean wide = reg.type() == Type.I64;
                mv.visitVarInsn(ALOAD, wide ? L_D : L_R);
                pushInt(reg.slot());
                mv.visitInsn(wide ? LALOAD : IALOAD);
                mv.visitVarInsn(wide ? LSTORE : ISTORE, regLocal[r]);
            }
        }

        private void writeBack() { writeBack(written); }

        private void writeBack(BitSet set) {
            for (int r = set.nextSetBit(0); r >= 0; r = set.nextSetBit(r + 1)) {
                RegisterFile.Reg reg = regs.get(r);
                boolean wide = reg.type() == Type.I64;
                mv.visitVarInsn(ALOAD, wide ? L_D : L_R);
                pushInt(reg.slot());
                mv.visitVarInsn(wide ? LLOAD : ILOAD, regLocal[r]);
                mv.visitInsn(wide ? LASTORE : IASTORE);
            }
        }

        /**
         * Charges the guest instructions run in this call to {@code cpu.insnCount}. On a normal
         * exit the dispatcher adds the entry block's count itself, so that part is left out.
         */
        private void charge(boolean normalExit) {
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, CPU, "insnCount", "J");
            mv.visitVarInsn(ILOAD, countSlot);
            if (normalExit) {
                pushInt(blocks.get(0).guestInsns());
                mv.visitInsn(ISUB);
            }
            mv.visitInsn(I2L);
            mv.visitInsn(LADD);
            mv.visitFieldInsn(PUTFIELD, CPU, "insnCount", "J");
        }

        /** Leaves the method with cpu.pc = pc. */
        private void exit(int pc, int code) {
            writeBack();
            if (counting) charge(true);
            mv.visitVarInsn(ALOAD, L_CPU);
            pushInt(pc);
            mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
            pushInt(code);
            mv.visitInsn(IRETURN);
        }

        /**
         * Continues at member block {@code k}: a plain goto forwards; backwards (a loop) only while
         * the budget lasts, else leaves the method at {@code pc}.
         */
        private void transfer(int k, int pc) {
            if (k > current) {
                goTo(k);
                return;
            }
            Label out = new Label();
            mv.visitVarInsn(ILOAD, iterSlot);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "budget", "I");
            mv.visitJumpInsn(IF_ICMPGE, out);
            mv.visitIincInsn(iterSlot, 1);
            goTo(k);
            mv.visitLabel(out);
            frame(false);
            exit(pc, Translation.EXIT_BUDGET);
        }

        /** Continues at member block {@code k}: straight there, or through the dispatch switch. */
        private void goTo(int k) {
            if (viaDispatch != null && viaDispatch[k]) {
                pushInt(k);
                mv.visitVarInsn(ISTORE, nextSlot);
                mv.visitJumpInsn(GOTO, dispatch);
            } else {
                mv.visitJumpInsn(GOTO, blockLabel[k]);
            }
        }

        /** The dispatch switch: on to the member block whose index is in the next-block local. */
        private void emitDispatch() {
            mv.visitLabel(dispatch);
            frame(false);
            int[] keys = java.util.stream.IntStream.range(0, blocks.size()).filter(k -> viaDispatch[k]).toArray();
            Label[] to = new Label[keys.length];
            for (int i = 0; i < keys.length; i++) to[i] = blockLabel[keys[i]];
            mv.visitVarInsn(ILOAD, nextSlot);
            // the default is one of the cases: no block gets a predecessor it would not have anyway
            mv.visitLookupSwitchInsn(to[0], keys, to);
        }

        /** A region's exit code for leaving to {@code target}: its own link slot, or a computed exit. */
        private int sideExitCode(int target) {
            for (int k = 0; k < sideExits.length; k++) if (sideExits[k] == target) return Translation.EXIT_LINK + k;
            return Translation.EXIT_INDIRECT;
        }

        /** Exit to a static successor, or go to it if it is a member block. */
        private void exitTo(int target, int code) {
            int k = loops ? member(target) : -1;
            if (k >= 0) transfer(k, target);
            else if (blocks.size() == 1) exit(target, code);
            else exit(target, sideExitCode(target));
        }

        private void terminal(Terminal t) {
            if (t instanceof Terminal.Jump j) {
                exitTo(j.target(), Translation.EXIT_TAKEN);
            } else if (t instanceof Terminal.Branch br) {
                Label notTaken = new Label();
                mv.visitVarInsn(ILOAD, tempLocal[br.cond()]);
                mv.visitJumpInsn(IFEQ, notTaken);
                exitTo(br.taken(), Translation.EXIT_TAKEN);
                mv.visitLabel(notTaken);
                frame(false);
                exitTo(br.notTaken(), Translation.EXIT_FALLTHROUGH);
            } else if (t instanceof Terminal.IndirectJump ij) {
                // the target goes to the pc local: temps do not live across the labels below (their
                // frames hold the fixed locals only), and no fault can happen after the terminal
                mv.visitVarInsn(ILOAD, tempLocal[ij.target()]);
                mv.visitVarInsn(ISTORE, L_PC);
                if (loops && blocks.size() > 1) {
                    // a computed target that is a member block (a return, a call through a pointer)
                    for (int k = 0; k < blocks.size(); k++) {
                        Label next = new Label();
                        mv.visitVarInsn(ILOAD, L_PC);
                        pushInt(blocks.get(k).pc());
                        mv.visitJumpInsn(IF_ICMPNE, next);
                        transfer(k, blocks.get(k).pc());
                        mv.visitLabel(next);
                        frame(false);
                    }
                }
                writeBack();
                if (counting) charge(true);
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ILOAD, L_PC);
                mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
                pushInt(Translation.EXIT_INDIRECT);
                mv.visitInsn(IRETURN);
            } else if (t instanceof Terminal.ServiceCall sc) {
                int[] a = sc.args();
                for (int k = 0; k < a.length; k++) {
                    mv.visitVarInsn(ALOAD, L_CPU);
                    mv.visitFieldInsn(GETFIELD, CPU, "serviceArgs", "[I");
                    pushInt(k);
                    mv.visitVarInsn(ILOAD, tempLocal[a[k]]);
                    mv.visitInsn(IASTORE);
                }
                exit(sc.nextPc(), Translation.EXIT_SERVICE);
            } else if (t instanceof Terminal.Trap tr) {
                exit(tr.pc(), Translation.EXIT_TRAP);
            }
        }

        private void pushInt(int v) {
            if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
            else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
            else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
            else mv.visitLdcInsn(v);
        }

        private void ld(int temp) {
            Type ty = b.temps()[temp];
            int op = switch (ty) { case I64 -> LLOAD; case F64 -> DLOAD; case F32 -> FLOAD; default -> ILOAD; };
            mv.visitVarInsn(op, tempLocal[temp]);
        }

        private void st(int temp) {
            Type ty = b.temps()[temp];
            int op = switch (ty) { case I64 -> LSTORE; case F64 -> DSTORE; case F32 -> FSTORE; default -> ISTORE; };
            mv.visitVarInsn(op, tempLocal[temp]);
        }

        private void srcs(Insn in) { for (int s : in.src) ld(s); }

        private boolean rt(String name, String desc) { mv.visitMethodInsn(INVOKESTATIC, RT, name, desc, false); return true; }

        /** One instruction; true, for the arms of {@link #op}'s switch expression. */
        private boolean insn(int opcode) { mv.visitInsn(opcode); return true; }

        /** A static JDK method (Math, Integer, Double, Float); true, for the arms of {@link #op}'s switch expression. */
        private boolean jdk(String owner, String name, String desc) {
            mv.visitMethodInsn(INVOKESTATIC, owner, name, desc, false);
            return true;
        }

        private void mem(String name, String desc) { mv.visitMethodInsn(INVOKEVIRTUAL, MEM, name, desc, false); }

        private String order() { return bigEndian ? "be" : "le"; }

        private static final String GM = "dynvm/microkernel/mem/GuestMemory";

        /**
         * The fast-path tests of {@link GuestMemory}'s accessors, inline ({@link #inlineMemory}):
         * leaves the address in scratch, the window offset in scratch+1 and the array in
         * scratch+2, and jumps to {@code slow} unless the offset is in the array, the access stays
         * in one page and that page's flags allow it ({@code mask}: UNMAPPED for a load, any flag
         * for a store).
         */
        private void fastTests(int len, int mask, Label slow) {
            int a = scratch, o = scratch + 1, r = scratch + 2;
            mv.visitVarInsn(ISTORE, a);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitFieldInsn(GETFIELD, GM, "ram", "[B");
            mv.visitVarInsn(ASTORE, r);
            mv.visitVarInsn(ILOAD, a);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitFieldInsn(GETFIELD, GM, "base", "I");
            mv.visitInsn(ISUB);
            mv.visitVarInsn(ISTORE, o);
            // unsigned off < ram.length - (len - 1), as the accessors test it
            mv.visitVarInsn(ILOAD, o);
            pushInt(Integer.MIN_VALUE);
            mv.visitInsn(IXOR);
            mv.visitVarInsn(ALOAD, r);
            mv.visitInsn(ARRAYLENGTH);
            pushInt(len - 1);
            mv.visitInsn(ISUB);
            pushInt(Integer.MIN_VALUE);
            mv.visitInsn(IXOR);
            mv.visitJumpInsn(IF_ICMPGE, slow);
            // inside one page
            mv.visitVarInsn(ILOAD, o);
            pushInt(GuestMemory.PAGE_SIZE - 1);
            mv.visitInsn(IAND);
            pushInt(GuestMemory.PAGE_SIZE - len);
            mv.visitJumpInsn(IF_ICMPGT, slow);
            // the page's flags
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitFieldInsn(GETFIELD, GM, "pageFlags", "[B");
            mv.visitVarInsn(ILOAD, o);
            pushInt(GuestMemory.PAGE_SHIFT);
            mv.visitInsn(IUSHR);
            mv.visitInsn(BALOAD);
            pushInt(mask);
            mv.visitInsn(IAND);
            mv.visitJumpInsn(IFNE, slow);
        }

        /** Pushes the unsigned byte at array offset scratch+1 plus {@code k}, shifted left by {@code shift}. */
        private void byteAt(int k, int shift) {
            mv.visitVarInsn(ALOAD, scratch + 2);
            mv.visitVarInsn(ILOAD, scratch + 1);
            if (k != 0) { pushInt(k); mv.visitInsn(IADD); }
            mv.visitInsn(BALOAD);
            if (shift != 24) { pushInt(0xff); mv.visitInsn(IAND); }
            if (shift != 0) { pushInt(shift); mv.visitInsn(ISHL); }
        }

        /** Pushes the 32-bit value at array offset scratch+1 plus {@code k}, in the guest's byte order. */
        private void word(int k) {
            for (int i = 0; i < 4; i++) {
                byteAt(k + i, bigEndian ? 24 - 8 * i : 8 * i);
                if (i > 0) mv.visitInsn(IOR);
            }
        }

        private boolean views(int len) {
            return !bigEndian ? !ACCESS.equals("bytes") : len == 4 && ACCESS.equals("views");
        }

        /** Pushes the little-endian byte-array view of {@code len} bytes ({@code IrRuntime.LE32}, {@code LE64}). */
        private void view(int len) {
            mv.visitFieldInsn(GETSTATIC, RT, "LE" + 8 * len, "Ljava/lang/invoke/VarHandle;");
        }

        private void inlineLoad(Insn in, int len) {
            Label slow = new Label(), join = new Label();
            srcs(in);
            fastTests(len, GuestMemory.UNMAPPED, slow);
            if (views(len)) {
                view(len);
                mv.visitVarInsn(ALOAD, scratch + 2);
                mv.visitVarInsn(ILOAD, scratch + 1);
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "get", len == 4 ? "([BI)I" : "([BI)J", false);
                if (bigEndian) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
            } else if (len == 4) word(0);
            else {
                word(bigEndian ? 4 : 0); // the low word
                mv.visitInsn(I2L);
                mv.visitLdcInsn(0xffffffffL);
                mv.visitInsn(LAND);
                word(bigEndian ? 0 : 4);
                mv.visitInsn(I2L);
                pushInt(32);
                mv.visitInsn(LSHL);
                mv.visitInsn(LOR);
            }
            mv.visitJumpInsn(GOTO, join);
            mv.visitLabel(slow);
            innerFrame(0, null);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitVarInsn(ILOAD, scratch);
            if (len == 4) mem("load32" + order(), "(I)I"); else mem("load64" + order(), "(I)J");
            mv.visitLabel(join);
            innerFrame(0, len == 4 ? INTEGER : LONG);
            st(in.dst);
        }

        private void inlineStore(Insn in, int len) {
            Label slow = new Label(), join = new Label();
            int v = scratch + 3;
            srcs(in);
            mv.visitVarInsn(len == 4 ? ISTORE : LSTORE, v);
            fastTests(len, 0xff, slow);
            if (views(len)) {
                view(len);
                mv.visitVarInsn(ALOAD, scratch + 2);
                mv.visitVarInsn(ILOAD, scratch + 1);
                mv.visitVarInsn(len == 4 ? ILOAD : LLOAD, v);
                if (bigEndian) mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/invoke/VarHandle", "set", len == 4 ? "([BII)V" : "([BIJ)V", false);
            } else for (int i = 0; i < len; i++) {
                int shift = bigEndian ? 8 * (len - 1 - i) : 8 * i;
                mv.visitVarInsn(ALOAD, scratch + 2);
                mv.visitVarInsn(ILOAD, scratch + 1);
                if (i != 0) { pushInt(i); mv.visitInsn(IADD); }
                mv.visitVarInsn(len == 4 ? ILOAD : LLOAD, v);
                if (shift != 0) { pushInt(shift); mv.visitInsn(len == 4 ? IUSHR : LUSHR); }
                if (len == 8) mv.visitInsn(L2I);
                mv.visitInsn(BASTORE);
            }
            mv.visitJumpInsn(GOTO, join);
            mv.visitLabel(slow);
            innerFrame(len, null);
            mv.visitVarInsn(ALOAD, L_MEM);
            mv.visitVarInsn(ILOAD, scratch);
            mv.visitVarInsn(len == 4 ? ILOAD : LLOAD, v);
            if (len == 4) mem("store32" + order(), "(II)V"); else mem("store64" + order(), "(IJ)V");
            mv.visitLabel(join);
            innerFrame(len, null);
            mv.visitInsn(NOP); // a LABEL's frame may follow: two frames may not share an offset
        }

        /**
         * A frame inside an op: the fixed locals, the current block's temps defined so far (every
         * other temp slot unusable), the scratch address, offset and array, and for a store of
         * {@code storeLen} bytes its value; {@code stackTop}: one value on the stack, or null.
         */
        private void innerFrame(int storeLen, Object stackTop) {
            List<Object> l = fixedLocals();
            for (int k = 0; k < blocks.size(); k++) {
                Type[] tt = blocks.get(k).temps();
                for (int t = 0; t < tt.length; t++) {
                    boolean wide = tt[t] == Type.I64 || tt[t] == Type.F64;
                    if (k == current && defined.get(t)) {
                        l.add(switch (tt[t]) { case I64 -> LONG; case F64 -> DOUBLE; case F32 -> FLOAT; default -> INTEGER; });
                    } else {
                        l.add(TOP);
                        if (wide) l.add(TOP);
                    }
                }
            }
            l.add(INTEGER);
            l.add(INTEGER);
            l.add("[B");
            if (storeLen == 4) l.add(INTEGER);
            else if (storeLen == 8) l.add(LONG);
            Object[] stack = stackTop == null ? new Object[0] : new Object[]{stackTop};
            mv.visitFrame(F_NEW, l.size(), l.toArray(), stack.length, stack);
        }

        private void op(Insn in) {
            switch (in.op) {
                case CONST_I32 -> { pushInt((int) in.imm); st(in.dst); return; }
                case CONST_I64 -> { mv.visitLdcInsn(in.imm); st(in.dst); return; }
                case CONST_F64 -> {
                    mv.visitLdcInsn(in.imm);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                    st(in.dst);
                    return;
                }
                case GET_REG -> {
                    boolean wide = regs.get((int) in.imm).type() == Type.I64;
                    mv.visitVarInsn(wide ? LLOAD : ILOAD, regLocal[(int) in.imm]);
                    st(in.dst);
                    return;
                }
                case SET_REG -> {
                    boolean wide = regs.get((int) in.imm).type() == Type.I64;
                    ld(in.a());
                    mv.visitVarInsn(wide ? LSTORE : ISTORE, regLocal[(int) in.imm]);
                    return;
                }
                case LOAD8 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load8", "(I)I"); st(in.dst); return; }
                case LOAD16 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load16" + order(), "(I)I"); st(in.dst); return; }
                case LOAD32 -> {
                    if (inlineMem) { inlineLoad(in, 4); return; }
                    mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load32" + order(), "(I)I"); st(in.dst); return;
                }
                case LOAD64 -> {
                    if (inlineMem) { inlineLoad(in, 8); return; }
                    mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load64" + order(), "(I)J"); st(in.dst); return;
                }
                case STORE8 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store8", "(II)V"); return; }
                case STORE16 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store16" + order(), "(II)V"); return; }
                case STORE32 -> {
                    if (inlineMem) { inlineStore(in, 4); return; }
                    mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store32" + order(), "(II)V"); return;
                }
                case STORE64 -> {
                    if (inlineMem) { inlineStore(in, 8); return; }
                    mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store64" + order(), "(IJ)V"); return;
                }
                case CALL -> { call(in); return; }
                default -> { }
            }
            srcs(in);
            // a switch expression with no default: a new Op does not compile until it has a case here
            // (the value is unused: each arm emits the op's bytecode, its operands on the stack)
            boolean emitted = switch (in.op) {
                case ADD -> insn(IADD);
                case SUB -> insn(ISUB);
                case MUL -> insn(IMUL);
                case MULHS -> rt("mulhs", "(II)I");
                case MULHU -> rt("mulhu", "(II)I");
                case DIVS -> rt("divs", "(II)I");
                case DIVU -> rt("divu", "(II)I");
                case REMS -> rt("rems", "(II)I");
                case REMU -> rt("remu", "(II)I");
                case AND, BAND -> insn(IAND);
                case OR, BOR -> insn(IOR);
                case XOR, BXOR -> insn(IXOR);
                case NOT -> { mv.visitInsn(ICONST_M1); mv.visitInsn(IXOR); yield true; }
                case BNOT -> { mv.visitInsn(ICONST_1); mv.visitInsn(IXOR); yield true; }
                case NEG -> insn(INEG);
                case SHL -> insn(ISHL);
                case SHRU -> insn(IUSHR);
                case SHRS -> insn(ISHR);
                case ROTL -> jdk("java/lang/Integer", "rotateLeft", "(II)I");
                case CLZ -> jdk("java/lang/Integer", "numberOfLeadingZeros", "(I)I");
                case SEXT8 -> insn(I2B);
                case SEXT16 -> insn(I2S);
                case ZEXT8 -> { pushInt(0xff); mv.visitInsn(IAND); yield true; }
                case ZEXT16 -> insn(I2C);
                case BSWAP32 -> jdk("java/lang/Integer", "reverseBytes", "(I)I");
                case BSWAP16 -> rt("bswap16", "(I)I");
                case EQ -> rt("eq", "(II)I");
                case NE -> rt("ne", "(II)I");
                case LTS -> rt("lts", "(II)I");
                case LTU -> rt("ltu", "(II)I");
                case LES -> rt("les", "(II)I");
                case LEU -> rt("leu", "(II)I");
                case GTS -> rt("gts", "(II)I");
                case GTU -> rt("gtu", "(II)I");
                case GES -> rt("ges", "(II)I");
                case GEU -> rt("geu", "(II)I");
                case BOOL_TO_I32 -> true;                              // the BOOL already is the I32 0/1
                case SELECT -> rt("select", "(III)I");
                case SELECT64 -> rt("select64", "(IJJ)J");
                case ADD64 -> insn(LADD);
                case SUB64 -> insn(LSUB);
                case MUL64 -> insn(LMUL);
                case AND64 -> insn(LAND);
                case OR64 -> insn(LOR);
                case XOR64 -> insn(LXOR);
                case SHL64 -> insn(LSHL);
                case SHRU64 -> insn(LUSHR);
                case SHRS64 -> insn(LSHR);
                case SEXT32_64 -> insn(I2L);
                case ZEXT32_64 -> jdk("java/lang/Integer", "toUnsignedLong", "(I)J");
                case LO32 -> insn(L2I);
                case HI32 -> { mv.visitIntInsn(BIPUSH, 32); mv.visitInsn(LUSHR); mv.visitInsn(L2I); yield true; }
                case EQ64 -> rt("eq64", "(JJ)I");
                case LTS64 -> rt("lts64", "(JJ)I");
                case LTU64 -> rt("ltu64", "(JJ)I");
                case FADD -> insn(DADD);
                case FSUB -> insn(DSUB);
                case FMUL -> insn(DMUL);
                case FDIV -> insn(DDIV);
                case FMA -> jdk("java/lang/Math", "fma", "(DDD)D");
                case FSQRT -> jdk("java/lang/Math", "sqrt", "(D)D");
                case FNEG -> insn(DNEG);
                case FABS -> jdk("java/lang/Math", "abs", "(D)D");
                case BITS_TO_F64 -> jdk("java/lang/Double", "longBitsToDouble", "(J)D");
                case F64_TO_BITS -> rt("f64ToBits", "(D)J");
                case BITS_TO_F32 -> jdk("java/lang/Float", "intBitsToFloat", "(I)F");
                case F32_TO_BITS -> rt("f32ToBits", "(F)I");
                case F32_TO_F64 -> insn(F2D);
                case F64_TO_F32 -> insn(D2F);
                case FEQ -> rt("feq", "(DD)I");
                case FLT -> rt("flt", "(DD)I");
                case FUNORD -> rt("funord", "(DD)I");
                case CONST_I32, CONST_I64, CONST_F64, GET_REG, SET_REG, LOAD8, LOAD16, LOAD32, LOAD64, STORE8, STORE16,
                        STORE32, STORE64, CALL, INSN_START, SKIP_UNLESS, LABEL ->
                        throw new IllegalStateException(in.op + " is emitted before its operands are pushed, not here");
            };
            st(in.dst);
        }

        private void call(Insn in) {
            Helper h = (Helper) in.aux;
            // a helper that names what it touches gets only those registers made exact around it
            BitSet load = used, store = written;
            if (h.touches != null) {
                BitSet touched = new BitSet();
                for (String name : h.touches) touched.set(regs.byName(name).index());
                load = (BitSet) touched.clone();
                load.and(used);
                store = touched;
                store.and(written);
            }
            if (h.takesCpu) {
                writeBack(store);
                mv.visitVarInsn(ALOAD, L_CPU);
            }
            srcs(in);
            mv.visitMethodInsn(INVOKESTATIC, org.objectweb.asm.Type.getInternalName(h.method.getDeclaringClass()),
                    h.method.getName(), org.objectweb.asm.Type.getMethodDescriptor(h.method), false);
            if (in.dst >= 0) st(in.dst);
            else if (h.result != null) mv.visitInsn(h.result == Type.I64 || h.result == Type.F64 ? POP2 : POP);
            if (h.takesCpu) loadRegs(load);
        }
    }
}

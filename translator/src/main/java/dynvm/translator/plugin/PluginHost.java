package dynvm.translator.plugin;

import dynvm.ir.Block;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Type;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The plugins of one run and the callbacks they registered. Shared by all the run's threads and
 * engines; the engines ask it to instrument blocks ({@link #instrument} for translated IR,
 * {@link #observe} for the interpreter), and the IR helpers in {@link PluginHooks} fire the
 * registered callbacks through the ids it hands out.
 */
public final class PluginHost implements PluginContext {
    private final PrintStream out;
    private final List<Plugin> plugins = new ArrayList<>();
    private final List<BlockCallback> blockCbs = new CopyOnWriteArrayList<>();
    private final List<MemoryCallback> memCbs = new CopyOnWriteArrayList<>();
    private final List<Runnable> exitCbs = new CopyOnWriteArrayList<>();
    /** Execution callbacks by id; grown under the lock, read without it (published by the volatile write). */
    private volatile Registered[] insnCbs = new Registered[64];
    private int nextId;
    private volatile MemoryCallback[] memArray = new MemoryCallback[0];
    private boolean finished;

    private record Registered(GuestInsn insn, InsnCallback cb) { }

    public PluginHost(PrintStream out) { this.out = out; }

    /** Plugins on the classpath, by name (ServiceLoader order). */
    public static Map<String, Plugin> available(ClassLoader loader) {
        Map<String, Plugin> m = new LinkedHashMap<>();
        for (Plugin p : ServiceLoader.load(Plugin.class, loader)) m.putIfAbsent(p.name(), p);
        return m;
    }

    /**
     * Loads the named plugins (fresh instances) and installs them; throws
     * IllegalArgumentException with a one-line message for a name no plugin has.
     */
    public static PluginHost load(List<String> names, PrintStream out, ClassLoader loader) {
        PluginHost h = new PluginHost(out);
        for (String n : names) {
            Map<String, Plugin> avail = available(loader); // new instances each time: a plugin named twice runs twice
            Plugin p = avail.get(n);
            if (p == null) throw new IllegalArgumentException("unknown plugin '" + n + "' (available: " + String.join(", ", avail.keySet()) + ")");
            h.add(p);
        }
        return h;
    }

    /** Installs a plugin instance (for plugins built in code, e.g. tests). */
    public PluginHost add(Plugin p) {
        plugins.add(p);
        p.install(this);
        return this;
    }

    // ---- PluginContext

    @Override public void onBlockTranslated(BlockCallback cb) { blockCbs.add(cb); }

    @Override
    public synchronized void onMemoryAccess(MemoryCallback cb) {
        memCbs.add(cb);
        memArray = memCbs.toArray(new MemoryCallback[0]);
    }

    @Override public void onExit(Runnable cb) { exitCbs.add(cb); }

    @Override public PrintStream out() { return out; }

    // ---- for the engines

    /** Does any plugin want memory accesses? */
    public boolean wantsMemory() { return memArray.length > 0; }

    /** Does anything need to see blocks? */
    public boolean wantsBlocks() { return !blockCbs.isEmpty() || wantsMemory(); }

    /**
     * Tells the plugins about a block and returns the execution callback of each instruction
     * (index as in {@code insns}; null where none was attached), or null when none was attached.
     */
    public InsnCallback[] observe(int pc, int context, List<GuestInsn> insns) {
        InsnCallback[] cbs = new InsnCallback[insns.size()];
        boolean any = false;
        if (!blockCbs.isEmpty()) {
            Tb tb = new Tb(pc, context, insns, cbs);
            for (BlockCallback c : blockCbs) c.translated(tb);
            tb.closed = true;
            for (InsnCallback c : cbs) any |= c != null;
        }
        return any ? cbs : null;
    }

    /**
     * Tells the plugins about a translated block and returns it instrumented: a call after each
     * instruction that has an execution callback (before the next instruction's start, or before
     * the terminal), and one after each load and store when memory callbacks exist. Returns
     * {@code b} itself when nothing asks for instrumentation.
     */
    public Block instrument(Block b, List<GuestInsn> insns) {
        InsnCallback[] cbs = observe(b.pc(), b.context(), insns);
        boolean mem = wantsMemory();
        if (cbs == null && !mem) return b;
        int[] ids = new int[insns.size()];
        if (cbs != null) for (int i = 0; i < cbs.length; i++) ids[i] = cbs[i] == null ? -1 : register(insns.get(i), cbs[i]);
        List<Insn> ops = new ArrayList<>(b.ops().size() + 4 * insns.size());
        List<Type> temps = new ArrayList<>(Arrays.asList(b.temps()));
        int insn = -1, pc = b.pc();
        for (Insn in : b.ops()) {
            if (in.op == Op.INSN_START) {
                if (insn >= 0 && cbs != null) insnCall(ops, temps, ids[insn]);
                insn++;
                pc = (int) in.imm;
            }
            ops.add(in);
            if (mem && (in.op.isLoad() || in.op.isStore())) {
                int size = switch (in.op) {
                    case LOAD8, STORE8 -> 1;
                    case LOAD16, STORE16 -> 2;
                    case LOAD64, STORE64 -> 8;
                    default -> 4;
                };
                int tPc = constant(ops, temps, pc), tInfo = constant(ops, temps, size | (in.op.isStore() ? 0x100 : 0));
                ops.add(new Insn(Op.CALL, -1, new int[]{tPc, in.a(), tInfo}, 0, PluginHooks.MEM));
            }
        }
        if (insn >= 0 && cbs != null) insnCall(ops, temps, ids[insn]);
        return b.withOps(List.copyOf(ops), temps.toArray(new Type[0]));
    }

    private void insnCall(List<Insn> ops, List<Type> temps, int id) {
        if (id < 0) return;
        int t = constant(ops, temps, id);
        ops.add(new Insn(Op.CALL, -1, new int[]{t}, 0, PluginHooks.INSN));
    }

    private static int constant(List<Insn> ops, List<Type> temps, int v) {
        int t = temps.size();
        temps.add(Type.I32);
        ops.add(new Insn(Op.CONST_I32, t, new int[0], v, null));
        return t;
    }

    private synchronized int register(GuestInsn insn, InsnCallback cb) {
        Registered[] a = insnCbs;
        if (nextId == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[nextId] = new Registered(insn, cb);
        insnCbs = a;
        return nextId++;
    }

    void fireInsn(int id) {
        Registered r = insnCbs[id];
        r.cb().executed(r.insn());
    }

    /** Reports one memory access to every memory callback. */
    public void fireMemory(int pc, int addr, int size, boolean store) {
        for (MemoryCallback c : memArray) c.access(pc, addr, size, store);
    }

    /** Runs the exit callbacks (once). */
    public void finish() {
        synchronized (this) {
            if (finished) return;
            finished = true;
        }
        for (Runnable r : exitCbs) r.run();
        out.flush();
    }

    /** The block handed to block callbacks; attachments are only valid during the callback. */
    private static final class Tb implements TranslatedBlock {
        private final int pc, context;
        private final List<GuestInsn> insns;
        private final InsnCallback[] cbs;
        boolean closed;

        Tb(int pc, int context, List<GuestInsn> insns, InsnCallback[] cbs) {
            this.pc = pc;
            this.context = context;
            this.insns = List.copyOf(insns);
            this.cbs = cbs;
        }

        @Override public int pc() { return pc; }
        @Override public int context() { return context; }
        @Override public List<GuestInsn> insns() { return insns; }

        @Override
        public void onExecute(GuestInsn insn, InsnCallback cb) {
            if (closed) throw new IllegalStateException("attach execution callbacks during the block callback");
            int i = insns.indexOf(insn);
            if (i < 0) throw new IllegalArgumentException("not an instruction of this block: " + insn);
            InsnCallback prev = cbs[i];
            cbs[i] = prev == null ? cb : g -> { prev.executed(g); cb.executed(g); };
        }
    }
}

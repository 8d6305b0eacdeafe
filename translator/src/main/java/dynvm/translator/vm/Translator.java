package dynvm.translator.vm;

import dynvm.cache.CacheStats;
import dynvm.cache.Translation;
import dynvm.cache.TranslationCache;
import dynvm.cache.persist.OpArrays;
import dynvm.ir.Block;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.CodeTracker;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.translator.backend.BytecodeBackend;
import dynvm.translator.backend.TranslationClass;
import dynvm.translator.exec.BlockBuilder;
import dynvm.translator.debug.DebugItem;
import dynvm.translator.passes.Passes;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.nio.file.Files;

/**
 * The dynamic binary translation engine: blocks are decoded to IR, optimised, compiled to
 * hidden classes and kept in the {@link TranslationCache}. Between blocks the dispatcher follows
 * successor links first (static exits, a region's side exits included: {@link Translation#EXIT_LINK}),
 * or the translation's two-entry inline cache (computed exits: returns, computed jumps), then a small direct-mapped table, and
 * only then the cache's map, so the hot path does no hashing. Hot code that loops over several
 * blocks is compiled as one region ({@link #formRegion}) so the loop never leaves the JVM method.
 * {@code --stats} reports how often each way found the block ({@link DispatchStats}).
 */
public final class Translator implements ExecutionEngine {
    /** Blocks dispatched per call before the VM gets control back. */
    static final int SLICE = 1 << 14;
    /** Blocks per call in system mode, and a loop out of budget ends the call: a due timer waits at most this long. */
    static final int SYSTEM_SLICE = 1 << 10;
    private static final int L1_BITS = 14;

    private final Isa isa;
    /** Where translated code is tracked for self-modifying code (user mode's window, or system mode's physical code pages). */
    private final CodeTracker code;
    /** User mode's flat window (debugger watchpoints), or null in system mode. */
    private final GuestMemory window;
    /** What generated code calls for LOAD/STORE: the machine's memory strategy object. */
    private final Object memory;
    /** System mode: where a virtual pc's code sits physically; null in user mode (virtual = physical). */
    private final CodeMap codeMap;
    private final MemoryPort fetch;
    private final TranslationCache cache;
    private final BlockBuilder builder;
    private final BytecodeBackend backend;
    private final Translation[] l1 = new Translation[1 << L1_BITS];
    private final Diag diag;
    private final boolean loops;
    private final dynvm.translator.exec.IrEvaluator irEval;
    /** Makes tier-0 blocks: pre-decoded nodes or evaluated IR ({@link EngineConfig#tier0Nodes}). */
    private final Tier0 tier0;
    /** This engine's settings (its VM's); see {@link EngineConfig}. */
    private final EngineConfig config;
    /**
     * Executions of a tier-0 (IR-evaluated) block before it is compiled to bytecode
     * ({@link EngineConfig#hotThreshold}). 128 measured best or equal on the guest suite (Lua bench
     * 2.1 -> 1.75 s against 16: fewer classes for the JVM's own JIT to compile on 2 cores); the
     * tests run with 16 to exercise the compiled tier more, and {@code dynvm run} with 1024 (short
     * programs: fewer blocks compiled at all).
     */
    private final int hotThreshold;
    /** The pass pipeline, verifying the IR when the config says so. */
    private final Passes passes;
    private Terminal last;
    private long translateNanos, compiled, dispatches;
    /** Dispatch statistics ({@link #dispatchStats}): successor links and inline-cache entries that matched or not. */
    private long chainHit, icHit, icMiss, regionsCompiled;
    /** Time in tier-0 blocks, measured only with {@link StatsTiming#ON} (--stats). */
    private long tier0Nanos;
    /** Computed exits consult the translation's inline cache ({@link EngineConfig#indirectCache}). */
    private final boolean indirectCache;
    /**
     * Compiles hot blocks off the dispatcher's thread (null: compile synchronously). The guest
     * keeps running the block's IR meanwhile; finished classes are installed by the dispatcher,
     * which alone touches the cache. Per engine, so VMs never share it.
     */
    private final java.util.concurrent.ExecutorService compiler;
    private final java.util.concurrent.ConcurrentLinkedQueue<Compiled> finished = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong backgroundNanos = new java.util.concurrent.atomic.AtomicLong();
    /** Results waiting in {@link #finished}: one volatile read per dispatch instead of a queue walk. */
    private final java.util.concurrent.atomic.AtomicInteger ready = new java.util.concurrent.atomic.AtomicInteger();

    /** A background compilation result; {@code t} is null when it must be redone synchronously. */
    private record Compiled(Translation source, Translation t, long epoch) { }

    /** Bumped whenever translations are dropped: regions formed before may include stale code. */
    private long codeEpoch;
    /**
     * Compile hot multi-block loops as regions ({@link EngineConfig#regions}, {@link #formRegion}).
     * A two-block loop runs about 4 times faster with them (JMH {@code GuestLoopBench.crcTwoBlocks}),
     * but on whole guest programs (sort, lua) they measured no gain yet (more and bigger methods for
     * the JVM's compilers on 2 cores), so they are off by default in user mode; in system mode
     * ({@link EngineConfig#systemRegions}) a compute guest used 30% less CPU with them, so they are
     * on there. See docs/performance.md.
     */
    private final boolean regions;
    static final int MAX_REGION_BLOCKS = 8, MAX_REGION_INSNS = 160;
    /** At most this many blocks per region ({@link EngineConfig.DispatchTuning#regionBlocks}, at most {@link #MAX_REGION_BLOCKS}). */
    private final int regionBlocks;
    /**
     * Regions form only after a compiled block ran this many more times ({@link EngineConfig.DispatchTuning#regionThreshold}),
     * so short runs compile fewer and only really hot regions; {@code lateRegions}: it is above 0 and regions are on.
     */
    private final int regionThreshold;
    private final boolean lateRegions;

    /**
     * A user-mode translator with the JVM's {@code -Ddynvm.*} settings
     * ({@link EngineConfig#fromSystemProperties()}, read now), compiling synchronously: for tests,
     * benchmarks and tools that run one engine.
     *
     * @param fetch     where instructions are fetched from (normally guest memory)
     * @param maxBlocks translation cache bound
     * @param loops     turn self-looping blocks into JVM loops
     */
    public Translator(Isa isa, GuestMemory mem, MemoryPort fetch, int maxBlocks, Diag diag, boolean loops) {
        this(isa, mem, fetch, maxBlocks, diag, loops, false, EngineConfig.fromSystemProperties());
    }

    /**
     * A user-mode translator with the settings of {@code config}.
     *
     * @param background compile hot blocks on a separate thread
     */
    public Translator(Isa isa, GuestMemory mem, MemoryPort fetch, int maxBlocks, Diag diag, boolean loops, boolean background,
                      EngineConfig config) {
        this(isa, mem, mem, GuestMemory.class, null, fetch, maxBlocks, diag, loops, background, config);
    }

    /**
     * A translator for a machine whose memory strategy is {@code memory} (an instance of
     * {@code memoryClass}, whose accessors generated code calls) and whose code is tracked by
     * {@code code}. With a {@code codeMap} (system mode) translations are keyed by virtual pc and
     * context but checked against the physical address of their code whenever the MMU's mappings
     * may have changed; their ranges, and so code marks and invalidation, are physical; blocks
     * never cross a page.
     */
    public Translator(Isa isa, CodeTracker code, Object memory, Class<?> memoryClass, CodeMap codeMap, MemoryPort fetch,
                      int maxBlocks, Diag diag, boolean loops, boolean background, EngineConfig config) {
        this.isa = isa;
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.code = code;
        this.window = memory instanceof GuestMemory g ? g : null;
        this.memory = memory;
        this.codeMap = codeMap;
        this.fetch = fetch;
        this.cache = new TranslationCache(maxBlocks);
        this.builder = new BlockBuilder(isa.decoder(), isa.registers());
        this.backend = new BytecodeBackend(isa.registers(), isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN, memoryClass);
        this.diag = diag;
        // exec/cpu show every block entry: no loops inside translated methods; nochain: no links either
        this.chain = !diag.has(DebugItem.NOCHAIN);
        this.tracing = diag.has(DebugItem.EXEC) || diag.has(DebugItem.CPU);
        this.loops = loops && chain && !tracing;
        this.irEval = new dynvm.translator.exec.IrEvaluator(isa.registers());
        this.tier0 = new Tier0(irEval, config.tier0Nodes() ? new dynvm.translator.exec.NodeCompiler(isa.registers()) : null);
        this.hotThreshold = config.hotThreshold();
        this.regions = codeMap == null ? config.regions() : config.systemRegions();
        this.indirectCache = config.indirectCache() && chain;
        this.oneContext = config.dispatch().fastDispatch() && !overridesContext(isa);
        this.contextRegisters = config.dispatch().fastDispatch() ? isa.contextRegisters() : null;
        this.system = codeMap != null;
        this.regionBlocks = Math.min(MAX_REGION_BLOCKS, config.dispatch().regionBlocks());
        this.regionThreshold = config.dispatch().regionThreshold();
        this.lateRegions = regions && regionThreshold > 0 && this.loops;
        this.exitContexts = config.dispatch().fastDispatch() && config.dispatch().exitContexts();
        // (pollInterrupts, set later, is system mode's: codeMap != null already excludes it)
        this.lean = config.dispatch().leanDispatch() && chain && !tracing && !system && !lateRegions && !StatsTiming.ON;
        backend.regionLinks(config.dispatch().regionLinks());
        backend.inlineMemory(config.dispatch().inlineMemory().applies(isa.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN));
        this.passes = new Passes(config.verifyIr());
        this.storedOps = config.lazyIr() && config.tier0Nodes() ? new OpArrays() : null;
        this.loopBudget = config.loopBudget();
        this.compiler = background ? java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread th = new Thread(r, "dynvm-compiler");
            th.setDaemon(true);
            return th;
        }) : null;
        boolean logCache = diag.has(DebugItem.CACHE);
        cache.setListener((t, why) -> {
            codeEpoch++;
            if (logCache) diag.cache(String.format("drop 0x%08x-0x%08x ctx %d (%s)", t.pc, t.endPc, t.context, why));
            // a dropped region's blocks may form a region again once they are hot anew
            if (t.members != null) for (Object m : t.members) inRegion.remove(key(((Block) m).pc(), ((Block) m).context()));
            // pages no translation covers any more leave the store slow path
            for (int i = 0; i < t.ranges.length; i += 2)
                for (long a = t.ranges[i] & 0xffffffffL & -4096L; a < (t.ranges[i + 1] & 0xffffffffL); a += 4096)
                    if (!cache.hasCodeOnPage((int) a)) code.clearCode((int) a);
        });
        this.codeListener = (addr, len) -> {
            if (Thread.currentThread() == owner) {
                cache.invalidateRange(addr, len, "code written");
            } else {
                remote.add(new int[]{addr, len});
                ready.incrementAndGet();
            }
        };
        code.addCodeWriteListener(codeListener);
    }

    private static boolean overridesContext(Isa isa) {
        try {
            return isa.getClass().getMethod("context", dynvm.spi.CpuState.class).getDeclaringClass() != Isa.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** {@link #runLean} serves every call the full loop is not needed for ({@link EngineConfig.DispatchTuning#leanDispatch}). */
    private final boolean lean;
    /** A block that sets the context registers to constants passes on a learned exit context ({@link EngineConfig.DispatchTuning#exitContexts}). */
    private final boolean exitContexts;

    /** Block links followed (off with -d nochain). */
    private final boolean chain;
    /**
     * The ISA has one decode context (does not override {@link Isa#context}: PowerPC), so the
     * dispatcher skips that interface call, which C1 does not inline ({@link EngineConfig.DispatchTuning#fastDispatch}).
     */
    private final boolean oneContext;
    /** {@link Isa#contextRegisters}, or null to ask {@link Isa#context} before every block. */
    private final int[] contextRegisters;
    /** System mode: translations are rechecked against the MMU's generation (user mode: always 0). */
    private final boolean system;
    /** -d exec or cpu: each block entry is logged. */
    private final boolean tracing;
    /** Thread id in exec/cpu records. */
    private int traceId;

    @Override public void setTraceId(int tid) { traceId = tid; }

    /** Passes a translated loop may run before it returns to the dispatcher (see {@link #pollInterrupts}). */
    private int loopBudget;
    /** Check {@link CpuState#interrupt} before every block (system mode), not only when a loop's budget runs out. */
    private boolean pollEveryDispatch;
    /** Blocks dispatched per call (system mode returns sooner: the VM fires due timers between calls). */
    private int slice = SLICE;

    /**
     * System mode: a raised interrupt must be taken within a bounded number of guest
     * instructions, so the dispatcher checks for one before every block (one volatile read) and
     * translated loops return after {@code loopBudget} passes. User mode keeps the long budget:
     * its signals tolerate milliseconds.
     */
    @Override
    public void pollInterrupts(int loopBudget) {
        this.loopBudget = loopBudget;
        this.pollEveryDispatch = true;
        this.slice = SYSTEM_SLICE;
    }

    private volatile Thread owner;
    /** Blocks decoded by the run's other engines (other processes and threads), or null. */
    private SharedBlocks shared;

    /**
     * Also reuse (and offer) what is made from the shared blocks: tier-0 nodes, compiled classes
     * and tier-0 run counts ({@link EngineConfig#sharedTranslations}); user mode only.
     */
    private boolean shareTranslations;

    /** Reuse (and offer) decoded blocks through the run's store; see {@link SharedBlocks}. */
    public void shareBlocks(SharedBlocks store) {
        this.shared = store;
        this.shareTranslations = store != null && config.sharedTranslations() && codeMap == null;
    }
    /** Blocks decoded by earlier runs, or null; see {@link PersistentBlocks}. */
    private PersistentBlocks persistent;

    /** Reuse decoded blocks of earlier runs, and offer this engine's for later ones (user mode). */
    public void usePersistentBlocks(PersistentBlocks store) { this.persistent = store; }
    /**
     * What a stored block's ops are decoded into for its tier-0 nodes ({@link EngineConfig#lazyIr});
     * null: stored blocks are decoded into IR objects.
     */
    private final OpArrays storedOps;
    private final java.util.concurrent.ConcurrentLinkedQueue<int[]> remote = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /**
     * Stores into translated code. The cache belongs to the thread running this engine: a store
     * by that thread invalidates at once (self-modifying code); a store by another guest thread
     * sharing the memory is queued and applied at this engine's next dispatch, like an
     * instruction-cache sync between CPUs.
     */
    private final GuestMemory.CodeWriteListener codeListener;

    @Override
    public int run(CpuState cpu) {
        if (lean && breakpoints == null && !pollEveryDispatch) return runLean(cpu);
        Translation prev = null;
        int slot = -1, entered = 0, linked = 0;
        long insns = 0;
        // translated loops compare their pass count with it; with breakpoints they leave at the
        // first back edge so the dispatcher sees every block start
        cpu.budget = breakpoints != null && !breakpoints.isEmpty() ? 0 : loopBudget;
        if (owner != Thread.currentThread()) owner = Thread.currentThread();
        // system mode: mappings change only between slices (in the VM's service calls), so one read serves the slice
        long generation = codeMap == null ? 0 : codeMap.generation();
        try {
            for (int n = 0; n < slice; n++) {
                if (ready.get() != 0 && install()) slot = -1;
                if (pollEveryDispatch && cpu.interrupt) return Translation.EXIT_BUDGET;
                // (spelled out: a helper method would be over C1's inlining limit, a call per dispatch)
                int pc = cpu.pc, ctx = oneContext ? 0
                        : prev != null && prev.contextEffect == Translation.KEEPS_CONTEXT ? prev.context
                        : prev != null && prev.contextEffect == Translation.FIXED_EXIT ? prev.exitContext : isa.context(cpu);
                if (breakpoints != null && n > 0 && breakpoints.contains(pc)) return Translation.EXIT_BUDGET;
                Translation t;
                if (slot == Translation.EXIT_INDIRECT) {
                    t = indirectCache ? indirect(prev, pc, ctx) : find(pc, ctx);
                } else if (slot >= 0 && chain) { // a static exit: a block's two, a region's side exits
                    t = prev.next[slot];
                    if (t != null && t.matches(pc, ctx)) linked++;
                    else prev.next[slot] = t = find(pc, ctx);
                } else {
                    t = find(pc, ctx);
                }
                if (system && t.checkedGeneration != generation) t = recheck(t, generation);
                if (lateRegions && t.regionCountdown > 0 && --t.regionCountdown == 0) {
                    Translation r = regionLater(t);
                    if (r != t && chain && prev != null && isLink(slot)) prev.next[slot] = r;
                    t = r;
                }
                if (t instanceof IrBlock ib && ib.runs >= hotThreshold) {
                    Translation reused = ib.shared == null ? null : reuseCompiled(ib);
                    if (reused != null) {
                        t = reused;
                        if (chain && prev != null && isLink(slot)) prev.next[slot] = t;
                    } else if (compiler == null) {
                        t = compileHot(ib);
                        if (chain && prev != null && isLink(slot)) prev.next[slot] = t;
                    } else if (!ib.queued) {
                        ib.queued = true;
                        List<Block> region = regions && regionThreshold == 0 ? formRegion(ib) : List.of(ib.block);
                        long epoch = codeEpoch;
                        compiler.execute(() -> compileInBackground(ib, region, epoch));
                    }
                }
                if (!oneContext && t.contextEffect == 0) t.contextEffect = contextEffect(t); // one-context ISAs never ask
                if (prev != null && prev.contextEffect == Translation.FIXED_EXIT_PENDING) learnExitContext(prev, ctx);
                entered++;
                if (tracing) diag.blockEntry(traceId, cpu, isa.registers(), pc, ctx);
                int exit;
                try {
                    if (breakpoints != null && window != null && window.watchesReads()) exit = runChecked(t, cpu);
                    else if (StatsTiming.ON && t instanceof IrBlock) exit = timedTier0(t, cpu);
                    else exit = t.run(cpu);
                } catch (dynvm.microkernel.mem.MemoryFault f) {
                    insns += retiredBeforeFault(t, cpu.pc); // exact: the instructions before the faulting one
                    throw f;
                }
                insns += t.guestInsns;
                if (exit >= Translation.EXIT_LINK) {
                    slot = exit; // a region's side exit with a link slot of its own
                } else if (exit >= Translation.EXIT_SERVICE) {
                    if (exit != Translation.EXIT_BUDGET) { last = (Terminal) t.terminal; return exit; }
                    // a loop ran out of budget: the only place a long-running block stops, so a
                    // posted signal is noticed here (no check on the hot path)
                    if (cpu.interrupt || pollEveryDispatch) return Translation.EXIT_BUDGET; // system mode: the VM runs its timers now
                    slot = -1;
                } else {
                    slot = exit;
                }
                prev = t;
            }
            return Translation.EXIT_BUDGET;
        } finally {
            // counted in locals on the hot path, published once per slice
            cpu.insnCount += insns;
            dispatches += entered;
            chainHit += linked;
        }
    }

    /**
     * The dispatcher for the common configuration ({@link EngineConfig.DispatchTuning#leanDispatch}):
     * user mode, successor links on, no debugger, no tracing, no --stats timing, no late regions.
     * The same steps as {@link #run}'s loop, less the checks those features need, and with the
     * engine's settings in locals: C1 hoists nothing out of a loop, so every field the full loop
     * tests is a load per dispatch there.
     */
    private int runLean(CpuState cpu) {
        final Isa isa = this.isa;
        final boolean oneContext = this.oneContext, indirectCache = this.indirectCache;
        final int hot = this.hotThreshold, slice = this.slice;
        final java.util.concurrent.atomic.AtomicInteger ready = this.ready;
        Translation prev = null;
        int slot = -1, entered = 0, linked = 0;
        long insns = 0;
        cpu.budget = loopBudget;
        if (owner != Thread.currentThread()) owner = Thread.currentThread();
        try {
            for (int n = 0; n < slice; n++) {
                if (ready.get() != 0 && install()) slot = -1;
                int pc = cpu.pc, ctx;
                if (oneContext) ctx = 0;
                else if (prev == null) ctx = isa.context(cpu);
                else {
                    byte e = prev.contextEffect;
                    if (e == Translation.KEEPS_CONTEXT) ctx = prev.context;
                    else if (e == Translation.FIXED_EXIT) ctx = prev.exitContext;
                    else ctx = isa.context(cpu);
                }
                Translation t;
                if (slot >= 0 && slot != Translation.EXIT_INDIRECT) { // a static exit: a block's two, a region's side exits
                    t = prev.next[slot];
                    if (t != null && t.matches(pc, ctx)) linked++;
                    else prev.next[slot] = t = find(pc, ctx);
                } else if (slot == Translation.EXIT_INDIRECT) {
                    t = indirectCache ? indirect(prev, pc, ctx) : find(pc, ctx);
                } else {
                    t = find(pc, ctx);
                }
                if (t instanceof IrBlock ib && ib.runs >= hot) t = promote(ib, prev, slot);
                if (!oneContext) {
                    if (t.contextEffect == 0) t.contextEffect = contextEffect(t);
                    if (prev != null && prev.contextEffect == Translation.FIXED_EXIT_PENDING) learnExitContext(prev, ctx);
                }
                entered++;
                int exit;
                try {
                    exit = t.run(cpu);
                } catch (dynvm.microkernel.mem.MemoryFault f) {
                    insns += retiredBeforeFault(t, cpu.pc);
                    throw f;
                }
                insns += t.guestInsns;
                if (exit >= Translation.EXIT_SERVICE && exit < Translation.EXIT_LINK) {
                    if (exit != Translation.EXIT_BUDGET) { last = (Terminal) t.terminal; return exit; }
                    if (cpu.interrupt) return Translation.EXIT_BUDGET;
                    slot = -1;
                } else {
                    slot = exit;
                }
                prev = t;
            }
            return Translation.EXIT_BUDGET;
        } finally {
            cpu.insnCount += insns;
            dispatches += entered;
            chainHit += linked;
        }
    }

    /** A tier-0 block reached its threshold: its compiled translation, or itself while that is being made. */
    private Translation promote(IrBlock ib, Translation prev, int slot) {
        Translation t = ib;
        Translation reused = ib.shared == null ? null : reuseCompiled(ib);
        if (reused != null) {
            t = reused;
            if (prev != null && isLink(slot)) prev.next[slot] = t;
        } else if (compiler == null) {
            t = compileHot(ib);
            if (prev != null && isLink(slot)) prev.next[slot] = t;
        } else if (!ib.queued) {
            ib.queued = true;
            List<Block> region = regions && regionThreshold == 0 ? formRegion(ib) : List.of(ib.block);
            long epoch = codeEpoch;
            compiler.execute(() -> compileInBackground(ib, region, epoch));
        }
        return t;
    }

    /**
     * {@code prev} sets every context register it writes to a constant, so the context after it
     * is the one just computed ({@code ctx}, asked of the ISA) on every later run too.
     */
    private static void learnExitContext(Translation prev, int ctx) {
        prev.exitContext = ctx;
        prev.contextEffect = Translation.FIXED_EXIT;
    }

    /**
     * {@link Translation#KEEPS_CONTEXT} when none of {@code t}'s blocks writes a register the ISA's
     * context is made of (user mode only: in system mode service calls inside a block may change
     * privileged state the context reads); with {@link #exitContexts}, {@link
     * Translation#FIXED_EXIT_PENDING} for a single block that writes them only with constants.
     */
    private byte contextEffect(Translation t) {
        if (system || contextRegisters == null) return Translation.MAY_CHANGE_CONTEXT;
        Object[] blocks = t.members != null ? t.members : new Object[]{t.ir};
        boolean writes = false;
        for (Object o : blocks) {
            if (!(o instanceof Block b)) return Translation.MAY_CHANGE_CONTEXT;
            for (dynvm.ir.Insn i : b.ops())
                if (i.op == dynvm.ir.Op.SET_REG)
                    for (int reg : contextRegisters) if (i.imm == reg) writes = true;
        }
        if (!writes) return Translation.KEEPS_CONTEXT;
        // a single block whose context writes are all constants, none of them conditional, leaves
        // the same context every time it runs (its entry context fixes the registers it does not write)
        byte r = exitContexts && t.members == null && constantContextWrites((Block) t.ir)
                ? Translation.FIXED_EXIT_PENDING : Translation.MAY_CHANGE_CONTEXT;
        return r;
    }

    /**
     * Whether every write of {@code b} to a context register stores a constant and lies outside
     * every SKIP_UNLESS..LABEL span (an IT block's ITSTATE advance, a BLX to a fixed target's T).
     */
    private boolean constantContextWrites(Block b) {
        java.util.List<dynvm.ir.Insn> ops = b.ops();
        java.util.Map<Integer, Long> consts = new java.util.HashMap<>();
        java.util.Set<Long> open = new java.util.HashSet<>();
        for (dynvm.ir.Insn i : ops) {
            switch (i.op) {
                case CONST_I32, CONST_I64 -> consts.put(i.dst, i.imm);
                case SKIP_UNLESS -> open.add(i.imm);
                case LABEL -> { open.remove(i.imm); consts.clear(); }
                case SET_REG -> {
                    for (int reg : contextRegisters)
                        if (i.imm == reg && (!open.isEmpty() || !consts.containsKey(i.a()))) return false;
                }
                default -> { if (i.dst >= 0) consts.remove(i.dst); }
            }
        }
        return true;
    }

    /** {@link #contextEffect(Translation)} of one block whose ops are {@code ops}. */
    private byte contextEffect(OpArrays ops) {
        if (system || contextRegisters == null) return Translation.MAY_CHANGE_CONTEXT;
        for (int i = 0; i < ops.n; i++)
            if (ops.op[i] == dynvm.ir.Op.SET_REG)
                for (int reg : contextRegisters) if (ops.imm[i] == reg) return Translation.MAY_CHANGE_CONTEXT;
        return Translation.KEEPS_CONTEXT;
    }

    /** Is {@code slot} (the previous exit code) one with a link slot in {@code next}? */
    private static boolean isLink(int slot) {
        return slot == Translation.EXIT_TAKEN || slot == Translation.EXIT_FALLTHROUGH || slot >= Translation.EXIT_LINK;
    }

    /** Runs a tier-0 block, adding its time to {@link #tier0Nanos} (--stats). */
    private int timedTier0(Translation t, CpuState cpu) {
        long t0 = System.nanoTime();
        try {
            return t.run(cpu);
        } finally {
            tier0Nanos += System.nanoTime() - t0;
        }
    }

    /**
     * The target of {@code prev}'s computed exit through its two-entry inline cache: a return or
     * computed jump usually goes where it went last time (or the time before: a function called
     * from two places), and a region's side exits are few. A miss looks the target up and makes it
     * the most recent entry.
     */
    private Translation indirect(Translation prev, int pc, int ctx) {
        Translation t = prev.ic0;
        if (t != null && t.matches(pc, ctx)) { icHit++; return t; }
        t = prev.ic1;
        if (t != null && t.matches(pc, ctx)) {
            icHit++;
            prev.ic1 = prev.ic0;
            return prev.ic0 = t;
        }
        icMiss++;
        t = find(pc, ctx);
        prev.ic1 = prev.ic0;
        return prev.ic0 = t;
    }

    /**
     * Runs a block's IR through {@code cpu.mem}, which checks a debugger's read watchpoints (the
     * compiled fast path does not).
     */
    private int runChecked(Translation t, CpuState cpu) {
        if (t instanceof IrBlock) return t.run(cpu);
        Block b = (Block) t.ir;
        return irEval.execute(b.ops(), b.temps().length, b.terminal(), b.endPc(), cpu, cpu.mem);
    }

    @Override public void setBreakpoints(Breakpoints b) { breakpoints = b; }

    /** One instruction decoded on its own and evaluated, not cached (a debugger's single step). */
    @Override
    public int stepOne(CpuState cpu) {
        if (owner != Thread.currentThread()) owner = Thread.currentThread();
        if (ready.get() != 0) install();
        Block b = passes.optimize(builder.build(cpu.pc, isa.context(cpu), fetch, 1));
        IrBlock one = tier0.block(b);
        int exit = one.run(cpu);
        cpu.insnCount++;
        if (exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP) {
            last = (Terminal) one.terminal;
            return exit;
        }
        return Translation.EXIT_BUDGET;
    }

    private Breakpoints breakpoints;

    /**
     * Instructions of {@code t} retired before the fault at {@code faultPc}, less what the block's
     * own fault handler already charged (a translated loop charges its passes, this one included).
     */
    private int retiredBeforeFault(Translation t, int faultPc) {
        if (t.members != null) return retiredInRegion(t, faultPc);
        if (!(t.ir instanceof Block b)) return 0;
        int n = insnsBefore(b, faultPc);
        if (n < 0) n = ~n; // not in this block: all of it ran
        boolean charged = !(t instanceof IrBlock) && loops && t.ranges.length == 2 && selfLoop(b.terminal(), b.pc());
        return charged ? n - b.guestInsns() : n;
    }

    /**
     * A region's fault handler charged every member block it entered in full, the faulting one
     * included; take back that block's instructions from the faulting one on. The entry block's
     * count is not among them (the dispatcher adds it on normal exits only).
     */
    private static int retiredInRegion(Translation t, int faultPc) {
        for (int k = t.members.length - 1; k >= 0; k--) {
            Block m = (Block) t.members[k];
            int n = insnsBefore(m, faultPc);
            if (n >= 0) return n - m.guestInsns();
        }
        return 0;
    }

    /**
     * Instructions of {@code b} before the one at {@code pc}; when none of its instructions is at
     * {@code pc}, the bitwise complement (negative) of all its instructions.
     */
    private static int insnsBefore(Block b, int pc) {
        int n = 0;
        for (dynvm.ir.Insn in : b.ops()) {
            if (in.op != dynvm.ir.Op.INSN_START) continue;
            if ((int) in.imm == pc) return n;
            n++;
        }
        return ~n;
    }

    private static boolean selfLoop(Terminal t, int pc) {
        if (t instanceof Terminal.Jump j) return j.target() == pc;
        if (t instanceof Terminal.Branch br) return br.taken() == pc || br.notTaken() == pc;
        return false;
    }

    /** Runs exactly one block without looping (the lockstep checker uses this). */
    public Translation runOneBlock(CpuState cpu) {
        if (owner != Thread.currentThread()) owner = Thread.currentThread();
        if (ready.get() != 0) install(); // code writes queued before this thread owned the engine
        Translation t = find(cpu.pc, isa.context(cpu));
        if (t instanceof IrBlock ib) t = compile(ib);
        cpu.budget = 0; // leave at the first back edge
        int exit = t.run(cpu);
        cpu.insnCount += t.guestInsns;
        last = exit == Translation.EXIT_SERVICE || exit == Translation.EXIT_TRAP ? (Terminal) t.terminal : null;
        lastExitCode = exit;
        return t;
    }

    private int lastExitCode;

    /** Exit code of the last {@link #runOneBlock}. */
    public int lastExitCode() { return lastExitCode; }

    /** Number of guest instructions of the block that would run next (translating it if needed). */
    public int peekBlockInsns(CpuState cpu) {
        Translation t = find(cpu.pc, isa.context(cpu));
        if (t instanceof IrBlock ib) t = compile(ib);
        return t.guestInsns;
    }

    /**
     * System mode: the MMU's mappings may have changed since {@code t} was last checked. It stays
     * if its pc still reaches the physical code it was made from; otherwise the code there is
     * translated anew (replacing it under its key). A fetch fault propagates: the pc is unmapped.
     * Only system mode gets here: without a code map the generation is always 0, as is every
     * translation's.
     */
    private Translation recheck(Translation t, long generation) {
        if (codeMap.physical(t.pc) != (t.ranges[0] & 0xffffffffL)) {
            t = translate(t.pc, t.context);
            l1[(t.pc >>> 2) & (l1.length - 1)] = t;
        }
        t.checkedGeneration = generation;
        return t;
    }

    private Translation find(int pc, int ctx) {
        int i = (pc >>> 2) & (l1.length - 1);
        Translation t = l1[i];
        if (t != null && t.matches(pc, ctx)) return t;
        t = cache.lookup(pc, ctx);
        if (t == null) t = translate(pc, ctx);
        l1[i] = t;
        return t;
    }

    /** Decodes a block into tier 0 (evaluated IR). */
    private Translation translate(int pc, int ctx) {
        long t0 = System.nanoTime();
        SharedBlocks.Entry entry = shared == null ? null : shared.entry(isa, pc, ctx, fetch);
        Block b = entry == null ? null : entry.block, stored = null;
        Breakpoints bps = breakpoints != null && !breakpoints.isEmpty() ? breakpoints : null;
        if (b != null && bps != null && bps.anyAfter(b.pc(), b.endPc())) { b = null; entry = null; } // blocks end before breakpoints
        if (b != null) {
            if (diag.has(DebugItem.IR)) diag.ir("from the shared store", b);
        } else if (persistent != null && bps == null && (b = persistent.find(isa, pc, ctx, fetch, storedOps)) != null) {
            stored = storedOps != null ? b : null;
            if (shared != null) entry = shared.publish(isa, b, fetch);
            if (diag.has(DebugItem.IR)) diag.ir("from the persistent cache", b);
        } else {
            b = decode(pc, ctx, config.blockInsns(isa.maxBlockInsns()), bps == null ? null : bps::contains);
            if (bps == null && (shared != null || persistent != null)) { // the code bytes read once for both stores
                short[] code = CodeBytes.of(b, fetch);
                Block kept = persistent == null ? null : persistent.publish(isa, b, code, storedOps);
                if (kept != null) b = stored = kept; // the block as stored: its IR objects are dropped once its nodes exist
                if (shared != null) entry = shared.publish(isa, b, code);
            }
        }
        Block seen = observe(b);
        if (seen != b || !shareTranslations) entry = null; // an instrumented copy is this engine's own
        b = seen;
        if (diag.has(DebugItem.CACHE)) diag.cache(String.format("translate 0x%08x-0x%08x ctx %d, %d insns", pc, b.endPc(), ctx, b.guestInsns()));
        TranslationClass cls = entry == null ? null : entry.compiled(loops);
        Translation t;
        if (cls != null) {
            t = instantiateShared(cls, b);
            if (diag.has(DebugItem.CACHE)) diag.cache(String.format("reuse compiled 0x%08x ctx %d", pc, ctx));
        } else {
            // a stored block as it was read: its nodes from the columns its ops were decoded into
            OpArrays ops = b == stored ? storedOps : null;
            t = hotThreshold > 0 ? tier0.block(b, entry, ops) : generate(b, pc, ctx, entry);
            if (!oneContext && t instanceof IrBlock) { // known without decoding a stored block's ops into objects
                if (ops != null) t.contextEffect = contextEffect(ops);
                else if (entry != null) t.contextEffect = entry.contextEffect; // (0: the dispatcher works it out)
                if (entry != null && t.contextEffect != 0) entry.contextEffect = t.contextEffect;
            }
        }
        if (codeMap != null) {
            relocate(t, (int) codeMap.physical(pc) - pc);
            t.checkedGeneration = codeMap.generation();
        }
        code.markCode(t.ranges[0], t.endPc - t.pc);
        cache.put(t);
        translateNanos += System.nanoTime() - t0;
        return t;
    }

    /**
     * Groups a hot block with the hot blocks it was seen to continue to (static successors and the
     * last computed-jump target), breadth first, so their transfers become gotos in one method.
     *
     * <p>Only regions that pay are formed. A member must itself be hot: compiled already, or run
     * at least half the promotion threshold in tier 0 (a cold successor only adds compile time and
     * bytecode). A region is kept only if it contains a loop (a member continues to the entry or
     * to an earlier member): then the loop runs as a JVM loop that C2 optimises as a whole, which
     * is where the dispatch cost goes away; a straight-line group of blocks saves one dispatch per
     * block and costs a bigger method, so the entry is compiled on its own instead. A block that
     * is already a member of a region compiles on its own (its loop is in that region). Members
     * end in a jump or branch (service calls and traps leave through the entry block only, whose
     * terminal the engine reads), and in system mode lie in the entry's page, so the entry's
     * page check stays valid for all of them.
     */
    private List<Block> formRegion(IrBlock entry) { return formRegion(entry.block, entry.lastIndirectTarget); }

    /** {@link #formRegion(IrBlock)} from the entry's block and the last target of its computed exit (0: none known). */
    private List<Block> formRegion(Block block, int lastIndirectTarget) {
        List<Block> single = List.of(block);
        if (!loops || inRegion.contains(key(block.pc(), block.context()))) return single;
        List<Block> members = new ArrayList<>();
        members.add(block);
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        addSuccessors(block.terminal(), lastIndirectTarget, todo);
        int insns = block.guestInsns(), minRuns = Math.max(1, hotThreshold / 2);
        while (!todo.isEmpty() && members.size() < regionBlocks) {
            int pc = todo.poll();
            if (members.stream().anyMatch(m -> m.pc() == pc)) continue;
            if (codeMap != null && ((pc ^ block.pc()) & ~0xfff) != 0) continue;
            Translation t = cache.peek(pc, block.context());
            if (t == null || !(t.ir instanceof Block blk)) continue;
            if (t instanceof IrBlock ib && ib.runs < minRuns) continue;
            Terminal term = blk.terminal();
            if (term instanceof Terminal.ServiceCall || term instanceof Terminal.Trap) continue;
            if (insns + blk.guestInsns() > MAX_REGION_INSNS) continue;
            members.add(blk);
            insns += blk.guestInsns();
            addSuccessors(term, t instanceof IrBlock ib ? ib.lastIndirectTarget : 0, todo);
        }
        if (members.size() == 1 || !hasLoop(members)) return single;
        for (Block m : members) inRegion.add(key(m.pc(), m.context()));
        return members;
    }

    /** Members (pc and context) of the regions in the cache, which then compile on their own. */
    private final java.util.Set<Long> inRegion = new java.util.HashSet<>();

    private static long key(int pc, int ctx) { return (long) ctx << 32 | (pc & 0xffffffffL); }

    /** Does some member continue to itself or to a member before it (a back edge)? */
    private static boolean hasLoop(List<Block> members) {
        for (int k = 0; k < members.size(); k++) {
            java.util.ArrayDeque<Integer> succ = new java.util.ArrayDeque<>();
            addSuccessors(members.get(k).terminal(), 0, succ);
            for (int pc : succ)
                for (int j = 0; j <= k; j++) if (members.get(j).pc() == pc) return true;
        }
        return false;
    }

    private static void addSuccessors(Terminal t, int lastIndirect, java.util.ArrayDeque<Integer> todo) {
        if (t instanceof Terminal.Jump j) todo.add(j.target());
        else if (t instanceof Terminal.Branch br) { todo.add(br.taken()); todo.add(br.notTaken()); }
        else if (t instanceof Terminal.IndirectJump && lastIndirect != 0) todo.add(lastIndirect);
    }

    /**
     * The run's compiled class of a hot tier-0 block, instantiated for this engine, once some
     * engine has compiled that block (another process, usually); promoted in place of {@code ib}.
     * Null when there is none yet.
     */
    private Translation reuseCompiled(IrBlock ib) {
        TranslationClass cls = ib.shared.compiled(loops);
        if (cls == null) return null;
        Translation t = instantiateShared(cls, ib.block);
        promote(ib, t);
        return t;
    }

    /** This engine's translation of {@code b} from a class another engine compiled. */
    private Translation instantiateShared(TranslationClass cls, Block b) {
        Translation t = cls.instantiate(List.of(b), memory);
        t.ir = b;
        shared.countClassReused();
        return t;
    }

    /**
     * A compiled block whose region countdown ran out ({@link EngineConfig.DispatchTuning#regionThreshold}):
     * its region is formed now, from what ran meanwhile, and compiled (on the background compiler
     * when there is one: {@code t} keeps running until the region is installed). Returns what to
     * run now: the region, or {@code t}.
     */
    private Translation regionLater(Translation t) {
        if (!(t.ir instanceof Block b) || !t.valid) return t;
        List<Block> region = formRegion(b, t.ic0 != null ? t.ic0.pc : 0);
        if (region.size() == 1) return t;
        if (compiler != null) {
            long epoch = codeEpoch;
            compiler.execute(() -> {
                long t0 = System.nanoTime();
                Translation r = null;
                try {
                    r = tryGenerate(region, false, null);
                } catch (RuntimeException e) {
                    r = null; // the block stays as it is
                }
                backgroundNanos.addAndGet(System.nanoTime() - t0);
                if (r == null) return;
                finished.add(new Compiled(t, r, epoch));
                ready.incrementAndGet();
            });
            return t;
        }
        long t0 = System.nanoTime();
        Translation r = tryGenerate(region, false, null);
        translateNanos += System.nanoTime() - t0;
        if (r == null) return t;
        compiled++;
        promote(t, r);
        return r;
    }

    private void compileInBackground(IrBlock ib, List<Block> region, long epoch) {
        long t0 = System.nanoTime();
        Translation t = null;
        try {
            t = tryGenerate(region, false, ib.shared);
            if (t == null && region.size() > 1) t = tryGenerate(List.of(ib.block), false, ib.shared);
        } catch (RuntimeException e) {
            t = null; // redone on the dispatcher's thread, where an error is reported properly
        }
        backgroundNanos.addAndGet(System.nanoTime() - t0);
        finished.add(new Compiled(ib, t, epoch));
        ready.incrementAndGet();
    }

    /**
     * Generates and defines, or null when the class would be too big to be JIT-compiled (unless
     * {@code anySize}). A class of exactly the block of {@code entry} (not null: shared
     * translations are on) is offered to the run's other engines.
     */
    private Translation tryGenerate(List<Block> blocks, boolean anySize, SharedBlocks.Entry entry) {
        byte[] cls = backend.generate(blocks, loops);
        if (cls.length > BytecodeBackend.MAX_CLASS_BYTES && !anySize) return null;
        dump(blocks, cls);
        TranslationClass defined = backend.defineClass(blocks.get(0), cls);
        if (entry != null && blocks.size() == 1 && blocks.get(0) == entry.block) entry.compiled(defined, loops);
        Translation t = defined.instantiate(blocks, memory);
        t.ir = blocks.get(0);
        if (blocks.size() > 1) {
            t.members = blocks.toArray();
            int sideExits = backend.sideExits(blocks, loops).length;
            if (sideExits > 0) t.next = new Translation[Translation.EXIT_LINK + sideExits];
            regionsCompiled++;
        }
        return t;
    }

    /**
     * Applies code writes queued by other threads, then installs finished background
     * compilations whose guest code is unchanged. Returns whether anything was invalidated.
     */
    private boolean install() {
        boolean dropped = false;
        for (int[] r; (r = remote.poll()) != null; ) {
            ready.decrementAndGet();
            cache.invalidateRange(r[0], r[1], "code written by another thread");
            dropped = true;
        }
        for (Compiled c; (c = finished.poll()) != null; ) {
            ready.decrementAndGet();
            Translation src = c.source();
            if (!src.valid) continue; // the entry's code changed meanwhile
            if (c.epoch() != codeEpoch && c.t() != null && c.t().ranges.length > 2) {
                // some code changed since the region was formed: form it again later
                if (src instanceof IrBlock ib) ib.queued = false;
                else src.regionCountdown = regionThreshold;
                continue;
            }
            if (c.t() == null) { if (src instanceof IrBlock ib) compile(ib); continue; }
            compiled++;
            promote(src, c.t());
        }
        return dropped;
    }

    /** Puts compiled code in place of its tier-0 block: code marks, cache, dispatch table. */
    private void promote(Translation ib, Translation t) {
        // a block compiled alone counts down to forming its region later
        if (lateRegions && t.members == null && ib instanceof IrBlock) t.regionCountdown = regionThreshold;
        if (codeMap != null) {
            relocate(t, ib.ranges[0] - ib.pc);
            t.checkedGeneration = ib.checkedGeneration;
        }
        for (int i = 0; i < t.ranges.length; i += 2) code.markCode(t.ranges[i], t.ranges[i + 1] - t.ranges[i]);
        cache.replace(ib, t);
        l1[(t.pc >>> 2) & (l1.length - 1)] = t;
    }

    /** Stops the background compiler, if any. */
    @Override
    public void close() {
        code.removeCodeWriteListener(codeListener);
        if (compiler != null) {
            compiler.shutdownNow();
            try {
                compiler.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Synchronous promotion of a hot block: as a region when regions are on and one pays
     * ({@link #formRegion}), else on its own.
     */
    private Translation compileHot(IrBlock ib) {
        if (!regions || lateRegions) return compile(ib);
        List<Block> region = formRegion(ib);
        if (region.size() == 1) return compile(ib);
        long t0 = System.nanoTime();
        Translation t = tryGenerate(region, false, null);
        if (t == null) { translateNanos += System.nanoTime() - t0; return compile(ib); }
        compiled++;
        promote(ib, t);
        translateNanos += System.nanoTime() - t0;
        return t;
    }

    /** Promotes a hot tier-0 block to bytecode, replacing it in the cache. */
    private Translation compile(IrBlock ib) {
        long t0 = System.nanoTime();
        Translation t = generate(ib.block, ib.pc, ib.context, ib.shared);
        promote(ib, t);
        translateNanos += System.nanoTime() - t0;
        return t;
    }

    /**
     * Compiles one block, re-decoding it shorter until its class is small enough to be
     * JIT-compiled; the class of {@code first} itself is offered through {@code entry} (or null).
     */
    private Translation generate(Block first, int pc, int ctx, SharedBlocks.Entry entry) {
        compiled++;
        for (Block b = first; ; ) {
            Translation t = tryGenerate(List.of(b), b.guestInsns() == 1, entry);
            if (t != null) return t;
            b = observe(decode(pc, ctx, Math.max(1, b.guestInsns() / 2), null));
        }
    }

    /** Decodes and optimises a block (-d ir shows both). */
    private Block decode(int pc, int ctx, int max, java.util.function.IntPredicate stopBefore) {
        if (codeMap != null) { // one block, one physical page: its key stays checkable by its first pc
            java.util.function.IntPredicate user = stopBefore;
            stopBefore = a -> ((a ^ pc) & ~0xfff) != 0 || user != null && user.test(a);
        }
        Block raw = builder.build(pc, ctx, fetch, max, stopBefore);
        Block b = passes.optimize(raw);
        if (diag.has(DebugItem.IR)) {
            diag.ir("before passes", raw);
            diag.ir("after passes", b);
        }
        return b;
    }

    /** in_asm and plugins see the block; plugins may instrument it (never the shared copy). */
    private Block observe(Block b) {
        if (!diag.observesBlocks()) return b;
        List<dynvm.translator.plugin.GuestInsn> insns = diag.insns(isa, b, fetch);
        if (diag.has(DebugItem.IN_ASM)) diag.inAsm(insns, b.context());
        return diag.plugins() == null ? b : diag.plugins().instrument(b, insns);
    }

    private void dump(List<Block> blocks, byte[] cls) {
        Block b = blocks.get(0);
        if (diag.has(DebugItem.CACHE)) diag.cache(String.format("compile 0x%08x ctx %d, %d bytes of class file", b.pc(), b.context(), cls.length));
        if (diag.has(DebugItem.BYTECODE)) diag.bytecode(cls);
        if (diag.classDir() != null) {
            try {
                Files.createDirectories(diag.classDir());
                                // a region is named apart from its entry block's own class (r: its number of blocks)
                String name = blocks.size() == 1 ? String.format("block_%08x_%d.class", b.pc(), b.context())
                        : String.format("block_%08x_%d_r%d.class", b.pc(), b.context(), blocks.size());
                Files.write(diag.classDir().resolve(name), cls);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /**
     * System mode: a translation's code ranges were computed from its virtual pcs; move them to
     * where the code sits physically, so code marks and invalidation by stores work on physical
     * pages (a block never crosses a page, so one offset serves all of it).
     */
    private static void relocate(Translation t, int delta) {
        for (int i = 0; i < t.ranges.length; i++) t.ranges[i] += delta;
    }

    @Override public Terminal lastExit() { return last; }

    /** The settings this engine was built with. */
    public EngineConfig config() { return config; }

    @Override
    public void invalidate(int addr, int len, String reason) { cache.invalidateRange(addr, len, reason); }

    @Override public long blocksTranslated() { return compiled; }
    @Override public long dispatches() { return dispatches; }
    @Override public DispatchStats dispatchStats() { return new DispatchStats(dispatches, chainHit, icHit, icMiss, regionsCompiled); }
    @Override public long translationNanos() { return translateNanos + backgroundNanos.get(); }
    @Override public CacheStats cacheStats() { return cache.stats(); }

    @Override public long tier0Runs() { return tier0.runs; }
    @Override public long tier0Insns() { return tier0.insns; }
    @Override public long tier0Nanos() { return tier0Nanos; }
    @Override public long backgroundTranslationNanos() { return backgroundNanos.get(); }
}

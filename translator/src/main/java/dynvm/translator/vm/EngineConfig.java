package dynvm.translator.vm;

import java.util.Properties;

/**
 * How one VM's engines behave: tiering, translation shape, checks and the disassembler. Immutable
 * and built once per run, then handed down explicitly (CLI → {@code GuestLauncher.Request} →
 * {@link UserModeVm} → {@link Translator}, {@link Interpreter}, {@link LockstepEngine} →
 * {@link dynvm.translator.passes.Passes}; {@code Machine} → {@code VCpu} → engine in system mode),
 * so two VMs in one JVM can run with different settings and never see each other's.
 *
 * <p>{@link #fromSystemProperties()} reads today's {@code -D} switches (the launcher passes them
 * with {@code DYNVM_JAVA_OPTS}, the tests' surefire argLine sets {@code -Ddynvm.verifyIr=true
 * -Ddynvm.hotThreshold=16}):
 * <table>
 * <caption>System properties</caption>
 * <tr><th>property</th><th>component</th><th>default</th></tr>
 * <tr><td>{@code dynvm.hotThreshold=N}</td><td>{@link #hotThreshold}</td><td>128 (an unparsable value: 128)</td></tr>
 * <tr><td>{@code dynvm.regions=true|false}</td><td>{@link #regions}, {@link #systemRegions}</td><td>unset: false in user
 * mode, true in system mode; set: that value in both modes</td></tr>
 * <tr><td>{@code dynvm.sharedBlocks=false}</td><td>{@link #sharedBlocks}</td><td>true (anything but "false")</td></tr>
 * <tr><td>{@code dynvm.verifyIr=true}</td><td>{@link #verifyIr}</td><td>false</td></tr>
 * <tr><td>{@code dynvm.tier0=ir}</td><td>{@link #tier0Nodes}</td><td>nodes (anything but "ir")</td></tr>
 * <tr><td>{@code dynvm.capstone=false}</td><td>{@link #capstone}</td><td>true (anything but "true", any case, is false)</td></tr>
 * <tr><td>{@code dynvm.persistentCache=false}</td><td>{@link #persistentCache}</td><td>true (anything but "false");
 *     false in {@link #DEFAULTS}</td></tr>
 * <tr><td>{@code dynvm.indirectCache=false}</td><td>{@link #indirectCache}</td><td>true (anything but "false")</td></tr>
 * <tr><td>{@code dynvm.sharedTranslations=false}</td><td>{@link #sharedTranslations}</td><td>true (anything but "false")</td></tr>
 * <tr><td>{@code dynvm.lazyIr=false}</td><td>{@link #lazyIr}</td><td>true (anything but "false")</td></tr>
 * <tr><td>{@code dynvm.regionLinks}, {@code dynvm.fastDispatch}, {@code dynvm.regionThreshold},
 *     {@code dynvm.regionBlocks}, {@code dynvm.leanDispatch}, {@code dynvm.exitContexts},
 *     {@code dynvm.inlineMemory}</td><td>{@link #dispatch}</td><td>see {@link DispatchTuning}</td></tr>
 * </table>
 * The loop budgets have no switch. Entry points that take no configuration (the engines' and
 * {@code Machine}'s shorter constructors, {@code GuestLauncher.Request}'s shorter constructors,
 * the CLI) call {@link #fromSystemProperties()} once, when they are called; nothing reads the
 * properties later, and nothing here is static mutable state.
 *
 * @param hotThreshold        executions of a tier-0 (IR-evaluated) block before it is compiled to
 *                            bytecode; 0 compiles every block when it is first translated. 128
 *                            measured best on the guest suite (fewer classes for the JVM's own JIT
 *                            on 2 cores); the tests use 16 to exercise the compiled tier more
 * @param regions             compile hot loops over several blocks as one method (regions of hot
 *                            blocks; in system mode within one page). Off by default: a two-block
 *                            loop runs about 4 times faster, but whole user-mode programs measured
 *                            no gain with C2 (see {@link #systemRegions} for system mode); the
 *                            launcher turns them on when it runs the JVM with C1 alone
 *                            ({@code DYNVM_JIT=quick}, the {@code run} default), where they measured
 *                            neutral or better (docs/performance.md, "CPU-bound loops under C1")
 * @param sharedBlocks        user mode: reuse decoded blocks across the run's threads and processes
 *                            ({@link SharedBlocks}); off only for measurements
 * @param verifyIr            run the IR verifier before and after the passes (tests)
 * @param capstone            print guest code with libcapstone when it loads ({@code -d in_asm},
 *                            plugins); false: always the front-ends' own printers
 * @param loopBudget          user mode: passes a translated loop may run before it returns to the
 *                            dispatcher (a posted signal is noticed then)
 * @param interruptLoopBudget system mode: passes a translated loop runs before it checks for an
 *                            interrupt; bounds the interrupt latency of a spinning guest
 * @param indirectCache       the dispatcher checks a two-entry inline cache on each translation
 *                            (the targets its computed exits last went to) before its table
 *                            lookup; false: every computed exit looks its target up
 * @param systemRegions       regions in system mode (within one page). On by default: a compute
 *                            guest used 30% less CPU (system-mode dispatch costs more and its
 *                            blocks stop at page ends); {@code -Ddynvm.regions=false} turns them off
 * @param persistentCache     user mode, translator: keep decoded blocks across runs in
 *                            {@code $DYNVM_CACHE/tcache} (default {@code ~/.cache/dynvm/tcache};
 *                            see {@link PersistentBlocks}, {@code dynvm.cache.persist}). On for runs
 *                            from the command line (a warm cache saved about 25% of the CPU time of
 *                            a dynamically linked hello, 10% of a busybox sh pipeline, nothing
 *                            measurable of a compile-bound python3 -c pass; filling an empty one
 *                            cost 0.2-0.5 s; docs/performance.md); off in {@link #DEFAULTS}, so VMs
 *                            built in code (tests, benchmarks) write nothing to the user's home unless asked
 * @param tier0Nodes          run tier-0 blocks as pre-decoded nodes
 *                            ({@link dynvm.translator.exec.NodeBlock}); false: evaluate their IR
 *                            ({@link dynvm.translator.exec.IrEvaluator}) as before. Same guest
 *                            state either way; nodes run several times faster
 * @param maxBlockInsns       user mode: at most this many guest instructions per translated block;
 *                            0: the front-end's own limit. 1 is qemu-user's {@code -one-insn-per-tb}
 *                            (every instruction its own block: exact per-instruction {@code -d exec}
 *                            traces and breakpoints, much slower)
 * @param sharedTranslations  threads and forked processes of a run share the tier-0 nodes, compiled
 *                            classes and tier-0 run counts of {@link SharedBlocks}' blocks (each
 *                            engine makes its own {@code Translation} instance with its own memory,
 *                            links and caches); false: every engine translates for itself
 *                            (docs/performance.md, "Shared translations")
 * @param dispatch            the dispatcher's and region former's settings ({@link DispatchTuning})
 * @param lazyIr              a block read from the persistent cache becomes tier-0 nodes straight
 *                            from its stored form and keeps its IR ops in that form, decoded into
 *                            objects only if it is compiled, joins a region or faults
 *                            ({@code dynvm.cache.persist.StoredOps}); false: its IR is decoded into
 *                            objects at once and kept (docs/performance.md, "The cold path of a block")
 */
public record EngineConfig(int hotThreshold, boolean regions, boolean sharedBlocks, boolean verifyIr, boolean capstone,
                           int loopBudget, int interruptLoopBudget, boolean indirectCache,
                           boolean systemRegions, boolean persistentCache, boolean tier0Nodes, int maxBlockInsns,
                           boolean sharedTranslations, DispatchTuning dispatch, boolean lazyIr) {
    public static final int DEFAULT_HOT_THRESHOLD = 128;
    public static final int DEFAULT_LOOP_BUDGET = 1 << 20;
    /** ~10 us of a spinning guest at no measurable cost. */
    public static final int DEFAULT_INTERRUPT_LOOP_BUDGET = 1 << 12;

    /**
     * Every setting at its default (what a run without any {@code -Ddynvm.*} switch gets), except
     * {@link #persistentCache}: off here, on in {@link #fromSystemProperties()}.
     */
    public static final EngineConfig DEFAULTS = new EngineConfig(DEFAULT_HOT_THRESHOLD, false, true, false, true,
            DEFAULT_LOOP_BUDGET, DEFAULT_INTERRUPT_LOOP_BUDGET, true, true, false, true, 0, true, DispatchTuning.DEFAULTS, true);

    public EngineConfig {
        if (hotThreshold < 0) throw new IllegalArgumentException("hotThreshold < 0: " + hotThreshold);
        if (loopBudget < 0) throw new IllegalArgumentException("loopBudget < 0: " + loopBudget);
        if (maxBlockInsns < 0) throw new IllegalArgumentException("maxBlockInsns < 0: " + maxBlockInsns);
        if (interruptLoopBudget < 0) throw new IllegalArgumentException("interruptLoopBudget < 0: " + interruptLoopBudget);
        java.util.Objects.requireNonNull(dispatch, "dispatch");
    }

    /** The defaults changed by the JVM's {@code -Ddynvm.*} switches (see the table above); read once, now. */
    public static EngineConfig fromSystemProperties() { return fromProperties(System.getProperties()); }

    /** As {@link #fromSystemProperties()}, from {@code p} (same names, same parsing). */
    public static EngineConfig fromProperties(Properties p) {
        int hot = DEFAULT_HOT_THRESHOLD;
        String h = p.getProperty("dynvm.hotThreshold");
        if (h != null) {
            try {
                hot = Integer.decode(h); // as Integer.getInteger
            } catch (NumberFormatException e) {
                // as Integer.getInteger: the default
            }
        }
        return new EngineConfig(Math.max(0, hot), // a negative threshold always compiled at once, as 0 does
                Boolean.parseBoolean(p.getProperty("dynvm.regions")),
                !"false".equals(p.getProperty("dynvm.sharedBlocks")),
                Boolean.parseBoolean(p.getProperty("dynvm.verifyIr")),
                Boolean.parseBoolean(p.getProperty("dynvm.capstone", "true")),
                DEFAULT_LOOP_BUDGET, DEFAULT_INTERRUPT_LOOP_BUDGET,
                !"false".equals(p.getProperty("dynvm.indirectCache")),
                p.getProperty("dynvm.regions") == null || Boolean.parseBoolean(p.getProperty("dynvm.regions")),
                !"false".equals(p.getProperty("dynvm.persistentCache")),
                !"ir".equals(p.getProperty("dynvm.tier0")), 0,
                !"false".equals(p.getProperty("dynvm.sharedTranslations")), DispatchTuning.fromProperties(p),
                !"false".equals(p.getProperty("dynvm.lazyIr")));
    }

    public EngineConfig withHotThreshold(int n) {
        return new EngineConfig(n, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    /** Regions on or off in both modes (as {@code -Ddynvm.regions=true|false}). */
    public EngineConfig withRegions(boolean on) {
        return new EngineConfig(hotThreshold, on, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, on, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withSharedBlocks(boolean on) {
        return new EngineConfig(hotThreshold, regions, on, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withVerifyIr(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, on, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withCapstone(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, on, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withLoopBudget(int passes) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, passes, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withInterruptLoopBudget(int passes) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, passes, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withIndirectCache(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, on, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withPersistentCache(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, on, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    public EngineConfig withTier0Nodes(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, on, maxBlockInsns, sharedTranslations, dispatch, lazyIr);
    }

    /** At most {@code n} guest instructions per block (0: the front-end's limit; 1: {@code -one-insn-per-tb}). */
    public EngineConfig withMaxBlockInsns(int n) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, n, sharedTranslations, dispatch, lazyIr);
    }

    /** The block length limit to use for a front-end whose own limit is {@code isaMax}. */
    public int blockInsns(int isaMax) { return maxBlockInsns == 0 ? isaMax : Math.min(maxBlockInsns, isaMax); }

    public EngineConfig withSharedTranslations(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, on, dispatch, lazyIr);
    }

    public EngineConfig withLazyIr(boolean on) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, dispatch, on);
    }

    public EngineConfig withDispatch(DispatchTuning d) {
        return new EngineConfig(hotThreshold, regions, sharedBlocks, verifyIr, capstone, loopBudget, interruptLoopBudget, indirectCache, systemRegions, persistentCache, tier0Nodes, maxBlockInsns, sharedTranslations, d, lazyIr);
    }

    /**
     * The dispatcher's and region former's settings (issue 15; docs/performance.md, "Dispatch
     * and region links"). Switches: {@code -Ddynvm.regionLinks=false}, {@code -Ddynvm.fastDispatch=false},
     * {@code -Ddynvm.regionThreshold=N}, {@code -Ddynvm.regionBlocks=N}.
     *
     * @param regionLinks     a region's static side exits each get a link slot
     *                        ({@code Translation.EXIT_LINK}), so they chain to the next block like a
     *                        block's own exits; false: they leave as computed exits through the
     *                        two-entry inline cache (as before). Default true (anything but "false")
     * @param fastDispatch    the dispatcher skips {@code Isa.context} when the ISA has one context
     *                        (PowerPC) and reads the next block straight from a link. Default true
     * @param regionThreshold runs a compiled block's region candidate must reach, counted by the
     *                        dispatcher, before a region is formed from it; 0: form the region when
     *                        the entry block is first compiled (as before). Default 0
     * @param regionBlocks    at most this many blocks per region (1..8). Default 8
     * @param leanDispatch    a second dispatcher loop for the common configuration (user mode, no
     *                        debugger, tracing, --stats timing or late regions) with the engine's
     *                        settings in locals: C1 hoists no field loads out of a loop
     *                        ({@code -Ddynvm.leanDispatch=false}). Default true
     * @param exitContexts    with {@code fastDispatch}: a block that sets the context registers only
     *                        to constants (an ARM IT block's ITSTATE, a BLX's T) keeps the context
     *                        asked of the ISA after its first run, so later runs skip {@code
     *                        Isa.context} ({@code -Ddynvm.exitContexts=true}). Default false: it
     *                        removed a fifth of the remaining calls on Thumb-2 code and measured
     *                        no CPU gain (docs/performance.md)
     * @param inlineMemory    user mode: translated blocks test the flat window's fast-path
     *                        conditions for 32- and 64-bit loads and stores themselves and call
     *                        the accessor only when one fails: for every guest ({@code
     *                        -Ddynvm.inlineMemory=true}), for big-endian guests only ({@code be},
     *                        the default: there it replaces two calls, the accessor's and C1's
     *                        out-of-line byte swap; on little-endian guests it measured no gain),
     *                        or never ({@code false})
     */
    public record DispatchTuning(boolean regionLinks, boolean fastDispatch, int regionThreshold, int regionBlocks,
                                 boolean leanDispatch, boolean exitContexts, InlineMemory inlineMemory) {
        public static final DispatchTuning DEFAULTS = new DispatchTuning(true, true, 0, 8, true, false, InlineMemory.BIG_ENDIAN);

        /** Which guests' blocks inline the memory fast path ({@link #inlineMemory}). */
        public enum InlineMemory {
            OFF, BIG_ENDIAN, ON;

            /** Does a guest of this byte order inline it? */
            public boolean applies(boolean bigEndian) { return this == ON || this == BIG_ENDIAN && bigEndian; }
        }

        /** The four original switches, the later ones at their defaults. */
        public DispatchTuning(boolean regionLinks, boolean fastDispatch, int regionThreshold, int regionBlocks) {
            this(regionLinks, fastDispatch, regionThreshold, regionBlocks, true, false, InlineMemory.BIG_ENDIAN);
        }

        public DispatchTuning {
            if (regionThreshold < 0) throw new IllegalArgumentException("regionThreshold < 0: " + regionThreshold);
            if (regionBlocks < 1 || regionBlocks > 8) throw new IllegalArgumentException("regionBlocks not in 1..8: " + regionBlocks);
        }

        static DispatchTuning fromProperties(Properties p) {
            return new DispatchTuning(!"false".equals(p.getProperty("dynvm.regionLinks")),
                    !"false".equals(p.getProperty("dynvm.fastDispatch")),
                    Math.max(0, intProperty(p, "dynvm.regionThreshold", DEFAULTS.regionThreshold)),
                    Math.max(1, Math.min(8, intProperty(p, "dynvm.regionBlocks", DEFAULTS.regionBlocks))),
                    !"false".equals(p.getProperty("dynvm.leanDispatch")),
                    "true".equals(p.getProperty("dynvm.exitContexts")),
                    inlineMemory(p.getProperty("dynvm.inlineMemory")));
        }

        private static InlineMemory inlineMemory(String v) {
            if ("false".equals(v)) return InlineMemory.OFF;
            return "true".equals(v) ? InlineMemory.ON : InlineMemory.BIG_ENDIAN;
        }

        private static int intProperty(Properties p, String name, int dflt) {
            String v = p.getProperty(name);
            if (v == null) return dflt;
            try {
                return Integer.decode(v);
            } catch (NumberFormatException e) {
                return dflt;
            }
        }
    }
}

package dynvm.translator.vm;

import dynvm.ir.Block;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import dynvm.translator.debug.DebugItem;
import dynvm.translator.disasm.Disassembly;
import dynvm.translator.plugin.BlockInsns;
import dynvm.translator.plugin.GuestInsn;
import dynvm.translator.plugin.PluginHost;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one run shows of itself (all off by default): the {@code -d} log items written to
 * {@link #out()}, class files dumped to a directory, and the run's plugins. Engines check
 * {@link #has} when they are built, so nothing is paid on the hot path when an item is off.
 * Multi-line records are written under the stream's lock, so threads do not interleave them.
 */
public final class Diag {
    public static final Diag NONE = new Diag(null, Set.of(), null, null);

    private final PrintStream out;
    private final Set<DebugItem> items;
    private final Path classDir;
    private final PluginHost plugins;
    /** For in_asm and plugins (capstone when it loads), else null. */
    private final Disassembly dis;

    /**
     * With capstone when it loads (the CLI passes its run's {@link EngineConfig#capstone} to the
     * constructor below instead).
     *
     * @param out      where the log items go (null: none)
     * @param classDir where class files are written, or null
     * @param plugins  the run's plugins, or null
     */
    public Diag(PrintStream out, Set<DebugItem> items, Path classDir, PluginHost plugins) {
        this(out, items, classDir, plugins, true);
    }

    /**
     * As above; {@code capstone} false prints guest code with the front-end's own printer even
     * when libcapstone is installed (the run's {@link EngineConfig#capstone}, {@code -Ddynvm.capstone=false}).
     */
    public Diag(PrintStream out, Set<DebugItem> items, Path classDir, PluginHost plugins, boolean capstone) {
        this.out = out;
        this.items = items.isEmpty() || out == null ? Set.of() : EnumSet.copyOf(items);
        this.classDir = classDir;
        this.plugins = plugins != null && plugins.wantsBlocks() ? plugins : null;
        this.dis = this.items.contains(DebugItem.IN_ASM) || this.plugins != null
                ? capstone ? Disassembly.create() : Disassembly.ownOnly() : null;
        this.pluginsAtExit = plugins;
    }

    /** Kept for the exit callbacks of plugins that hook nothing else. */
    private final PluginHost pluginsAtExit;

    public boolean has(DebugItem item) { return items.contains(item); }

    public PrintStream out() { return out; }

    public Path classDir() { return classDir; }

    /** The plugins that instrument or observe blocks, or null. */
    public PluginHost plugins() { return plugins; }

    /** Does the engine need each block's instructions (for in_asm or plugins)? */
    public boolean observesBlocks() { return dis != null; }

    /** Ends the run: plugins report, capstone is released. */
    public void finish() {
        if (pluginsAtExit != null) pluginsAtExit.finish();
        if (dis != null) dis.close();
        if (out != null) out.flush();
    }

    // ---- records

    /** The instructions of {@code b}, disassembled. */
    public List<GuestInsn> insns(Isa isa, Block b, MemoryPort code) { return BlockInsns.of(isa, b, code, dis); }

    /** in_asm: qemu's "IN:" record. */
    public void inAsm(List<GuestInsn> insns, int context) {
        StringBuilder sb = new StringBuilder("----------------\nIN:");
        if (context != 0) sb.append(" [ctx ").append(context).append(']');
        sb.append('\n');
        for (GuestInsn g : insns) sb.append(String.format("0x%08x:  %-12s %s%n", g.pc(), g.hexBytes(), g.text()));
        print(sb.append('\n').toString());
    }

    /** ir: a block's IR under a heading. */
    public void ir(String heading, Block b) { print("IR " + heading + ": " + b.dump() + "\n"); }

    /** bytecode: a class file as text. */
    public void bytecode(byte[] cls) {
        synchronized (out) {
            AsmText.print(cls, out);
        }
    }

    /**
     * ASM's printer, apart: Diag is in every run's start-up archive, and a method of its own
     * handing a TraceClassVisitor to a ClassVisitor parameter made the JVM load both ASM classes
     * from their jars (and open asm-util's) when it linked Diag at start-up, to check that
     * constraint; ASM's Java 5 classes cannot be archived. Only {@code -d bytecode} loads this.
     */
    private static final class AsmText {
        static void print(byte[] cls, PrintStream out) {
            new org.objectweb.asm.ClassReader(cls).accept(new org.objectweb.asm.util.TraceClassVisitor(new PrintWriter(out, true)), 0);
        }
    }

    /** cache: one event. */
    public void cache(String what) { print("cache: " + what + "\n"); }

    /** page: the memory map after {@code what}. */
    public void page(String what, String map) { print("page: " + what + "\n" + map + "\n"); }

    /** exec and cpu at a block entry. */
    public void blockEntry(int tid, CpuState cpu, RegisterFile regs, int pc, int context) {
        StringBuilder sb = new StringBuilder();
        if (has(DebugItem.EXEC)) sb.append(String.format("Trace %d: [%d/%08x]%n", tid, context, pc));
        if (has(DebugItem.CPU)) {
            sb.append(String.format("CPU %d: pc=%08x%n", tid, pc));
            int n = 0;
            for (RegisterFile.Reg r : regs.all()) {
                long v = regs.read(cpu, r.index());
                sb.append(n % 6 == 0 ? " " : "  ").append(r.name()).append('=')
                        .append(r.type() == dynvm.ir.Type.I64 ? String.format("%016x", v) : String.format("%08x", (int) v));
                if (++n % 6 == 0) sb.append('\n');
            }
            if (n % 6 != 0) sb.append('\n');
        }
        print(sb.toString());
    }

    private void print(String s) {
        synchronized (out) {
            out.print(s);
        }
    }
}

package dynvm.translator.plugin;

import dynvm.ir.Helper;
import dynvm.ir.Touches;
import dynvm.spi.CpuState;

/**
 * The IR helpers instrumentation calls. The run's {@link PluginHost} is reached through
 * {@link CpuState#instrumentation} (no static state: two runs in one JVM stay apart). Neither
 * touches guest registers, so translated code keeps its registers in locals around the calls.
 */
public final class PluginHooks {
    private PluginHooks() { }

    static final Helper INSN = Helper.of(PluginHooks.class, "insnExecuted");
    static final Helper MEM = Helper.of(PluginHooks.class, "memoryAccess");

    /** Instruction callback {@code id} (registered at translation) fires. */
    @Touches({})
    public static void insnExecuted(CpuState cpu, int id) {
        ((PluginHost) cpu.instrumentation).fireInsn(id);
    }

    /** {@code info}: size in bytes, plus 0x100 for a store. */
    @Touches({})
    public static void memoryAccess(CpuState cpu, int pc, int addr, int info) {
        ((PluginHost) cpu.instrumentation).fireMemory(pc, addr, info & 0xff, (info & 0x100) != 0);
    }
}

package dynvm.translator.backend;

import dynvm.ir.IrEmitter;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.Decoder;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import dynvm.spi.RegisterFile;
import dynvm.spi.SyscallAbi;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * A test ISA whose "instructions" are indices into a list of lowering functions: lets engine
 * tests feed arbitrary IR through both engines without a real front-end.
 */
final class ToyIsa implements Isa, dynvm.spi.LinuxUserAbi {
    static final RegisterFile REGS = new RegisterFile();
    static final int[] R = new int[8], D = new int[4];

    static {
        for (int i = 0; i < 8; i++) R[i] = REGS.add("r" + i, Type.I32);
        for (int i = 0; i < 4; i++) D[i] = REGS.add("d" + i, Type.I64);
    }

    /** A lowering: given the emitter and the instruction's pc. */
    interface Lower extends BiConsumer<IrEmitter, Integer> { }

    private final List<Lower> program;

    private final ByteOrder order;

    ToyIsa(List<Lower> program) { this(program, ByteOrder.BIG_ENDIAN); }

    /** An ISA of {@code order}'s data byte order (instruction words are always fetched as given). */
    ToyIsa(List<Lower> program, ByteOrder order) { this.program = program; this.order = order; }

    @Override public String name() { return "toy"; }
    @Override public String description() { return "test ISA"; }
    @Override public int elfMachine() { return 0xffff; }
    @Override public ByteOrder byteOrder() { return order; }
    @Override public RegisterFile registers() { return REGS; }
    @Override public void initUserState(CpuState cpu, int entry, int sp) { cpu.pc = entry; }
    @Override public dynvm.spi.LinuxUserAbi linuxUser() { return this; }

    @Override
    public Decoder decoder() {
        return new Decoder() {
            @Override
            public int lower(int pc, int context, MemoryPort code, IrEmitter e) {
                int idx = code.load32(pc);
                e.insnStart(pc);
                program.get(idx).accept(e, pc);
                return 4;
            }

            @Override
            public String disassemble(int pc, int context, MemoryPort code) { return "toy " + code.load32(pc); }
        };
    }

    @Override
    public SyscallAbi syscalls() {
        return new SyscallAbi() {
            @Override public int number(CpuState cpu) { return cpu.r[0]; }
            @Override public int arg(CpuState cpu, int i) { return cpu.r[1 + i]; }
            @Override public void setResult(CpuState cpu, int value) { cpu.r[0] = value; }
            @Override public String name(int number) { return null; }
            @Override public void setThreadPointer(CpuState cpu, int value) { cpu.r[7] = value; }
            @Override public int threadPointer(CpuState cpu) { return cpu.r[7]; }
            @Override public String linuxArch() { return "ppc32"; }
        };
    }

    /** Words 0..n-1, i.e. each instruction slot runs the lowering of the same index. */
    int[] words() {
        int[] w = new int[program.size()];
        for (int i = 0; i < w.length; i++) w[i] = i;
        return w;
    }
}

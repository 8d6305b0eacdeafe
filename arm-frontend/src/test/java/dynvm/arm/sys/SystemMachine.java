package dynvm.arm.sys;

import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.cache.Translation;
import dynvm.ir.Terminal;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.sys.SystemCpu;
import dynvm.translator.exec.GuestMemoryPort;
import dynvm.translator.vm.Interpreter;

/**
 * A miniature system VM for tests: 1 MiB of flat memory at 0 (as with the MMU off), the ARM
 * interpreter decoding in the system context, and the loop the real VM runs around it: service
 * calls go to {@link SystemCpu#execute}, traps to {@link SystemCpu#trap}, and pending interrupts
 * are taken between instructions.
 */
final class SystemMachine {
    static final int RAM = 1 << 20;

    final ArmIsa isa = new ArmIsa();
    final GuestMemory mem = new GuestMemory(0, RAM);
    final MemoryPort port;
    final CpuState cpu = new CpuState(ArmRegs.FILE);
    final FakePlatform platform = new FakePlatform();
    final ArmSystemCpu sys;
    private final Interpreter interp;
    /** Outcome of the last service call, or -1. */
    int lastOutcome = -1;
    Terminal lastExit;

    SystemMachine() {
        mem.setFlags(0, RAM, 0, GuestMemory.UNMAPPED);
        port = new GuestMemoryPort(mem, false);
        cpu.mem = port;
        sys = (ArmSystemCpu) isa.systemModel().createCpu("cortex-a15", cpu, platform);
        interp = new Interpreter(isa, port, port);
    }

    /** Places A32 words at {@code addr}. */
    SystemMachine code(int addr, int... words) {
        for (int i = 0; i < words.length; i++) mem.store32le(addr + 4 * i, words[i]);
        return this;
    }

    /** Places Thumb halfwords at {@code addr}. */
    SystemMachine thumb(int addr, int... halfwords) {
        for (int i = 0; i < halfwords.length; i++) port.store16(addr + 2 * i, halfwords[i]);
        return this;
    }

    /** Executes one instruction as the VM would; returns the engine's exit code. */
    int step() {
        if (cpu.interrupt) {
            cpu.interrupt = false;
            sys.takeInterrupt();
        }
        lastOutcome = -1;
        int exit = interp.step(cpu);
        lastExit = interp.lastExit();
        if (exit == Translation.EXIT_SERVICE) {
            Terminal.ServiceCall sc = (Terminal.ServiceCall) lastExit;
            int[] args = java.util.Arrays.copyOf(cpu.serviceArgs, sc.args().length);
            lastOutcome = sys.execute(args, sc.nextPc());
        } else if (exit == Translation.EXIT_TRAP) {
            sys.trap((Terminal.Trap) lastExit);
        }
        return exit;
    }

    /** Executes {@code n} instructions. */
    SystemMachine steps(int n) {
        for (int i = 0; i < n; i++) step();
        return this;
    }

    int reg(int n) { return cpu.r[ArmRegs.slot(ArmRegs.R[n])]; }

    void reg(int n, int v) { cpu.r[ArmRegs.slot(ArmRegs.R[n])] = v; }

    int get(int reg) { return cpu.r[ArmRegs.slot(reg)]; }

    void set(int reg, int v) { cpu.r[ArmRegs.slot(reg)] = v; }
}

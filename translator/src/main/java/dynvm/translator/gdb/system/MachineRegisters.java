package dynvm.translator.gdb.system;

import dynvm.spi.CpuState;
import dynvm.spi.GdbTarget;
import dynvm.spi.sys.SystemCpu;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A machine's registers as gdb sees them: the ISA's {@link GdbTarget} registers in its numbering
 * (regnum 0..n-1), then the privileged registers its {@link SystemCpu#debugRegisters()} names, in
 * a feature of their own, {@code org.qemu.gdb.<architecture>.sys.regs}, as qemu-system names its
 * system-register feature. A privileged register named like a user one (the status register,
 * whose user view shows only the flags) is not repeated: the user register shows the privileged
 * value (mode bits included), as qemu-system does.
 *
 * <p>A write of a privileged register (the status register included) goes to {@link
 * SystemCpu#setDebugRegister}, which gives it the effects the guest's own write would have; one
 * the model refuses (read-only or unknown) is ignored, as is a write to a missing regnum.
 */
final class MachineRegisters implements GdbTarget {
    private final GdbTarget user;
    private final List<Register> registers;
    /** For each regnum: the debugRegisters() name it shows, or null for a plain user register. */
    private final String[] privileged;

    MachineRegisters(GdbTarget user, SystemCpu sys) {
        this.user = user;
        Map<String, Long> names = sys.debugRegisters();
        List<Register> l = new ArrayList<>(user.registers());
        List<String> priv = new ArrayList<>();
        for (Register r : l) priv.add(names.containsKey(r.name()) ? r.name() : null);
        String feature = "org.qemu.gdb." + user.architecture().replaceAll("[^A-Za-z0-9]", "") + ".sys.regs";
        for (String n : names.keySet()) {
            if (priv.contains(n)) continue;
            int bits = sys.debugRegisterBits(n);
            l.add(new Register(n, bits, bits == 64 ? "uint64" : "uint32", "system", feature));
            priv.add(n);
        }
        this.registers = List.copyOf(l);
        this.privileged = priv.toArray(new String[0]);
    }

    @Override public String architecture() { return user.architecture(); }
    @Override public List<Register> registers() { return registers; }

    /** Register {@code regnum} of a CPU whose privileged model is {@code sys}. */
    long read(CpuState cpu, SystemCpu sys, int regnum) {
        if (regnum < 0 || regnum >= registers.size()) return 0;
        String p = privileged[regnum];
        if (p == null) return user.read(cpu, regnum);
        Long v = sys.debugRegisters().get(p);
        return v == null ? 0 : v;
    }

    @Override public long read(CpuState cpu, int regnum) { return regnum < user.registers().size() ? user.read(cpu, regnum) : 0; }

    /** Writes register {@code regnum} of a CPU whose privileged model is {@code sys}. */
    void write(CpuState cpu, SystemCpu sys, int regnum, long value) {
        if (regnum < 0 || regnum >= registers.size()) return;
        String p = privileged[regnum];
        if (p == null) user.write(cpu, regnum, value);
        else if (!sys.setDebugRegister(p, value) && regnum < user.registers().size()) user.write(cpu, regnum, value);
    }

    /** The user registers only (this view has no privileged model): privileged extras are not written. */
    @Override
    public void write(CpuState cpu, int regnum, long value) {
        if (regnum < user.registers().size()) user.write(cpu, regnum, value);
    }

    /** The names and values of every register, for tests and monitor output. */
    Map<String, Long> snapshot(CpuState cpu, SystemCpu sys) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (int i = 0; i < registers.size(); i++) m.put(registers.get(i).name(), read(cpu, sys, i));
        return m;
    }
}

package dynvm.translator.vm;

import dynvm.spi.CpuState;
import dynvm.spi.RegisterFile;

/** How two CPU states differ, register by register: what lockstep and the conformance harness report. */
public final class RegisterDiff {
    private RegisterDiff() { }

    /** The registers whose values differ, as " name: 0xa vs 0xb" each; empty when all are equal. */
    public static String of(RegisterFile rf, CpuState a, CpuState b) {
        StringBuilder sb = new StringBuilder();
        for (RegisterFile.Reg r : rf.all()) {
            long x = rf.read(a, r.index()), y = rf.read(b, r.index());
            if (x != y) sb.append(String.format(" %s: 0x%x vs 0x%x", r.name(), x, y));
        }
        return sb.toString();
    }
}

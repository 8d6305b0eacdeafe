package dynvm.arm.sys;

import dynvm.arm.ArmRegs;
import dynvm.spi.CpuState;

/** ConditionPassed() on the flags of an exact CPU state (N, Z, C, V are 0/1 I32 registers). */
final class Conditions {
    private Conditions() { }

    static boolean passed(int cond, CpuState cpu) {
        int n = flag(cpu, ArmRegs.N), z = flag(cpu, ArmRegs.Z), c = flag(cpu, ArmRegs.C), v = flag(cpu, ArmRegs.V);
        boolean r = switch (cond >>> 1) {
            case 0 -> z == 1;
            case 1 -> c == 1;
            case 2 -> n == 1;
            case 3 -> v == 1;
            case 4 -> c == 1 && z == 0;
            case 5 -> n == v;
            case 6 -> n == v && z == 0;
            default -> true;
        };
        return (cond & 1) != 0 && cond != 15 ? !r : r;
    }

    private static int flag(CpuState cpu, int reg) { return cpu.r[ArmRegs.slot(reg)] != 0 ? 1 : 0; }
}

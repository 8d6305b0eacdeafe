package dynvm.arm.sys;

import static dynvm.arm.sys.ArmMode.BANK_FIQ;

import dynvm.arm.ArmRegs;
import dynvm.spi.CpuState;

/**
 * The banked copies of the core registers (ARM ARM B1.3.2): r13 and r14 per bank, r8-r12 twice
 * (FIQ and everyone else), one SPSR per exception mode. The IR register file always holds the
 * current mode's view; this class keeps the copies the current mode does not see and swaps them
 * on a mode change, so translated code never knows about banking.
 */
final class BankedRegisters {
    private final int[] sp = new int[ArmMode.BANKS], lr = new int[ArmMode.BANKS], spsr = new int[ArmMode.BANKS];
    /** r8-r12 of the bank that is not current: the User copy while in FIQ mode, the FIQ copy otherwise. */
    private final int[] usrHigh = new int[5], fiqHigh = new int[5];

    void reset() {
        java.util.Arrays.fill(sp, 0);
        java.util.Arrays.fill(lr, 0);
        java.util.Arrays.fill(spsr, 0);
        java.util.Arrays.fill(usrHigh, 0);
        java.util.Arrays.fill(fiqHigh, 0);
    }

    /** Swaps the visible registers of {@code cpu} from mode {@code from}'s view to mode {@code to}'s. */
    void switchMode(CpuState cpu, int from, int to) {
        int bf = ArmMode.bank(from), bt = ArmMode.bank(to);
        if (bf == bt) return;
        sp[bf] = get(cpu, 13);
        lr[bf] = get(cpu, 14);
        if (bf == BANK_FIQ) {            // leaving FIQ: r8-r12 go back to the shared copy
            for (int i = 0; i < 5; i++) { fiqHigh[i] = get(cpu, 8 + i); set(cpu, 8 + i, usrHigh[i]); }
        } else if (bt == BANK_FIQ) {
            for (int i = 0; i < 5; i++) { usrHigh[i] = get(cpu, 8 + i); set(cpu, 8 + i, fiqHigh[i]); }
        }
        set(cpu, 13, sp[bt]);
        set(cpu, 14, lr[bt]);
    }

    /** SPSR of exception mode {@code mode}. */
    int spsr(int mode) { return spsr[ArmMode.bank(mode)]; }

    void setSpsr(int mode, int value) { spsr[ArmMode.bank(mode)] = value; }

    /**
     * Register {@code n} (8..14) as mode {@code mode} sees it, while the CPU is in {@code current}:
     * from the IR registers when the two share it, else from the banked copy (MRS banked, LDM^).
     */
    int read(CpuState cpu, int current, int mode, int n) {
        if (shares(current, mode, n)) return get(cpu, n);
        if (n == 13) return sp[ArmMode.bank(mode)];
        if (n == 14) return lr[ArmMode.bank(mode)];
        return mode == ArmMode.FIQ ? fiqHigh[n - 8] : usrHigh[n - 8];
    }

    void write(CpuState cpu, int current, int mode, int n, int value) {
        if (shares(current, mode, n)) set(cpu, n, value);
        else if (n == 13) sp[ArmMode.bank(mode)] = value;
        else if (n == 14) lr[ArmMode.bank(mode)] = value;
        else if (mode == ArmMode.FIQ) fiqHigh[n - 8] = value;
        else usrHigh[n - 8] = value;
    }

    /** Do {@code a} and {@code b} see the same physical register {@code n}? */
    private static boolean shares(int a, int b, int n) {
        if (n < 8) return true;
        int ba = ArmMode.bank(a), bb = ArmMode.bank(b);
        if (n <= 12) return (ba == BANK_FIQ) == (bb == BANK_FIQ);
        return ba == bb;
    }

    static int get(CpuState cpu, int n) { return cpu.r[ArmRegs.slot(ArmRegs.R[n])]; }

    static void set(CpuState cpu, int n, int v) { cpu.r[ArmRegs.slot(ArmRegs.R[n])] = v; }

}

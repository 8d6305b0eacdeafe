package dynvm.arm;

import dynvm.ir.Type;
import dynvm.spi.RegisterFile;

/**
 * The ARM user register file as IR registers, shared by the A32 and Thumb front-ends.
 *
 * <p>r15 is not a register: a read of pc is a constant (pc+8 in ARM state, pc+4 in Thumb) and a
 * write ends the block. The CPSR is split so that flag updates stay independent: N, Z, C, V and Q
 * each hold 0 or 1, GE holds its four bits, T is the Thumb state bit (0/1; it is also the decoding
 * context). TPIDRURO is the user read-only thread register (the TLS pointer set by set_tls).
 * NEXT_PC is scratch for pc writes: a conditional instruction writes its target there inside the
 * guarded region, and the block then ends on it. EXCL_ADDR is the LDREX reservation (-1 = none).
 * ITSTATE is the Thumb IT state (the CPSR's IT[7:0]: base condition and mask, as the ARM ARM's
 * ITAdvance shifts it); it is also part of the decoding context.
 *
 * <p>VFP: D0..D31 are I64 registers holding the raw double bits (d16-d31 exist for the D32
 * models and sit after every older register, so the slots of a D16 state stay where they were); single Sn is the low (n even) or
 * high (n odd) half of D(n/2), as on the hardware. FPSCR is one I32 (NZCV, DN, FZ, RMode, the
 * cumulative exception bits).
 */
public final class ArmRegs {
    private ArmRegs() { }

    public static final RegisterFile FILE = new RegisterFile();
    private static final String[] CORE_NAMES = {"r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "r12", "sp", "lr", "pc"};

    /** The disassembly (UAL) name of core register {@code n}, 0..15: r0..r12, sp, lr, pc. */
    public static String coreName(int n) { return CORE_NAMES[n]; }
    /** r0..r14 (r13 = sp, r14 = lr). */
    public static final int[] R = new int[15];
    public static final int SP, LR;
    public static final int N, Z, C, V, Q, GE, T, TPIDRURO, NEXT_PC, EXCL_ADDR, ITSTATE, FPSCR;
    /** The value(s) LDREX loaded: STREX compare-and-sets against them (EXCL_VAL_HI: LDREXD's second word). */
    public static final int EXCL_VAL, EXCL_VAL_HI;
    /** The double registers d0..d31 (raw IEEE bits); a D16 model never names d16-d31. */
    public static final int[] D = new int[32];
    /**
     * System mode only (0 in user mode): bit 0 = the CPU runs under a system model (sensitive
     * instructions lower to SYSTEM service calls), bit 1 = VFP enabled (FPEXC.EN and CPACR grant
     * cp10/cp11), bit 2 = privileged (PL1), bit 3 = SCTLR.A (alignment checking). All are decode
     * context: the system CPU writes it, {@code ArmIsa.context} reads it.
     */
    public static final int SYSMODE;
    /** System mode only: TPIDRPRW, the PL1-only thread register (Linux's per-CPU offset), read inline at PL1. */
    public static final int TPIDRPRW;

    static {
        for (int i = 0; i < 15; i++) R[i] = FILE.add(i == 13 ? "sp" : i == 14 ? "lr" : "r" + i, Type.I32);
        SP = R[13];
        LR = R[14];
        N = FILE.add("n", Type.I32);
        Z = FILE.add("z", Type.I32);
        C = FILE.add("c", Type.I32);
        V = FILE.add("v", Type.I32);
        Q = FILE.add("q", Type.I32);
        GE = FILE.add("ge", Type.I32);
        T = FILE.add("t", Type.I32);
        TPIDRURO = FILE.add("tpidruro", Type.I32);
        NEXT_PC = FILE.add("next_pc", Type.I32);
        EXCL_ADDR = FILE.add("excl_addr", Type.I32);
        ITSTATE = FILE.add("itstate", Type.I32);
        FPSCR = FILE.add("fpscr", Type.I32);
        EXCL_VAL = FILE.add("excl_val", Type.I32);
        EXCL_VAL_HI = FILE.add("excl_val_hi", Type.I32);
        for (int i = 0; i < 16; i++) D[i] = FILE.add("d" + i, Type.I64);
        SYSMODE = FILE.add("sysmode", Type.I32);   // last, so every user-mode slot stays where it was
        TPIDRPRW = FILE.add("tpidrprw", Type.I32);
        for (int i = 16; i < 32; i++) D[i] = FILE.add("d" + i, Type.I64);
    }

    /** Slot of a register in CpuState.r (I32 registers) or CpuState.d (the D registers). */
    public static int slot(int reg) { return FILE.slot(reg); }
}

package dynvm.ppc;

import dynvm.ir.Type;
import dynvm.spi.RegisterFile;

/**
 * The PowerPC user register file as IR registers. CR is kept as eight 4-bit fields (LT=8, GT=4,
 * EQ=2, SO=1 within a field) so compares write one register and branches read one; XER is split
 * into SO, OV, CA (each 0/1) and the byte count, so flag updates stay independent. FPRs are I64
 * raw bits, so NaN payloads survive loads and stores exactly.
 */
public final class PpcRegs {
    private PpcRegs() { }

    public static final RegisterFile FILE = new RegisterFile();
    public static final int[] GPR = new int[32];
    public static final int[] FPR = new int[32];
    public static final int[] CR = new int[8];
    public static final int LR, CTR, XER_SO, XER_OV, XER_CA, XER_BC, FPSCR, RESV_ADDR, RESV_VAL;

    static {
        for (int i = 0; i < 32; i++) GPR[i] = FILE.add("r" + i, Type.I32);
        LR = FILE.add("lr", Type.I32);
        CTR = FILE.add("ctr", Type.I32);
        XER_SO = FILE.add("xer_so", Type.I32);
        XER_OV = FILE.add("xer_ov", Type.I32);
        XER_CA = FILE.add("xer_ca", Type.I32);
        XER_BC = FILE.add("xer_bc", Type.I32);
        for (int i = 0; i < 8; i++) CR[i] = FILE.add("cr" + i, Type.I32);
        FPSCR = FILE.add("fpscr", Type.I32);
        /** lwarx reservation: address (or -1 when none) and the value loaded. */
        RESV_ADDR = FILE.add("resv_addr", Type.I32);
        RESV_VAL = FILE.add("resv_val", Type.I32);
        for (int i = 0; i < 32; i++) FPR[i] = FILE.add("f" + i, Type.I64);
    }

    /** Slot of a register in CpuState.r (I32 registers) or CpuState.d (I64). */
    public static int slot(int reg) { return FILE.slot(reg); }
}

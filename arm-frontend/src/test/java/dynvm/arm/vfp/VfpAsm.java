package dynvm.arm.vfp;

import dynvm.arm.a32.A32Asm;

/**
 * A tiny VFP encoder for tests, laid out after the ARM ARM encoding diagrams (A7.5-A7.9; checked
 * against GNU as). Registers are numbers: singles 0-31, doubles 0-31 (16-31 only to build
 * UNDEFINED words). Every method gives the AL-condition word; {@link A32Asm#cond} changes it.
 */
final class VfpAsm {
    private VfpAsm() { }

    private static final int AL = 0xe0000000;

    /** Vd field and D bit for a register of either precision. */
    public static int d(boolean dp, int r) { return dp ? (r & 15) << 12 | (r >> 4) << 22 : (r >> 1) << 12 | (r & 1) << 22; }

    public static int n(boolean dp, int r) { return dp ? (r & 15) << 16 | (r >> 4) << 7 : (r >> 1) << 16 | (r & 1) << 7; }

    public static int m(boolean dp, int r) { return dp ? (r & 15) | (r >> 4) << 5 : (r >> 1) | (r & 1) << 5; }

    private static int sz(boolean dp) { return dp ? 1 << 8 : 0; }

    /** Three-register data processing: opc1 (bits 23:20 without D), op = bit 6. */
    private static int three(int opc1, int op, boolean dp, int vd, int vn, int vm) {
        return AL | 0x0e000a00 | opc1 << 20 | op << 6 | sz(dp) | d(dp, vd) | n(dp, vn) | m(dp, vm);
    }

    public static int vmla(boolean dp, int vd, int vn, int vm) { return three(0x0, 0, dp, vd, vn, vm); }
    public static int vmls(boolean dp, int vd, int vn, int vm) { return three(0x0, 1, dp, vd, vn, vm); }
    public static int vnmls(boolean dp, int vd, int vn, int vm) { return three(0x1, 0, dp, vd, vn, vm); }
    public static int vnmla(boolean dp, int vd, int vn, int vm) { return three(0x1, 1, dp, vd, vn, vm); }
    public static int vmul(boolean dp, int vd, int vn, int vm) { return three(0x2, 0, dp, vd, vn, vm); }
    public static int vnmul(boolean dp, int vd, int vn, int vm) { return three(0x2, 1, dp, vd, vn, vm); }
    public static int vadd(boolean dp, int vd, int vn, int vm) { return three(0x3, 0, dp, vd, vn, vm); }
    public static int vsub(boolean dp, int vd, int vn, int vm) { return three(0x3, 1, dp, vd, vn, vm); }
    public static int vdiv(boolean dp, int vd, int vn, int vm) { return three(0x8, 0, dp, vd, vn, vm); }
    /** VFMA (VFPv4): opc1 1D10, op 0 — UNDEFINED on VFPv3. */
    public static int vfma(boolean dp, int vd, int vn, int vm) { return three(0xa, 0, dp, vd, vn, vm); }

    /** Two-register forms in the opc1 = 1D11 space: opc2 (19:16), opc3 (7:6). */
    private static int two(int opc2, int opc3, boolean dp, int vd, boolean dpM, int vm) {
        return AL | 0x0eb00a00 | opc2 << 16 | opc3 << 6 | sz(dp) | d(dp, vd) | m(dpM, vm);
    }

    public static int vmovReg(boolean dp, int vd, int vm) { return two(0, 1, dp, vd, dp, vm); }
    public static int vabs(boolean dp, int vd, int vm) { return two(0, 3, dp, vd, dp, vm); }
    public static int vneg(boolean dp, int vd, int vm) { return two(1, 1, dp, vd, dp, vm); }
    public static int vsqrt(boolean dp, int vd, int vm) { return two(1, 3, dp, vd, dp, vm); }
    public static int vcmp(boolean dp, boolean e, int vd, int vm) { return two(4, e ? 3 : 1, dp, vd, dp, vm); }
    public static int vcmpZero(boolean dp, boolean e, int vd) { return two(5, e ? 3 : 1, dp, vd, dp, 0); }
    /** VCVT.F64.F32 Dd, Sm (toDouble) or VCVT.F32.F64 Sd, Dm. */
    public static int vcvtFloat(boolean toDouble, int vd, int vm) {
        return toDouble ? two(7, 3, false, 0, false, vm) | d(true, vd) : two(7, 3, true, 0, true, vm) & ~(1 << 22 | 0xf000) | d(false, vd);
    }
    /** VCVT.F32/F64.S32/U32 Vd, Sm. */
    public static int vcvtFromInt(boolean dp, boolean signed, int vd, int sm) { return two(8, signed ? 3 : 1, dp, vd, false, sm); }
    /** VCVT{R}.S32/U32.F32/F64 Sd, Vm (roundZero: the VCVT form, else VCVTR). */
    public static int vcvtToInt(boolean dp, boolean signed, boolean roundZero, int sd, int vm) {
        int w = two(signed ? 0xd : 0xc, roundZero ? 3 : 1, dp, 0, dp, vm);
        return w & ~(1 << 22 | 0xf000) | d(false, sd);
    }
    /** Fixed-point VCVT Vd, Vd, #fbits: toFixed, unsigned, size 16/32. */
    public static int vcvtFixed(boolean dp, boolean toFixed, boolean unsigned, int size, int vd, int fbits) {
        int imm5 = size - fbits;
        return AL | 0x0eba0a40 | (toFixed ? 1 << 18 : 0) | (unsigned ? 1 << 16 : 0) | sz(dp) | (size == 32 ? 1 << 7 : 0)
                | (imm5 & 1) << 5 | imm5 >> 1 | d(dp, vd);
    }
    /** VCVTB.F32.F16 (half precision) — UNDEFINED without the extension. */
    public static int vcvtb(int sd, int sm) { return two(2, 1, false, sd, false, sm); }

    /** VMOV.F32/F64 Vd, #imm8 (VFPExpandImm). */
    public static int vmovImm(boolean dp, int vd, int imm8) { return AL | 0x0eb00a00 | sz(dp) | d(dp, vd) | (imm8 >> 4) << 16 | imm8 & 15; }

    // ---- transfers
    public static int vmovToS(int sn, int rt) { return AL | 0x0e000a10 | n(false, sn) | rt << 12; }
    public static int vmovFromS(int rt, int sn) { return AL | 0x0e100a10 | n(false, sn) | rt << 12; }
    public static int vmsr(int rt) { return AL | 0x0ee10a10 | rt << 12; }
    public static int vmrs(int rt) { return AL | 0x0ef10a10 | rt << 12; }
    /** VMRS Rt, reg for another system register (reg: 0 FPSID, 6 MVFR1, 7 MVFR0, 8 FPEXC). */
    public static int vmrsReg(int reg, int rt) { return AL | 0x0ef00a10 | reg << 16 | rt << 12; }
    public static final int VMRS_APSR = AL | 0x0ef1fa10;
    public static int vmovToScalar(int dd, int x, int rt) { return AL | 0x0e000b10 | x << 21 | n(true, dd) | rt << 12; }
    public static int vmovFromScalar(int rt, int dn, int x) { return AL | 0x0e100b10 | x << 21 | n(true, dn) | rt << 12; }
    /** VMOV Sm, Sm+1, Rt, Rt2 (toCore false) or VMOV Rt, Rt2, Sm, Sm+1. */
    public static int vmovTwoS(boolean toCore, int sm, int rt, int rt2) { return AL | 0x0c400a10 | (toCore ? 1 << 20 : 0) | rt2 << 16 | rt << 12 | m(false, sm); }
    public static int vmovD(boolean toCore, int dm, int rt, int rt2) { return AL | 0x0c400b10 | (toCore ? 1 << 20 : 0) | rt2 << 16 | rt << 12 | m(true, dm); }

    // ---- loads and stores
    public static int vldr(boolean dp, int vd, int rn, int offset) { return ldst(true, dp, vd, rn, offset); }
    public static int vstr(boolean dp, int vd, int rn, int offset) { return ldst(false, dp, vd, rn, offset); }
    private static int ldst(boolean load, boolean dp, int vd, int rn, int offset) {
        return AL | 0x0d000a00 | (offset >= 0 ? 1 << 23 : 0) | (load ? 1 << 20 : 0) | rn << 16 | sz(dp) | d(dp, vd) | Math.abs(offset) / 4;
    }
    /** VLDM/VSTM: ia (P=0 U=1) or db (P=1 U=0 W=1); count registers from vd; imm8 given explicitly for FLDMX. */
    public static int vldm(boolean load, boolean ia, boolean wback, boolean dp, int rn, int vd, int imm8) {
        return AL | 0x0c000a00 | (ia ? 1 << 23 : 1 << 24) | (wback ? 1 << 21 : 0) | (load ? 1 << 20 : 0) | rn << 16 | sz(dp) | d(dp, vd) | imm8;
    }
    public static int vpush(boolean dp, int vd, int count) { return vldm(false, false, true, dp, 13, vd, dp ? 2 * count : count); }
    public static int vpop(boolean dp, int vd, int count) { return vldm(true, true, true, dp, 13, vd, dp ? 2 * count : count); }
}

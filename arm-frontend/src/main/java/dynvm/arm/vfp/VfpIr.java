package dynvm.arm.vfp;

import dynvm.arm.ArmRegs;
import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;

/**
 * IR access to the VFP registers: d0-d15 are I64 registers; single Sn is the low (n even) or high
 * (n odd) word of D(n/2), so writing a single merges it into its double. Also the calls of the
 * {@link VfpArith} helpers by name.
 */
final class VfpIr {
    private VfpIr() { }

    static int readD(IrEmitter e, int d) { return e.get(ArmRegs.D[d]); }

    static void writeD(IrEmitter e, int d, int v) { e.set(ArmRegs.D[d], v); }

    static int readS(IrEmitter e, int s) {
        int d = readD(e, s >> 1);
        return (s & 1) == 0 ? e.lo32(d) : e.hi32(d);
    }

    static void writeS(IrEmitter e, int s, int v) { writeHalf(e, s >> 1, s & 1, v); }

    /** Writes word {@code half} (0 = bits 31:0, 1 = bits 63:32) of D{@code d}. */
    static void writeHalf(IrEmitter e, int d, int half, int v) {
        int old = readD(e, d);
        int keep = e.and64(old, e.const64(half == 0 ? 0xffff_ffff_0000_0000L : 0x0000_0000_ffff_ffffL));
        int part = e.zext32to64(v);
        if (half == 1) part = e.shl64(part, e.const32(32));
        writeD(e, d, e.or64(keep, part));
    }

    /** Reads half {@code half} of D{@code d}. */
    static int readHalf(IrEmitter e, int d, int half) {
        int v = readD(e, d);
        return half == 0 ? e.lo32(v) : e.hi32(v);
    }

    /** Reads Sx or Dx by precision. */
    static int read(IrEmitter e, boolean dp, int reg) { return dp ? readD(e, reg) : readS(e, reg); }

    static void write(IrEmitter e, boolean dp, int reg, int v) {
        if (dp) writeD(e, reg, v);
        else writeS(e, reg, v);
    }

    /** FPNeg: flips the sign bit (no NaN processing, no flags). */
    static int neg(IrEmitter e, boolean dp, int v) {
        return dp ? e.xor64(v, e.const64(Long.MIN_VALUE)) : e.xor(v, e.const32(Integer.MIN_VALUE));
    }

    /** FPAbs: clears the sign bit. */
    static int abs(IrEmitter e, boolean dp, int v) {
        return dp ? e.and64(v, e.const64(Long.MAX_VALUE)) : e.and(v, e.const32(Integer.MAX_VALUE));
    }

    /** Calls the {@link VfpArith} helper {@code name} (the CPU state is passed implicitly). */
    static int call(IrEmitter e, String name, int... args) { return e.call(helper(name), args); }

    private static final java.util.Map<String, Helper> HELPERS = new java.util.concurrent.ConcurrentHashMap<>();

    static Helper helper(String name) { return HELPERS.computeIfAbsent(name, n -> Helper.of(VfpArith.class, n)); }
}

package dynvm.arm.neon;

import static dynvm.arm.neon.NeonFields.d;
import static dynvm.arm.neon.NeonFields.rm;
import static dynvm.arm.neon.NeonFields.rn;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmRegs;
import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * VLD2/VLD3/VLD4 and VST2/VST3/VST4 of a single structure to one lane, and VLD2/VLD3/VLD4 of a
 * single structure to all lanes (ARM ARM A7.7, A8.8.324-A8.8.339):
 * {@code 1111 0100 1 D L 0 Rn Vd size nn index_align Rm}, nn = structures - 1, size 11 being the
 * all-lanes form {@code 1111 0100 1 D 1 0 Rn Vd 11 nn size T a Rm}. Element n of the structure
 * goes to (comes from) register Vd + n * inc. Each element is its own access; a load reads every
 * element before it writes a register, so a fault leaves the registers as they were. Alignment
 * (the qualifier encoded in index_align or a) and post-increment by the structure size or Rm: as
 * VLD1 ({@link NeonLoadStore}).
 */
final class NeonLaneStructures {
    private NeonLaneStructures() { }

    private static final Helper CHECK = Helper.of(ArmAlignment.class, "checkAlignment");

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            boolean load = l == 1;
            for (int n = 2; n <= 4; n++) {
                int structs = n;
                for (int size = 0; size < 3; size++) {
                    int es = 8 << size;
                    r.add(NeonRow.of((load ? "vld" : "vst") + n + "." + es, 0xffb00f00, 0xf4800000 | l << 21 | size << 10 | (n - 1) << 8,
                            "lanes,[Rn]", w -> lane(w) != null, (e, w) -> transfer(e, w, load)));
                }
                if (load) r.add(NeonRow.of("vld" + n + ".all", 0xffb00f00, 0xf4a00c00 | (n - 1) << 8, "lanes,[Rn]",
                        w -> all(w) != null, (e, w) -> transfer(e, w, true)));
            }
        }
        return r;
    }

    /** A decoded form: structures, element bytes, lane index (-1: all lanes), register increment, alignment in bytes (0: none). */
    record Shape(int structs, int ebytes, int index, int inc, int align) { }

    /** The shape of a single-lane word, or null when UNDEFINED (or UNPREDICTABLE, treated so). */
    static Shape lane(int w) {
        int n = (w >>> 8 & 3) + 1, size = w >>> 10 & 3, ia = w >>> 4 & 15;
        if (size == 3 || n == 1 || rn(w) == 15) return null;
        int ebytes = 1 << size, index = ia >>> (size + 1), inc = 1, align = 0;
        if (size > 0 && (ia >>> size & 1) != 0) inc = 2;          // index_align<1> (16-bit) or <2> (32-bit)
        switch (n) {
            case 2 -> {
                if (size == 2 && (ia & 2) != 0) return null;
                if ((ia & 1) != 0) align = 2 * ebytes;
            }
            case 3 -> {
                if (size == 2 ? (ia & 3) != 0 : (ia & 1) != 0) return null;
            }
            default -> {
                if (size == 2) {
                    int a = ia & 3;
                    if (a == 3) return null;
                    align = a == 0 ? 0 : 4 << a;                      // 01: 64 bits, 10: 128 bits
                } else if ((ia & 1) != 0) align = 4 * ebytes;
            }
        }
        return d(w) + (n - 1) * inc > 31 ? null : new Shape(n, ebytes, index, inc, align);
    }

    /** The shape of an all-lanes word, or null when UNDEFINED. */
    static Shape all(int w) {
        int n = (w >>> 8 & 3) + 1, size = w >>> 6 & 3, a = w >>> 4 & 1, inc = 1 + (w >>> 5 & 1);
        if (n == 1 || rn(w) == 15) return null;
        int ebytes, align;
        switch (n) {
            case 2 -> {
                if (size == 3) return null;
                ebytes = 1 << size;
                align = a == 0 ? 0 : 2 * ebytes;
            }
            case 3 -> {
                if (size == 3 || a != 0) return null;
                ebytes = 1 << size;
                align = 0;
            }
            default -> {
                if (size == 3 && a == 0) return null;
                ebytes = size == 3 ? 4 : 1 << size;
                align = a == 0 ? 0 : size == 3 ? 16 : size == 2 ? 8 : 4 * ebytes;
            }
        }
        return d(w) + (n - 1) * inc > 31 ? null : new Shape(n, ebytes, -1, inc, align);
    }

    static Shape shape(int w) { return (w >>> 10 & 3) == 3 ? all(w) : lane(w); }

    private static void transfer(IrEmitter e, int w, boolean load) {
        Shape s = shape(w);
        int es = 8 * s.ebytes();
        int base = e.get(ArmRegs.R[rn(w)]);
        if (s.align() != 0) e.call(CHECK, base, e.const32(s.align() - 1), e.const32(load ? 0 : 1));
        long laneMask = s.index() < 0 ? 0 : (es == 32 ? 0xffff_ffffL : (1L << es) - 1) << s.index() * es;
        if (load) {
            int[] v = new int[s.structs()];
            for (int k = 0; k < v.length; k++) {
                int a = e.addImm(base, k * s.ebytes());
                v[k] = e.zext32to64(switch (es) {
                    case 8 -> e.load8(a);
                    case 16 -> e.load16(a);
                    default -> e.load32(a);
                });
            }
            for (int k = 0; k < v.length; k++) {
                int reg = d(w) + k * s.inc(), value;
                if (s.index() < 0) value = NeonIr.lanes(e, "dup", v[k], e.const32(es));
                else value = e.or64(e.and64(NeonIr.readD(e, reg), e.const64(~laneMask)), e.shl64(v[k], e.const32(s.index() * es)));
                NeonIr.writeD(e, reg, value);
            }
        } else {
            for (int k = 0; k < s.structs(); k++) {
                int a = e.addImm(base, k * s.ebytes());
                int v = e.lo32(e.shru64(NeonIr.readD(e, d(w) + k * s.inc()), e.const32(s.index() * es)));
                switch (es) {
                    case 8 -> e.store8(a, v);
                    case 16 -> e.store16(a, v);
                    default -> e.store32(a, v);
                }
            }
        }
        int m = rm(w);
        if (m != 15) e.set(ArmRegs.R[rn(w)], e.add(base, m == 13 ? e.const32(s.structs() * s.ebytes()) : e.get(ArmRegs.R[m])));
    }
}

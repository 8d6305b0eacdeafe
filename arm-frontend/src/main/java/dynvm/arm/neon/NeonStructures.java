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
 * VLD2/VLD3/VLD4 and VST2/VST3/VST4 of multiple structures (ARM ARM A7.7:
 * {@code 1111 0100 0 D L 0 Rn Vd type size align Rm}). The whole transfer (16 to 32 bytes) moves
 * as 64-bit accesses and the (de)interleave is a byte gather per register or memory doubleword
 * ({@link NeonLanes#permute}) whose indexes come from running the manual's element loop on byte
 * numbers at decode time. Alignment, post-increment: as VLD1 ({@link NeonLoadStore}). The
 * single-lane and all-lanes forms are {@link NeonLaneStructures}.
 */
final class NeonStructures {
    private NeonStructures() { }

    private static final Helper CHECK = Helper.of(ArmAlignment.class, "checkAlignment");

    /** type (bits 11:8) -> {structures, regs per structure, register increment}. */
    static int[] shape(int w) {
        return switch (w >>> 8 & 15) {
            case 8 -> new int[]{2, 1, 1};
            case 9 -> new int[]{2, 1, 2};
            case 3 -> new int[]{2, 2, 2};
            case 4 -> new int[]{3, 1, 1};
            case 5 -> new int[]{3, 1, 2};
            case 0 -> new int[]{4, 1, 1};
            case 1 -> new int[]{4, 1, 2};
            default -> null;
        };
    }

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            boolean load = l == 1;
            for (int n = 2; n <= 4; n++) {
                int structs = n;
                for (int size = 0; size < 3; size++) {
                    int es = 8 << size;
                    r.add(NeonRow.of((load ? "vld" : "vst") + n + "." + es, 0xffb000c0, 0xf4000000 | l << 21 | size << 6, "list,[Rn]",
                            w -> valid(w, structs), (e, w) -> transfer(e, w, load)));
                }
            }
        }
        return r;
    }

    private static boolean valid(int w, int structs) {
        int[] s = shape(w);
        if (s == null || s[0] != structs || rn(w) == 15) return false;
        int align = w >>> 4 & 3;
        if (structs == 2 && s[1] == 1 && align == 3) return false;
        if (structs == 3 && (align & 2) != 0) return false;
        return d(w) + (s[0] - 1) * s[2] + s[1] - 1 <= 31;
    }

    /** The alignment the qualifier asks for, in bytes (0: none); VLD3/VST3 know only 64 bits. */
    static int alignment(int w) {
        int a = w >>> 4 & 3;
        return a == 0 ? 0 : shape(w)[0] == 3 ? 8 : 4 << a;
    }

    /** The registers of the transfer (offsets from Vd) in list order, and for each of their bytes the memory offset. */
    static int[][] layout(int w) {
        int[] s = shape(w);
        int structs = s[0], regs = s[1], inc = s[2], eb = 1 << (w >>> 6 & 3), elems = 8 / eb;
        int count = structs * regs;
        int[] offsets = new int[count];
        int[][] mem = new int[count][8];
        int a = 0;
        for (int r = 0; r < regs; r++)
            for (int e = 0; e < elems; e++)
                for (int st = 0; st < structs; st++) {
                    int p = r * structs + st;
                    offsets[p] = st * inc + r;
                    for (int b = 0; b < eb; b++) mem[p][e * eb + b] = a + b;
                    a += eb;
                }
        int[][] out = new int[count + 1][];
        out[0] = offsets;
        System.arraycopy(mem, 0, out, 1, count);
        return out;
    }

    private static void transfer(IrEmitter e, int w, boolean load) {
        int[][] lay = layout(w);
        int[] offsets = lay[0];
        int count = offsets.length, bytes = 8 * count;
        int base = e.get(ArmRegs.R[rn(w)]);
        int align = w >>> 4 & 3;
        if (align != 0) {
            int mask = shape(w)[0] == 3 ? 7 : (4 << align) - 1;
            e.call(CHECK, base, e.const32(mask), e.const32(load ? 0 : 1));
        }
        int zero = e.const64(0);
        if (load) {
            int[] m = new int[4];
            for (int i = 0; i < 4; i++) m[i] = i < count ? e.load64(e.addImm(base, 8 * i)) : zero;
            int[] out = new int[count];
            for (int p = 0; p < count; p++) {
                long idx = 0;
                for (int b = 0; b < 8; b++) idx |= (long) lay[1 + p][b] << (8 * b);
                out[p] = NeonIr.lanes(e, "permute", m[0], m[1], m[2], m[3], e.const64(idx));
            }
            for (int p = 0; p < count; p++) NeonIr.writeD(e, d(w) + offsets[p], out[p]);
        } else {
            int[] regs = new int[4];
            for (int p = 0; p < 4; p++) regs[p] = p < count ? NeonIr.readD(e, d(w) + offsets[p]) : zero;
            int[] inverse = new int[bytes];
            for (int p = 0; p < count; p++) for (int b = 0; b < 8; b++) inverse[lay[1 + p][b]] = 8 * p + b;
            for (int q = 0; q < count; q++) {
                long idx = 0;
                for (int b = 0; b < 8; b++) idx |= (long) inverse[8 * q + b] << (8 * b);
                e.store64(e.addImm(base, 8 * q), NeonIr.lanes(e, "permute", regs[0], regs[1], regs[2], regs[3], e.const64(idx)));
            }
        }
        int m = rm(w);
        if (m != 15) e.set(ArmRegs.R[rn(w)], e.add(base, m == 13 ? e.const32(bytes) : e.get(ArmRegs.R[m])));
    }
}

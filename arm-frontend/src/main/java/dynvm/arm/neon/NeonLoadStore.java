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
 * Element and structure loads and stores (ARM ARM A7.7): {@code 1111 0100 A D L 0 Rn Vd ...}.
 * Here: VLD1/VST1 of multiple single elements (1 to 4 registers) and of a single lane, and VLD1
 * to all lanes. The guest is little-endian, so a whole D register loads as one 64-bit access
 * whatever the element size. An alignment qualifier that the address does not meet is an
 * alignment fault (SIGBUS in user mode, as Linux and qemu-arm give); without one, any address is
 * fine. Post-increment: Rm = 15 none, Rm = 13 by the transfer size, else by Rm.
 * VLD2-4/VST2-4: {@link NeonStructures} (multiple structures) and {@link NeonLaneStructures}.
 */
final class NeonLoadStore {
    private NeonLoadStore() { }

    private static final Helper CHECK = Helper.of(ArmAlignment.class, "checkAlignment");

    static List<NeonRow> rows() {
        List<NeonRow> r = new ArrayList<>();
        for (int l = 0; l < 2; l++) {
            boolean load = l == 1;
            String v = load ? "vld1." : "vst1.";
            // multiple: 1111 0100 0 D L 0 Rn Vd type size align Rm
            for (int size = 0; size < 4; size++) {
                int es = 8 << size;
                r.add(NeonRow.of(v + es, 0xffb000c0, 0xf4000000 | l << 21 | size << 6, "list,[Rn]",
                        w -> multipleRegs(w) > 0 && multipleOk(w), (e, w) -> multiple(e, w, load)));
            }
            // single lane: 1111 0100 1 D L 0 Rn Vd size 00 index_align Rm (size 11: all lanes, loads only)
            for (int size = 0; size < 3; size++) {
                int es = 8 << size;
                r.add(NeonRow.of(v + es, 0xffb00f00, 0xf4800000 | l << 21 | size << 10, "Dd[x],[Rn]",
                        w -> laneOk(w, es), (e, w) -> lane(e, w, load, es)));
            }
        }
        // VLD1 (all lanes): 1111 0100 1 D 1 0 Rn Vd 1100 size T a Rm
        r.add(NeonRow.of("vld1.all", 0xffb00f00, 0xf4a00c00, "list,[Rn]",
                w -> (w >>> 6 & 3) != 3 && !((w >>> 6 & 3) == 0 && (w >>> 4 & 1) != 0) && rn(w) != 15
                        && d(w) + (w >>> 5 & 1) < 32, NeonLoadStore::allLanes));
        return r;
    }

    /** Registers of a multiple-element VLD1/VST1 by type (bits 11:8), or 0 when the type is not VLD1's. */
    static int multipleRegs(int w) {
        return switch (w >>> 8 & 15) {
            case 7 -> 1;
            case 10 -> 2;
            case 6 -> 3;
            case 2 -> 4;
            default -> 0;
        };
    }

    private static boolean multipleOk(int w) {
        int regs = multipleRegs(w), align = w >>> 4 & 3;
        if ((regs == 1 || regs == 3) && (align & 2) != 0 || regs == 2 && align == 3) return false;
        return rn(w) != 15 && d(w) + regs <= 32;
    }

    private static void multiple(IrEmitter e, int w, boolean load) {
        int regs = multipleRegs(w), align = w >>> 4 & 3;
        int base = e.get(ArmRegs.R[rn(w)]);
        if (align != 0) check(e, base, (4 << align) - 1, !load);   // 64, 128, 256 bits
        for (int i = 0; i < regs; i++) {
            int a = e.addImm(base, 8 * i);
            if (load) NeonIr.writeD(e, d(w) + i, e.load64(a));
            else e.store64(a, NeonIr.readD(e, d(w) + i));
        }
        writeBack(e, w, base, 8 * regs);
    }

    /** The alignment an alignment qualifier asks for, in bytes (0: none), of a VLD1/VST1 word. */
    static int alignment(int w) {
        if ((w >>> 23 & 1) == 0) { int a = w >>> 4 & 3; return a == 0 ? 0 : 4 << a; }
        int size = w >>> 10 & 3, ia = w >>> 4 & 15;
        if (size == 3) return (w >>> 4 & 1) == 0 ? 0 : 1 << (w >>> 6 & 3);
        return size == 1 && (ia & 1) != 0 ? 2 : size == 2 && (ia & 3) != 0 ? 4 : 0;
    }

    private static boolean laneOk(int w, int es) {
        int ia = w >>> 4 & 15;
        if (rn(w) == 15) return false;
        return switch (es) {
            case 8 -> (ia & 1) == 0;
            case 16 -> (ia & 2) == 0;
            default -> (ia & 4) == 0 && ((ia & 3) == 0 || (ia & 3) == 3);
        };
    }

    private static void lane(IrEmitter e, int w, boolean load, int es) {
        int ia = w >>> 4 & 15;
        int index = ia >>> (es == 8 ? 1 : es == 16 ? 2 : 3);
        boolean aligned = es == 16 ? (ia & 1) != 0 : es == 32 && (ia & 3) != 0;
        int base = e.get(ArmRegs.R[rn(w)]);
        if (aligned) check(e, base, es / 8 - 1, !load);
        int shift = index * es;
        long laneMask = (es == 32 ? 0xffff_ffffL : (1L << es) - 1) << shift;
        int dr = d(w);
        if (load) {
            int v = switch (es) {
                case 8 -> e.load8(base);
                case 16 -> e.load16(base);
                default -> e.load32(base);
            };
            int part = e.shl64(e.zext32to64(v), e.const32(shift));
            NeonIr.writeD(e, dr, e.or64(e.and64(NeonIr.readD(e, dr), e.const64(~laneMask)), e.and64(part, e.const64(laneMask))));
        } else {
            int v = e.lo32(e.shru64(NeonIr.readD(e, dr), e.const32(shift)));
            switch (es) {
                case 8 -> e.store8(base, v);
                case 16 -> e.store16(base, v);
                default -> e.store32(base, v);
            }
        }
        writeBack(e, w, base, es / 8);
    }

    private static void allLanes(IrEmitter e, int w) {
        int es = 8 << (w >>> 6 & 3), regs = 1 + (w >>> 5 & 1);
        int base = e.get(ArmRegs.R[rn(w)]);
        if ((w >>> 4 & 1) != 0) check(e, base, es / 8 - 1, false);
        int v = switch (es) {
            case 8 -> e.load8(base);
            case 16 -> e.load16(base);
            default -> e.load32(base);
        };
        int r = NeonIr.lanes(e, "dup", e.zext32to64(v), e.const32(es));
        for (int i = 0; i < regs; i++) NeonIr.writeD(e, d(w) + i, r);
        writeBack(e, w, base, es / 8);
    }

    private static void check(IrEmitter e, int addr, int mask, boolean write) {
        e.call(CHECK, addr, e.const32(mask), e.const32(write ? 1 : 0));
    }

    private static void writeBack(IrEmitter e, int w, int base, int size) {
        int m = rm(w);
        if (m == 15) return;
        int step = m == 13 ? e.const32(size) : e.get(ArmRegs.R[m]);
        e.set(ArmRegs.R[rn(w)], e.add(base, step));
    }
}

package dynvm.arm.thumb;

import dynvm.arm.a32.A32Row;
import dynvm.arm.a32.A32Table;
import dynvm.arm.neon.Neon;
import dynvm.arm.vfp.Vfp;
import java.util.ArrayList;
import java.util.List;

/**
 * The 32-bit coprocessor space as user mode sees it (ARM ARM A6.3.18): VFP (coprocessors 10 and
 * 11) through the table {@link Vfp} shares with A32 (a Thumb-2 coprocessor instruction
 * {@code hw1 << 16 | hw2} with hw1[12] = 0 is the A32 encoding with condition 1110; a read of pc
 * gives pc + 4), and the CP15 registers user mode may touch: TPIDRURO (mrc p15, 0, Rt, c13, c0, 3)
 * and the ARMv6 barrier operations. Everything else in the space (other coprocessors, the
 * hw1[12] = 1 "2" forms, Advanced SIMD) is UNDEFINED: no row.
 */
final class Thumb32Coprocessor {
    private Thumb32Coprocessor() { }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        // LDC/STC/MCRR/MRRC (1110 110x) and CDP/MCR/MRC (1110 1110) with coproc 101x
        r.add(vfp(0xfe000e00, 0xec000a00));
        r.add(vfp(0xff000e00, 0xee000a00));
        // Advanced SIMD: data processing 111U 1111, element loads/stores 1111 1001 xxx0 (the A32 rows, Neon.fromThumb)
        r.add(neon(0xef000000, 0xef000000));
        r.add(neon(0xff100000, 0xf9000000));
        // same encoding as A32 with cond = 1110: the A32 row does the work (it never reads pc)
        r.add(a32("mrc", 0xffff0fff, 0xee1d0f70, "15,0,RT,cr13,cr0,{3}"));
        r.add(a32("mcr", 0xffff0fff, 0xee070fba, "15,0,RT,cr7,cr10,{5}"));
        r.add(a32("mcr", 0xffff0fff, 0xee070f9a, "15,0,RT,cr7,cr10,{4}"));
        r.add(a32("mcr", 0xffff0fff, 0xee070f95, "15,0,RT,cr7,cr5,{4}"));
        return r;
    }

    private static ThumbRow vfp(int mask, int match) {
        return ThumbRow.plain("vfp", mask, match, "VFP", (e, w, pc) -> {
            if (!Vfp.lower(e, w, pc + 4) && !Neon.lower(e, w))
                throw new IllegalStateException(String.format("VFP rejected 0x%08x it disassembles", w));
        }).definedWhen(w -> Vfp.disassemble(w, 0) != null || Neon.disassemble(w) != null);
    }

    /** Advanced SIMD rows are never conditional in themselves; inside an IT block they take its condition. */
    private static ThumbRow neon(int mask, int match) {
        return ThumbRow.plain("neon", mask, match, "NEON", (e, w, pc) -> {
            if (!Neon.lower(e, Neon.fromThumb(w))) throw new IllegalStateException(String.format("NEON rejected 0x%08x", w));
        }).definedWhen(w -> Neon.disassemble(Neon.fromThumb(w)) != null);
    }

    private static ThumbRow a32(String name, int mask, int match, String syntax) {
        A32Row row = A32Table.find(match);
        if (row == null) throw new IllegalStateException(String.format("no A32 row for 0x%08x", match));
        return ThumbRow.plain(name, mask, match, syntax, (e, w, pc) -> row.lower().lower(e, w, pc));
    }
}

package dynvm.arm.fuzz;

import dynvm.arm.ArmOps;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
import java.util.Random;
import java.util.Set;

/**
 * Advanced SIMD words for the fuzzers: {@code match | random operand bits} of a {@link NeonTable}
 * row, kept when the table defines them. Element loads and stores are based on a given register
 * (holding the middle of the scratch area) with Rm = 13 (post-increment by the transfer size) or 15
 * (none), so a later access may be unaligned for its qualifier and fault. Not drawn: VTRN/VUZP/VZIP
 * with Vd = Vm (UNPREDICTABLE: dynvm keeps the Dd result, qemu's outcome depends on the element
 * size), {@code :256} on multiple-structure forms (qemu 7.2 and Unicorn check at most 128-bit
 * alignment, their {@code pow2_align}), and transfers naming sp, pc or a reserved register.
 *
 * <p>For Unicorn ({@code strictAlignment} false) no alignment qualifier is drawn (see
 * {@link ArmOracleErrata}) and only the multiple-structure forms, whose transfer size is a multiple
 * of 8, post-increment: a lane form's increment of 1-6 bytes would leave the shared base register
 * unaligned for the A32/Thumb rows that need alignment (SWP, LDRD, LDM, ...), which Unicorn faults.
 */
final class NeonFuzzCases {
    private NeonFuzzCases() { }

    static boolean isMemory(NeonRow row) { return (row.match() & 0xff000000) == 0xf4000000; }

    /** The core-register transfers (VMOV scalar, VDUP core): conditional, in coprocessor space. */
    static boolean isTransfer(NeonRow row) { return (row.match() & 0xf0000000) == 0; }

    /**
     * A defined A32 word of {@code row} (a transfer with a random condition unless {@code thumb},
     * which wants condition 1110); {@code d32}: any of d0-d31, else d0-d15 only.
     */
    static int word(NeonRow row, Random rnd, Set<Integer> reserved, int base, boolean d32, boolean thumb) {
        return word(row, rnd, reserved, base, d32, thumb, true);
    }

    /** As above; {@code strictAlignment} false: for Unicorn (see the class comment). */
    static int word(NeonRow row, Random rnd, Set<Integer> reserved, int base, boolean d32, boolean thumb, boolean strictAlignment) {
        int regs = d32 ? 32 : 16;
        for (int tries = 0; tries < 100_000; tries++) {
            int w = row.match() | rnd.nextInt() & ~row.mask();
            if (isTransfer(row)) {
                w = w & 0x0fffffff | (thumb || rnd.nextBoolean() ? ArmOps.AL : rnd.nextInt(14)) << 28;
                if (!d32) w &= ~(1 << 7);
                int rt = w >>> 12 & 15;
                if (rt == 13 || rt == 15 || reserved.contains(rt)) continue;
            } else if (isMemory(row)) {
                boolean multiple = (w & 1 << 23) == 0;
                w = w & ~0xf_000f | base << 16 | (rnd.nextBoolean() && (strictAlignment || multiple) ? 13 : 15);
                if (!strictAlignment) {
                    boolean allLanes = !multiple && (w >>> 10 & 3) == 3;
                    int size = w >>> 10 & 3, lanes = w >>> 8 & 3;
                    // multiple: align<1:0> (5:4); lanes: a (4); one lane: index_align<0>, and <1> for VLD1/VLD4 .32
                    w &= multiple ? ~0x30 : allLanes ? ~0x10 : size == 2 && (lanes == 0 || lanes == 3) ? ~0x30 : ~0x10;
                }
                if (!d32) w &= ~(1 << 22);
                int d = (w >>> 12 & 15) | (w >>> 18 & 16);
                if (d + 8 > regs) continue;                              // up to four registers, every other one
                if ((w & 0x00800030) == 0x00000030) w &= ~0x10;        // multiple forms: :256 -> :128
            } else {
                boolean byScalar = (row.match() & 0xfe800050) == 0xf2800040;   // there M is the scalar's index
                if (!d32) {
                    w &= ~(1 << 22 | (byScalar ? 0 : 1 << 5));
                    // bit 7 is N where a Dn/Qn is named (L or opcode elsewhere)
                    if (row.syntax().contains("Qn") || row.syntax().contains("Dn") || row.syntax().contains("tbl")) w &= ~(1 << 7);
                }
                if (row.syntax().contains("tbl") && ((w >>> 16 & 15) | (w >>> 3 & 16)) + (w >>> 8 & 3) >= regs) continue;
                if (row.name().matches("vtrn|vuzp|vzip") && ((w >>> 12 & 15) | (w >>> 18 & 16)) == ((w & 15) | (w >>> 1 & 16))) continue;
            }
            if (NeonTable.find(w) == row) return w;
        }
        throw new IllegalStateException("no valid word for " + row.name());
    }

    /** The Thumb-2 encoding ({@code hw1 << 16 | hw2}) of an A32 Advanced SIMD word (the inverse of {@code Neon.fromThumb}). */
    static int toThumb(int a32) {
        if ((a32 & 0xfe000000) == 0xf2000000) return 0xef000000 | (a32 >>> 24 & 1) << 28 | a32 & 0x00ffffff;
        if ((a32 & 0xff100000) == 0xf4000000) return 0xf9000000 | a32 & 0x00ffffff;
        return a32 & 0x0fffffff | 0xe0000000;                            // a transfer: condition 1110
    }

    /** Random bits, or lanes near the saturation edges (0, 1, 0x7f.., 0x80.., all ones). */
    static long laneValue(Random rnd) {
        if (rnd.nextBoolean()) return rnd.nextLong();
        long[] edges = {0, 1, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fff_ffffL, 0x8000_0000L, 0xffff_ffffL};
        int es = 8 << rnd.nextInt(3);
        long v = 0;
        for (int i = 0; i < 64; i += es) v |= (edges[rnd.nextInt(edges.length)] & ((1L << es) - 1)) << i;
        return v;
    }

    /** A D register's initial value: a double, packed singles or integer lanes. */
    static long dValue(Random rnd) { return rnd.nextInt(3) == 0 ? VfpFuzzCases.doubleValue(rnd) : laneValue(rnd); }
}

package dynvm.arm.fuzz;

import dynvm.arm.ArmOps;
import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.vfp.VfpFields;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import dynvm.arm.vfp.VfpTransfer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random VFP cases for VfpQemuDifferentialTest, and the VFP words and values of the Unicorn
 * fuzzer's A32 and Thumb cases ({@link ArmFuzzTarget}): an initial state (r0-r12, r14, NZCVQ, 256
 * scratch bytes, d0-d15, FPSCR) plus 1-4 A32 words drawn from the {@link VfpTable} rows as
 * {@code match | (random & operand bits)}, kept only when the table defines them (so no d16-d31
 * unless asked for a D32 model, no UNPREDICTABLE register choices). The binary record is {@code struct fuzz_case} of
 * {@code harness/insn_fuzz.c} built with {@code -DVFP} (little-endian, 496 bytes).
 *
 * <p>Values: doubles and single pairs from a list of edges (±0, ±Inf, quiet and signalling NaNs
 * with payloads, denormals, the smallest and largest normals, 1.0, ±2^31 and ±2^32 edges, 0.5
 * steps, powers of two) mixed with random bits. FPSCR: random NZCV, RMode, FZ and DN, the
 * cumulative bits clear or random. FPSCR never gets QC, AHP, Len, Stride or trap-enable bits
 * (RAZ/WI here, kept by qemu's cortex-a9, which also has short vectors): the VMSR of a case is its
 * first instruction and its source register holds such a clean value.
 *
 * <p>Memory forms use base {@link #BASE} (the Unicorn fuzzer's Thumb cases: r7) = the middle of the
 * scratch area and offsets that stay inside it; no other instruction of such a case names that
 * register as a core operand.
 */
final class VfpFuzzCases {
    private VfpFuzzCases() { }

    static final int MAX_INSNS = 4, STATE_BYTES = 456, CASE_BYTES = 496, SCRATCH_BYTES = 256;
    static final int SCRATCH = ArmInsnFuzzCases.SCRATCH, SCRATCH_MID = ArmInsnFuzzCases.SCRATCH_MID;
    static final int BASE = 11, SP = 13, PC = 15;
    /** FPSCR bits a case may set: NZCV, DN, FZ, RMode, IDC, IXC, UFC, OFC, DZC, IOC. */
    static final int FPSCR_BITS = VfpTransfer.FPSCR_WRITABLE;

    record State(int[] r, int cpsr, byte[] mem, long[] d, int fpscr) {
        void write(ByteBuffer b) {
            for (int i = 0; i < 15; i++) b.putInt(r[i]);
            b.putInt(cpsr).put(mem);
            for (long x : d) b.putLong(x);
            b.putInt(fpscr).putInt(0);
        }

        static State read(ByteBuffer b) { return read(b, 16); }

        /** A state of the harness variant with {@code dregs} D registers (16, or 32 for {@code insn_fuzz_neon}). */
        static State read(ByteBuffer b, int dregs) {
            int[] r = new int[15];
            for (int i = 0; i < 15; i++) r[i] = b.getInt();
            int cpsr = b.getInt();
            byte[] m = new byte[SCRATCH_BYTES];
            b.get(m);
            long[] d = new long[dregs];
            for (int i = 0; i < dregs; i++) d[i] = b.getLong();
            int fpscr = b.getInt();
            b.getInt();
            return new State(r, cpsr, m, d, fpscr);
        }
    }

    record Case(State init, int[] insns, VfpRow[] rows) {
        void write(ByteBuffer b) {
            init.write(b);
            b.putInt(0).putInt(insns.length);
            for (int i = 0; i < 8; i++) b.putInt(i < insns.length ? insns[i] : 0);
        }
    }

    static ByteBuffer buffer(int cases) { return ByteBuffer.allocate(cases * CASE_BYTES).order(ByteOrder.LITTLE_ENDIAN); }

    // ---- words

    static boolean isMemory(VfpRow row) { return row.syntax().contains("mem") || row.syntax().contains("list"); }

    static boolean isVmsr(VfpRow row) { return row.name().equals("vmsr"); }

    /** Operand bits the row's syntax names (SBZ bits stay 0). */
    static int operandBits(VfpRow row) {
        int m = 0;
        for (String f : row.syntax().split(",")) {
            m |= switch (f) {
                case "Sd", "Dd" -> 0x0040_f000;
                case "Sn", "Dn" -> 0x000f_0080;
                case "Dn[x]" -> 0x002f_0080;
                case "Sm", "Dm", "Sm1" -> 0x2f;
                case "Rt" -> 0xf000;
                case "Rt2" -> 0xf_0000;
                case "Rn!" -> 0x002f_0000;
                case "list" -> 0x0040_f0ff;
                case "mem" -> 0x008f_00ff;
                case "#vimm" -> 0x000f_000f;
                case "#fbits" -> 0x2f;
                default -> 0;
            };
        }
        return m;
    }

    /** Core registers the word names (not the memory base). */
    static List<Integer> coreRegs(VfpRow row, int w) {
        List<Integer> r = new ArrayList<>();
        for (String f : row.syntax().split(",")) {
            if (f.equals("Rt")) r.add(VfpFields.rt(w));
            if (f.equals("Rt2")) r.add(VfpFields.rt2(w));
        }
        return r;
    }

    /**
     * Puts a memory form's base at {@code base} and keeps the accessed bytes inside the scratch
     * area; a list of doubles ends by d15, or by d31 when {@code dregs} is 32.
     */
    static int memory(VfpRow row, int w, Random rnd, int base, int dregs) {
        w = w & ~0xf_0000 | base << 16;
        if (row.syntax().contains("mem")) return w & ~0xff | rnd.nextInt(30);   // up to 116 bytes either way, + 8
        // at most 128 bytes from the middle: 32 singles or 16 doubles (FLDMX: imm8 up to 31)
        int imm8 = w & 0xff;
        if (!VfpFields.dp(w)) imm8 = 1 + rnd.nextInt(Math.min(32, 32 - VfpFields.sd(w)));
        else if ((row.match() & 1) != 0) imm8 = 2 * (1 + rnd.nextInt(Math.min(15, dregs - VfpFields.dd(w)))) + 1;
        else imm8 = 2 * (1 + rnd.nextInt(Math.min(16, dregs - VfpFields.dd(w))));
        return w & ~0xff | imm8;
    }

    static int word(VfpRow row, Random rnd, Set<Integer> reserved) { return word(row, rnd, reserved, BASE, false); }

    /**
     * A word of {@code row}: memory forms based on register {@code base}; {@code thumb}: condition
     * 1110, as the Thumb-2 encoding ({@code hw1 << 16 | hw2}) has it (IT blocks make it conditional).
     */
    static int word(VfpRow row, Random rnd, Set<Integer> reserved, int base, boolean thumb) {
        return word(row, rnd, reserved, base, thumb, false);
    }

    /** As above; {@code d32}: any form may name d16-d31 (VLDR/VSTR/VLDM/VSTM too). */
    static int word(VfpRow row, Random rnd, Set<Integer> reserved, int base, boolean thumb, boolean d32) {
        int free = operandBits(row) & ~row.mask();
        for (int tries = 0; tries < 100_000; tries++) {
            int w = row.match() | rnd.nextInt() & free;
            w |= (thumb || rnd.nextBoolean() ? ArmOps.AL : rnd.nextInt(14)) << 28;
            if (isMemory(row)) {
                if (VfpFields.dp(w) && !d32) w &= ~(1 << 22);        // d0-d15
                w = memory(row, w, rnd, base, d32 ? 32 : 16);
            }
            if (VfpTable.find(w) != row || !d32 && row.namesHighRegister(w)) continue;
            boolean ok = true;
            for (int r : coreRegs(row, w)) ok &= r != SP && r != PC && !reserved.contains(r);
            if (ok) return w;
        }
        throw new IllegalStateException("no valid word for " + row.name() + " " + row.syntax());
    }

    // ---- values

    private static final long[] DOUBLES = {
        0L, 0x8000_0000_0000_0000L, 0x3ff0_0000_0000_0000L, 0xbff0_0000_0000_0000L, 0x7ff0_0000_0000_0000L, 0xfff0_0000_0000_0000L,
        0x7ff8_0000_0000_0000L, 0xfff8_0000_0000_0001L, 0x7ff0_0000_0000_0001L, 0xfff4_0000_dead_beefL, 0x7ffc_1234_5678_9abcL,
        0x0000_0000_0000_0001L, 0x800f_ffff_ffff_ffffL, 0x0008_0000_0000_0000L, 0x0010_0000_0000_0000L, 0x8010_0000_0000_0001L,
        0x7fef_ffff_ffff_ffffL, 0xffef_ffff_ffff_ffffL, 0x41e0_0000_0000_0000L /* 2^31 */, 0xc1e0_0000_0000_0000L /* -2^31 */,
        0x41df_ffff_ffc0_0000L /* 2^31-1 */, 0x41ef_ffff_ffe0_0000L /* 2^32-1 */, 0x41f0_0000_0000_0000L /* 2^32 */,
        0xc1e0_0000_0020_0000L /* -2^31-1 */, 0x3fe0_0000_0000_0000L /* 0.5 */, 0xbfe0_0000_0000_0000L /* -0.5 */,
        0x3ff8_0000_0000_0000L /* 1.5 */, 0x4004_0000_0000_0000L /* 2.5 */, 0xc004_0000_0000_0000L, 0x3fb9_9999_9999_999aL /* 0.1 */,
        0x4000_0000_0000_0000L, 0x3ca0_0000_0000_0000L /* 2^-53 */, 0x4340_0000_0000_0000L /* 2^53 */, 0x3800_0000_0000_0000L /* 2^-127 */,
        0x36a0_0000_0000_0000L /* 2^-149 */, 0x47ef_ffff_e000_0000L /* FLT_MAX */, 0x47ef_ffff_f000_0000L /* FLT_MAX + half ulp */,
        0x3810_0000_0000_0000L /* FLT_MIN */, 0x380f_ffff_f000_0000L, 0x40e0_0000_0000_0000L /* 32768 */, 0x40ef_ffe0_0000_0000L /* 65535 */,
    };

    private static final int[] SINGLES = {
        0, 0x8000_0000, 0x3f80_0000, 0xbf80_0000, 0x7f80_0000, 0xff80_0000, 0x7fc0_0000, 0xffc0_0001, 0x7f80_0001, 0xffa0_beef,
        0x7fe1_2345, 0x0000_0001, 0x807f_ffff, 0x0040_0000, 0x0080_0000, 0x8080_0001, 0x7f7f_ffff, 0xff7f_ffff, 0x4f00_0000 /* 2^31 */,
        0xcf00_0000, 0x4f80_0000 /* 2^32 */, 0x4f7f_ffff, 0x3f00_0000, 0xbf00_0000, 0x3fc0_0000, 0x4020_0000, 0xc020_0000,
        0x3dcc_cccd, 0x4000_0000, 0x3380_0000 /* 2^-24 */, 0x4b80_0000 /* 2^24 */, 0x4700_0000 /* 32768 */, 0x477f_ff00 /* 65535 */,
        0x0080_0001, 0x00ff_ffff, 0x3f7f_ffff, 0x3f80_0001,
    };

    static long doubleValue(Random rnd) {
        return switch (rnd.nextInt(6)) {
            case 0, 1 -> DOUBLES[rnd.nextInt(DOUBLES.length)];
            case 2 -> (long) singleValue(rnd) << 32 | singleValue(rnd) & 0xffff_ffffL;
            case 3 -> Double.doubleToRawLongBits(Math.scalb((double) (rnd.nextInt(2001) - 1000), rnd.nextInt(40) - 20));
            case 4 -> (long) (0x3f0 + rnd.nextInt(32) | rnd.nextInt(2) << 11) << 52 | rnd.nextLong() >>> 12;   // near 1.0
            default -> rnd.nextLong();
        };
    }

    static int singleValue(Random rnd) {
        return switch (rnd.nextInt(5)) {
            case 0, 1 -> SINGLES[rnd.nextInt(SINGLES.length)];
            case 2 -> Float.floatToRawIntBits(Math.scalb((float) (rnd.nextInt(2001) - 1000), rnd.nextInt(20) - 10));
            case 3 -> (0x70 + rnd.nextInt(32) | rnd.nextInt(2) << 8) << 23 | rnd.nextInt() >>> 9;
            default -> rnd.nextInt();
        };
    }

    /** Fills {@code m} (a multiple of 8 bytes) with little-endian {@link #doubleValue}s. */
    static void fillDoubles(byte[] m, Random rnd) {
        for (int i = 0; i < m.length; i += 8) ByteBuffer.wrap(m, i, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(doubleValue(rnd));
    }

    static int fpscrValue(Random rnd) {
        int v = rnd.nextInt() & 0xf3c0_0000;                               // NZCV, DN, FZ, RMode
        if (rnd.nextInt(3) == 0) v &= ~0x0300_0000;                        // often neither FZ nor DN
        if (rnd.nextBoolean()) v |= rnd.nextInt() & 0x9f;                  // cumulative bits set or clear
        return v;
    }

    // ---- cases

    /** The rows of cortex-a9, the VFPv3-D16 model (what qemu's cortex-a9 and the Unicorn fuzzers compare without -cpu). */
    static List<VfpRow> rows() { return rows(dynvm.arm.ArmCpuModel.CORTEX_A9); }

    /** The rows {@code model} has (words are drawn from d0-d15 whatever the model: the harness saves 16). */
    static List<VfpRow> rows(dynvm.arm.ArmCpuModel model) {
        return VfpTable.ROWS.stream().filter(r -> dynvm.arm.ArmFeatureGate.vfp(model, r, r.match())).toList();
    }

    static Case next(Random rnd, List<VfpRow> rows) {
        int n = 1 + rnd.nextInt(MAX_INSNS);
        VfpRow[] used = new VfpRow[n];
        boolean mem = false;
        for (int i = 0; i < n; i++) {
            VfpRow row;
            do row = rows.get(rnd.nextInt(rows.size())); while (isVmsr(row) && i > 0);
            used[i] = row;
            mem |= isMemory(row);
        }
        Set<Integer> reserved = mem ? Set.of(BASE) : Set.of();
        int[] insns = new int[n];
        for (int i = 0; i < n; i++) insns[i] = word(used[i], rnd, reserved);
        int[] r = new int[15];
        for (int i = 0; i < 15; i++) r[i] = i == SP ? 0 : rnd.nextInt(3) == 0 ? singleValue(rnd) : ArmInsnFuzzCases.intValue(rnd);
        if (mem) r[BASE] = SCRATCH_MID;
        if (isVmsr(used[0])) r[VfpFields.rt(insns[0])] = fpscrValue(rnd);
        byte[] m = new byte[SCRATCH_BYTES];
        fillDoubles(m, rnd);
        long[] d = new long[16];
        for (int i = 0; i < 16; i++) d[i] = doubleValue(rnd);
        return new Case(new State(r, rnd.nextInt() & ArmInsnFuzzCases.NZCVQ, m, d, fpscrValue(rnd)), insns, used);
    }

    static String listing(Case c) {
        StringBuilder sb = new StringBuilder();
        int pc = ArmInsnFuzzCases.CODE;
        for (int i = 0; i < c.insns().length; i++, pc += 4)
            sb.append(String.format("    %08x: %08x  %-36s (%s %s)%n", pc, c.insns()[i], A32Disassembler.format(c.insns()[i], pc),
                    c.rows()[i].name(), c.rows()[i].syntax()));
        return sb.toString();
    }

    /** Distinct row names, for the report. */
    static int distinctNames(List<VfpRow> rows) {
        Set<String> s = new HashSet<>();
        for (VfpRow r : rows) s.add(r.name());
        return s.size();
    }
}

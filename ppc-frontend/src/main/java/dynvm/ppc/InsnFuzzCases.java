package dynvm.ppc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random straight-line cases for QemuDifferentialTest and the Unicorn fuzzer ({@link PpcFuzzTarget}): a register state plus 1-8 words,
 * each drawn from a {@link PpcTable} row as {@code match | (random & operandBits & ~mask)}, and
 * the binary record format of {@code src/test/guest/src/insn_fuzz.c} (big-endian).
 */
final class InsnFuzzCases {
    private InsnFuzzCases() { }

    static final int MAX_WORDS = 8, STATE_BYTES = 408, CASE_BYTES = 448;

    /** Every register the harness captures. */
    record State(long[] fpr, int[] gpr, int cr, int xer, int ctr, int lr, int fpscr) {
        void write(ByteBuffer b) {
            for (long f : fpr) b.putLong(f);
            for (int g : gpr) b.putInt(g);
            b.putInt(cr).putInt(xer).putInt(ctr).putInt(lr).putInt(fpscr).putInt(0);
        }

        static State read(ByteBuffer b) {
            long[] f = new long[32];
            int[] g = new int[32];
            for (int i = 0; i < 32; i++) f[i] = b.getLong();
            for (int i = 0; i < 32; i++) g[i] = b.getInt();
            State s = new State(f, g, b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt());
            b.getInt();
            return s;
        }
    }

    /** One case: the initial state and the words; {@code rows} name the table rows they came from. */
    record Case(State init, int[] words, PpcRow[] rows) {
        void write(ByteBuffer b) {
            init.write(b);
            b.putInt(words.length);
            for (int i = 0; i < MAX_WORDS; i++) b.putInt(i < words.length ? words[i] : 0);
            b.putInt(0);
        }
    }

    /**
     * Rows left out, each with its reason. Everything else in the table is generated. Memory,
     * branches, system and trap instructions need an environment the harness does not model.
     */
    static final Map<String, String> EXCLUDED = new LinkedHashMap<>();

    private static void exclude(String reason, String... names) {
        for (String n : names) EXCLUDED.put(n, reason);
    }

    static {
        exclude("branch: leaves the harness's code buffer", "b", "bl", "ba", "bla", "bc", "bcl", "bca", "bcla",
                "bclr", "bclrl", "bcctr", "bcctrl");
        exclude("memory access: random addresses fault", "lbz", "lbzu", "lhz", "lhzu", "lha", "lhau", "lwz", "lwzu",
                "stb", "stbu", "sth", "sthu", "stw", "stwu", "lmw", "stmw", "lfs", "lfsu", "lfd", "lfdu", "stfs", "stfsu",
                "stfd", "stfdu", "lbzx", "lbzux", "lhzx", "lhzux", "lhax", "lhaux", "lwzx", "lwzux", "stbx", "stbux",
                "sthx", "sthux", "stwx", "stwux", "lhbrx", "lwbrx", "sthbrx", "stwbrx", "lswi", "stswi", "lswx", "stswx",
                "lfsx", "lfsux", "lfdx", "lfdux", "stfsx", "stfsux", "stfdx", "stfdux", "stfiwx",
                "dcbf", "dcbst", "dcbt", "dcbtst", "dcba", "dcbz", "icbi");
        exclude("reservation: needs a valid address", "lwarx", "stwcx.");
        exclude("system call", "sc");
        exclude("trap: kills the harness", "tw", "twi");
        exclude("supervisor-only: SIGILL in user mode everywhere", "mfmsr", "mtmsr", "mfsr", "mfsrin", "mtsr",
                "mtsrin", "tlbie", "tlbsync", "tlbia", "dcbi", "rfi");
        exclude("synchronisation: no register effect", "sync", "eieio", "isync");
        exclude("time base: differs between runs", "mftb");
        exclude("ISA 3.0 mffs form: qemu 7.2 raises SIGILL on pre-3.0 CPUs (see guest README)", "mffsce",
                "mffscdrn", "mffscdrni", "mffscrn", "mffscrni", "mffsl");
    }

    /**
     * Rows whose result the manual leaves partly undefined (see QemuDifferentialTest#undefinedByManual):
     * only generated as a case's last word, so no later word reads the undefined bits.
     */
    static final Set<String> LAST_ONLY = Set.of("fctiw", "fctiw.", "fctiwz", "fctiwz.", "mffs", "mffs.",
            "fres", "fres.", "frsqrte", "frsqrte.");

    /** Rows that write the FPSCR control bits (rounding mode, enables) from operands. */
    static final Set<String> FPSCR_WRITERS = Set.of("mtfsf", "mtfsf.", "mtfsfi", "mtfsfi.", "mtfsb0", "mtfsb0.",
            "mtfsb1", "mtfsb1.");

    /**
     * fnmadd, fnmsub and their single forms round and then negate (Book I 4.6.5.2: "the result is
     * rounded ... and then negated"); qemu's softfloat negates first, which differs under the
     * directed rounding modes. So they are generated only in cases that keep a rounding mode that
     * commutes with negation: RN 0 (nearest) or 1 (toward zero), no FPSCR writers.
     */
    static boolean negatedMultiplyAdd(String name) { return name.startsWith("fnmadd") || name.startsWith("fnmsub"); }

    static List<PpcRow> candidates() {
        List<PpcRow> r = new ArrayList<>();
        for (PpcRow row : PpcTable.ROWS) if (!EXCLUDED.containsKey(row.name())) r.add(row);
        return r;
    }

    /** IBM bits {@code from..to} as a mask. */
    static int bits(int from, int to) { return FloatingPoint.field(from, to); }

    /**
     * Operand bits the row's syntax names; all other bits outside the row's mask are reserved and
     * stay 0 (qemu raises SIGILL for reserved bits; real programs never set them). L and W of
     * mtfsf/mtfsfi are ISA 2.05 additions, reserved on the 750.
     */
    static int operandBits(PpcRow row) {
        int m = 0;
        for (String f : row.syntax().split(",")) {
            m |= switch (f) {
                case "RT", "RS", "FRT", "FRS", "BT", "BO", "TO" -> bits(6, 10);
                case "BF" -> bits(6, 8);
                case "RA", "FRA", "BA", "BI" -> bits(11, 15);
                case "BFA" -> bits(11, 13);
                case "RB", "FRB", "BB", "SH", "NB" -> bits(16, 20);
                case "D(RA)" -> bits(11, 31);
                case "FRC", "MB" -> bits(21, 25);
                case "ME" -> bits(26, 30);
                case "SI", "UI" -> bits(16, 31);
                case "SPR" -> bits(11, 20);
                case "FXM" -> bits(12, 19);
                case "FLM" -> bits(7, 14);
                case "U" -> bits(16, 19);
                case "L", "W", "" -> 0;
                default -> throw new IllegalArgumentException("field " + f + " of " + row.name());
            };
        }
        return m;
    }

    /** True when the word names r1 (the harness's stack pointer) in any GPR field. */
    static boolean namesR1(PpcRow row, int w) {
        String s = "," + row.syntax() + ",";
        if ((s.contains(",RT,") || s.contains(",RS,")) && ((w >>> 21) & 31) == 1) return true;
        if (s.contains(",RA,") && ((w >>> 16) & 31) == 1) return true;
        return s.contains(",RB,") && ((w >>> 11) & 31) == 1;
    }

    /** One random word of the row. */
    static int word(PpcRow row, Random rnd) {
        int free = operandBits(row) & ~row.mask();
        for (;;) {
            int w = row.match() | (rnd.nextInt() & free);
            if (row.name().equals("mfspr")) w = (w & ~bits(11, 20)) | (pick(rnd, 1, 8, 9) << 16);    // XER, LR, CTR
            if (row.name().equals("mtspr")) w = (w & ~bits(11, 20)) | (pick(rnd, 1, 9) << 16);       // not LR: the return
            w = noExceptionEnables(row.name(), w, rnd);
            if (!namesR1(row, w)) return w;
        }
    }

    /** True when {@code w}, a word of {@code row}, is {@code name} (mfspr or mtspr) of XER. */
    static boolean isXerSpr(PpcRow row, String name, int w) {
        return row.name().equals(name) && (w & bits(11, 20)) == 1 << 16;
    }

    /**
     * True when an earlier word of the case is mtxer. XER bits 3-24 are reserved (Book I 3.2.2):
     * dynvm, like the 750, reads them as 0; qemu keeps what mtxer wrote and mfxer returns it. The
     * final XER is compared without them, but a GPR that mfxer filled would carry them on, so a
     * case never reads XER back with mfspr after writing it with mtspr (FixedPointTest covers that
     * round trip for the defined bits).
     */
    static boolean movedToXer(List<Integer> words, List<PpcRow> rows) {
        for (int i = 0; i < words.size(); i++) if (isXerSpr(rows.get(i), "mtspr", words.get(i))) return true;
        return false;
    }

    private static int pick(Random rnd, int... values) { return values[rnd.nextInt(values.length)]; }

    /**
     * Keeps the FP exception enables (VE OE UE ZE XE, FPSCR bits 24-28) and NI (29) off: qemu-user
     * runs with MSR[FE0,FE1] set and raises SIGFPE for an enabled exception, where Linux's default
     * (PR_FP_EXC_DISABLED) ignores it. mtfsf keeps fields 0-5 only, mtfsfi sets only RN in field 7.
     */
    /**
     * mtfsb1 sets only status and rounding bits (FR, FI, FPRF, RN): qemu 7.2 does not set FX when
     * mtfsb1 turns an exception bit on, and its record form copies CR1 before the update; the
     * manual (mtfsb1, "Special Registers Altered: FX") says both happen.
     */
    static final int[] MTFSB1_BITS = {13, 14, 15, 16, 17, 18, 19, 30, 31};

    static int noExceptionEnables(String name, int w, Random rnd) {
        if (name.startsWith("mtfsb1")) return (w & ~bits(6, 10)) | (pick(rnd, MTFSB1_BITS) << 21);
        if (name.startsWith("mtfsfi")) {
            int bf = (w >>> 23) & 7;
            if (bf == 6) return w & ~bits(16, 19);
            if (bf == 7) return w & ~bits(16, 17);
        }
        if (name.startsWith("mtfsf") && !name.startsWith("mtfsfi")) return w & ~bits(13, 14);
        return w;
    }

    static Case next(Random rnd, List<PpcRow> rows) { return next(rnd, rows, 1 + rnd.nextInt(MAX_WORDS)); }

    /** A case of exactly {@code n} words. */
    static Case next(Random rnd, List<PpcRow> rows, int n) { return next(rnd, rows, n, false); }

    /**
     * A case of {@code n} instructions drawn from {@code rows}. With {@code memory}, a memory row
     * becomes its setup words plus itself ({@link MemoryFuzzCases}: the access lands in the
     * fuzzer's data page) and XER[BC] is the byte count the string forms drew.
     */
    static Case next(Random rnd, List<PpcRow> rows, int n, boolean memory) {
        boolean symmetricRounding = rnd.nextBoolean();
        List<Integer> words = new ArrayList<>(n);
        List<PpcRow> used = new ArrayList<>(n);
        MemoryFuzzCases.CaseMemory m = memory ? new MemoryFuzzCases.CaseMemory() : null;
        for (int i = 0; i < n; i++) {
            PpcRow row;
            do row = rows.get(rnd.nextInt(rows.size()));
            while ((i < n - 1 && (LAST_ONLY.contains(row.name()) || m != null && UNICORN_LAST_ONLY.contains(row.name())))
                    || (symmetricRounding ? FPSCR_WRITERS.contains(row.name()) : negatedMultiplyAdd(row.name())));
            int w = word(row, rnd);
            if (isXerSpr(row, "mfspr", w) && movedToXer(words, used))
                w = (w & ~bits(11, 20)) | (pick(rnd, 8, 9) << 16);   // see movedToXer
            if (m != null && UNICORN_LAST_ONLY.contains(row.name())) w = apartFromOperands(w, rnd);
            if (m != null && MemoryFuzzCases.isMemory(row)) {
                MemoryFuzzCases.add(row, w, rnd, m, words, used);
            } else {
                if (m != null && SINGLE_OPERANDS.contains(row.name().replace(".", ""))) roundOperands(row, w, words, used);
                words.add(w);
                used.add(row);
            }
        }
        State s = state(rnd);
        if (symmetricRounding) s = new State(s.fpr(), s.gpr(), s.cr(), s.xer(), s.ctr(), s.lr(), s.fpscr() & ~2);
        if (m != null && m.byteCount != 0)
            s = new State(s.fpr(), s.gpr(), s.cr(), (s.xer() & ~0x7f) | m.byteCount, s.ctr(), s.lr(), s.fpscr());
        return new Case(s, words.stream().mapToInt(Integer::intValue).toArray(), used.toArray(new PpcRow[0]));
    }

    /**
     * Single-precision arithmetic: Book I 4.3.5.1 (and the 750 manual, 2.2.3) requires every
     * operand to be representable in single format, results and status otherwise undefined
     * (Unicorn 2.0.1 rounds such results twice, through double, dynvm and qemu 7.2 once).
     * fres takes a double operand. The Unicorn target rounds the operands with frsp first.
     */
    static final Set<String> SINGLE_OPERANDS = Set.of("fadds", "fsubs", "fmuls", "fdivs", "fsqrts", "fmadds", "fmsubs",
            "fnmadds", "fnmsubs");

    /**
     * Single-precision multiply-adds in the Unicorn target: Unicorn 2.0.1 may round their result
     * twice (PpcOracleErrata#roundedTwice), so they come last, with FRT apart from FRA, FRB and
     * FRC, and the errata see the operands in the final state.
     */
    static final Set<String> UNICORN_LAST_ONLY = Set.of("fmadds", "fmadds.", "fmsubs", "fmsubs.", "fnmadds", "fnmadds.",
            "fnmsubs", "fnmsubs.");

    /** The A-form word with an FRT none of its operand fields names. */
    static int apartFromOperands(int w, Random rnd) {
        for (;;) {
            int t = (w >>> 21) & 31;
            if (t != ((w >>> 16) & 31) && t != ((w >>> 11) & 31) && t != ((w >>> 6) & 31)) return w;
            w = (w & ~bits(6, 10)) | rnd.nextInt(32) << 21;
        }
    }

    private static final PpcRow FRSP = PpcTable.ROWS.stream().filter(r -> r.name().equals("frsp")).findFirst().orElseThrow();

    /** {@code frsp fX,fX} for each FPR operand of {@code w}. */
    private static void roundOperands(PpcRow row, int w, List<Integer> words, List<PpcRow> used) {
        int done = 0;
        for (String f : row.syntax().split(",")) {
            int reg = switch (f) {
                case "FRA" -> (w >>> 16) & 31;
                case "FRB" -> (w >>> 11) & 31;
                case "FRC" -> (w >>> 6) & 31;
                default -> -1;
            };
            if (reg < 0 || (done & 1 << reg) != 0) continue;
            done |= 1 << reg;
            words.add(FRSP.match() | reg << 21 | reg << 11);
            used.add(FRSP);
        }
    }

    static State state(Random rnd) {
        long[] f = new long[32];
        int[] g = new int[32];
        boolean singles = rnd.nextBoolean(); // operands of single-precision ops should be singles
        for (int i = 0; i < 32; i++) f[i] = fpValue(rnd, singles);
        for (int i = 0; i < 32; i++) g[i] = intValue(rnd);
        int xer = (rnd.nextInt(8) << 29) | (rnd.nextInt(4) == 0 ? rnd.nextInt(128) : 0);
        int fpscr = rnd.nextInt(4);                                      // RN
        if (rnd.nextInt(4) == 0) fpscr |= rnd.nextInt() & 0x9ffff700;    // sticky and status bits, not FEX/VX/enables/NI
        if ((fpscr & Fpscr.VX_ALL) != 0) fpscr |= Fpscr.VX;                // the summary, as mtfsf computes it
        if ((fpscr & Fpscr.EXCEPTIONS) != 0) fpscr |= Fpscr.FX;            // as any instruction raising them left it
        return new State(f, g, rnd.nextInt(), xer, intValue(rnd), 0, fpscr);
    }

    private static final int[] INTS = {0, 1, -1, 2, 0x80000000, 0x7fffffff, 0x80000001, 0x7ffffffe, 0xffff, 0x8000,
            0x7fff, 0xffff8000, 0xffff0000, 0x10000, 31, 32, 33, 63, 0xaaaaaaaa, 0x55555555};

    static int intValue(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> INTS[rnd.nextInt(INTS.length)];
            case 1 -> rnd.nextInt(33) - 16;
            case 2 -> 1 << rnd.nextInt(32);
            default -> rnd.nextInt();
        };
    }

    private static final double[] DOUBLES = {0.0, -0.0, 1.0, -1.0, 0.5, 1.5, 2.5, -2.5, 3.0, 0.1, 1.0 / 3,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL,
            Double.MIN_VALUE, -Double.MIN_VALUE, 0x0.fffffffffffffp-1022, 2147483647.0, 2147483647.5, 2147483648.0,
            -2147483648.0, -2147483648.5, -2147483649.0, 4294967296.0, 1e300, 1e-300, 0x1p-1074 * 3,
            Float.MAX_VALUE, Float.MIN_NORMAL, Float.MIN_VALUE, 0x1.ffffffp127, 0x1p-150, 0x1.8p-149};
    private static final long[] NANS = {0x7ff8000000000000L, 0xfff8000000000000L, 0x7ff0000000000001L,
            0xfff4000000000000L, 0x7ff8000000000abcL, 0x7ff00000deadbeefL, 0xffffffffffffffffL};

    static long fpValue(Random rnd, boolean singles) {
        long bits = switch (rnd.nextInt(8)) {
            case 0, 1 -> Double.doubleToRawLongBits(DOUBLES[rnd.nextInt(DOUBLES.length)]);
            case 2 -> NANS[rnd.nextInt(NANS.length)];
            case 3 -> Double.doubleToRawLongBits(rnd.nextInt(41) - 20);
            case 4 -> Double.doubleToRawLongBits(Float.intBitsToFloat(rnd.nextInt()));
            case 5 -> Double.doubleToRawLongBits((rnd.nextDouble() - 0.5) * Math.pow(2, rnd.nextInt(80) - 40));
            default -> rnd.nextLong();
        };
        if (!singles) return bits;
        double d = Double.longBitsToDouble(bits);
        return Double.isNaN(d) ? bits & 0xffffffffe0000000L : Double.doubleToRawLongBits((double) (float) d);
    }

    /** The words as assembly, one per line, with their row names. */
    static String listing(int[] words, PpcRow[] rows) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.length; i++)
            sb.append(String.format("    %08x  %-32s (%s)%n", words[i], PpcDecoder.disassemble(words[i], 4 * i), rows[i].name()));
        return sb.toString();
    }

    static String hex(int[] a) { return Arrays.toString(Arrays.stream(a).mapToObj(Integer::toHexString).toArray()); }

    /** The initial values of the registers the words name (GPR and FPR fields), for mismatch reports; no line end. */
    static String initialOperands(Case c) {
        StringBuilder sb = new StringBuilder("    initial");
        State s = c.init();
        java.util.TreeSet<Integer> gprs = new java.util.TreeSet<>(), fprs = new java.util.TreeSet<>();
        for (int i = 0; i < c.words().length; i++) {
            int w = c.words()[i];
            for (String f : c.rows()[i].syntax().split(",")) {
                switch (f) {
                    case "RT", "RS" -> gprs.add((w >>> 21) & 31);
                    case "RA", "D(RA)" -> gprs.add((w >>> 16) & 31);
                    case "RB" -> gprs.add((w >>> 11) & 31);
                    case "FRT", "FRS" -> fprs.add((w >>> 21) & 31);
                    case "FRA" -> fprs.add((w >>> 16) & 31);
                    case "FRB" -> fprs.add((w >>> 11) & 31);
                    case "FRC" -> fprs.add((w >>> 6) & 31);
                    default -> { }
                }
            }
        }
        for (int r : gprs) sb.append(String.format(" r%d=%08x", r, s.gpr()[r]));
        for (int r : fprs) sb.append(String.format(" f%d=%016x", r, s.fpr()[r]));
        return sb.toString();
    }
}

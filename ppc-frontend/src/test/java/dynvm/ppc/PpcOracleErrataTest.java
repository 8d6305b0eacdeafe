package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.spi.FuzzTarget;
import dynvm.translator.fuzz.EngineOracle;
import dynvm.translator.fuzz.Oracle;
import dynvm.translator.fuzz.Unicorn;
import dynvm.translator.fuzz.UnicornOracle;
import java.io.File;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each oracle erratum the Unicorn fuzzer masks ({@link PpcOracleErrata#RULES}) that is about
 * guest-visible semantics, shown on a concrete witness: the same words and initial state under
 * dynvm (the manual's result), Unicorn 2.0.1 and qemu-ppc 7.2 (qemu-user, through the
 * {@code insn_fuzz} harness of QemuDifferentialTest). On the erratum's bits Unicorn must differ
 * from dynvm, and qemu-user must agree with dynvm, unless the witness says that qemu-user shares
 * the error (then it must differ from dynvm too: the rule's text is the manual's).
 * Skipped without libunicorn2 or qemu-ppc.
 */
class PpcOracleErrataTest {
    /** What qemu-ppc 7.2 does on the witness. */
    enum Qemu { AGREES_WITH_MANUAL, SHARES_ERROR }

    /**
     * @param field compared field (PpcFuzzTarget numbering); {@code bits} the bits the erratum is about
     * @param fpr   initial FPRs as pairs of register number and bits
     */
    record Witness(String rule, Qemu qemu, int field, long bits, int fpscr, long[] fpr, int... words) { }

    private static final int FPSCR = PpcFuzzTarget.F_FPSCR;

    private static int f(int n) { return PpcFuzzTarget.F_FPR + n; }

    private static long d(double v) { return Double.doubleToRawLongBits(v); }

    private static final long PINF = d(Double.POSITIVE_INFINITY), SNAN = 0x7ff0_0000_c000_0000L;

    /** A-form word: opcode, FRT, FRA, FRB, FRC, XO (5 bits), Rc. */
    private static int a(int op, int t, int ra, int rb, int rc, int xo) { return op << 26 | t << 21 | ra << 16 | rb << 11 | rc << 6 | xo << 1; }

    /** X-form word of opcode 63. */
    private static int x63(int t, int ra, int rb, int xo) { return 63 << 26 | t << 21 | ra << 16 | rb << 11 | xo << 1; }

    static final List<Witness> WITNESSES = List.of(
            // mtfsfi 3,2: field 3 (VXVC FR FI C) = 0b0010, FI = 1
            new Witness("mtfsfi sets FI (Book I 4.6.10); Unicorn clears it", Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.FI,
                    0, new long[0], 63 << 26 | 3 << 23 | 2 << 12 | 134 << 1),
            // mtfsf with FLM field 3 from f1 = FI
            new Witness("mtfsf sets FI (Book I 4.6.10); Unicorn clears it", Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.FI,
                    0, new long[]{1, Fpscr.FI}, 63 << 26 | (1 << (7 - 3)) << 17 | 1 << 11 | 711 << 1),
            // mtfsb1 14: FI
            new Witness("mtfsb1 sets FI (Book I 4.6.10); Unicorn clears it", Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.FI,
                    0, new long[0], 63 << 26 | 14 << 21 | 38 << 1),
            // mtfsfi 5,8: field 5's first bit is the reserved bit 20
            new Witness("FPSCR bit 20 reserved, reads 0 (Book I 4.2.2); Unicorn keeps what mtfsfi wrote",
                    Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.RESERVED, 0, new long[0], 63 << 26 | 5 << 23 | 8 << 12 | 134 << 1),
            new Witness("fctiw of a value >= 2^31 gives 0x7FFFFFFF (Book I 4.6.7); Unicorn 0x80000000",
                    Qemu.AGREES_WITH_MANUAL, f(2), 0xffff_ffffL, 0, new long[]{1, d(3e9)}, x63(2, 0, 1, 14)),
            new Witness("fctiwz of a value >= 2^31 gives 0x7FFFFFFF (Book I 4.6.7); Unicorn 0x80000000",
                    Qemu.AGREES_WITH_MANUAL, f(2), 0xffff_ffffL, 0, new long[]{1, PINF}, x63(2, 0, 1, 15)),
            new Witness("fctiw clears FI when exact (Book I 4.6.7); Unicorn leaves it", Qemu.AGREES_WITH_MANUAL, FPSCR,
                    Fpscr.FI, Fpscr.FI, new long[]{1, d(1.0)}, x63(2, 0, 1, 14)),
            // fmadd f3 = f1 * f2 + f4 = inf * 0 + inf
            new Witness("inf*0 + inf sets VXIMZ, not VXISI (Book I 4.4.1); Unicorn sets both", Qemu.AGREES_WITH_MANUAL,
                    FPSCR, Fpscr.VXISI, 0, new long[]{1, PINF, 2, 0, 4, d(Double.NEGATIVE_INFINITY)}, a(63, 3, 1, 4, 2, 29)),
            new Witness("SNaN*inf + -inf sets VXSNAN, not VXISI (Book I 4.4.1); Unicorn sets both",
                    Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.VXISI, 0,
                    new long[]{1, SNAN, 2, PINF, 4, d(Double.NEGATIVE_INFINITY)}, a(63, 3, 1, 4, 2, 29)),
            // (qemu 7.2 returns 0.5 here, a qemu-user erratum QemuDifferentialTest masks; Unicorn's +inf is right)
            new Witness("fres(+0) = +inf with ZX (Book I fres); Unicorn: +inf without ZX", Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.ZX, 0, new long[]{1, 0}, a(59, 2, 0, 1, 0, 24)),
            // fmadds f6 = f25 * f26 + f10, singles whose exact result needs more than 53 bits
            new Witness("fmadds rounds once (Book I 4.6.5.2); Unicorn rounds to double, then single (last bit)",
                    Qemu.AGREES_WITH_MANUAL, f(6), -1L, 0,
                    new long[]{25, 0xc004_0000_0000_0000L, 26, 0x42b6_0168_4000_0000L, 10, 0xbf1d_f9e5_2000_0000L},
                    a(59, 6, 25, 10, 26, 29)),
            new Witness("fmadds with a tiny inexact single result sets UX (Book I 4.4.4); Unicorn: exact after its double rounding",
                    Qemu.AGREES_WITH_MANUAL, FPSCR, Fpscr.UX, 0,
                    new long[]{12, 0xb8f1_f09e_6000_0000L, 15, 0x36a0_0000_0000_0000L}, a(59, 24, 12, 15, 12, 29)),
            // shared with qemu-user 7.2 (QemuDifferentialTest masks them too)
            new Witness("FR set when rounding incremented the fraction (Book I 4.2.2); QEMU never updates it",
                    Qemu.SHARES_ERROR, FPSCR, Fpscr.FR, 0, new long[]{1, d(1.0), 2, d(10.0)}, a(63, 3, 1, 2, 0, 18)),
            new Witness("fcmpu alters only FPCC, FX, VXSNAN, VXVC (Book I 4.6.8); QEMU clears FI", Qemu.SHARES_ERROR,
                    FPSCR, Fpscr.FI, Fpscr.FI, new long[]{1, d(1.0), 2, d(2.0)}, 63 << 26 | 1 << 16 | 2 << 11),
            new Witness("FX set on a 0-to-1 exception change only (Book I 4.2.2); QEMU sets it on every exception",
                    Qemu.SHARES_ERROR, FPSCR, Fpscr.FX, Fpscr.XX, new long[]{1, d(1.0), 2, d(10.0)}, a(63, 3, 1, 2, 0, 18)),
            new Witness("single-precision denormal result classed denormal, C=1 (Book I 4.3); QEMU classes it as a double",
                    Qemu.SHARES_ERROR, FPSCR, 0x1_0000, 0, new long[]{1, d(0x1p-140), 2, d(0.5)}, a(59, 3, 1, 0, 2, 25)));

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    private static InsnFuzzCases.Case insnCase(Witness w) {
        long[] fpr = new long[32];
        int[] gpr = new int[32];
        for (int i = 0; i < w.fpr().length; i += 2) fpr[(int) w.fpr()[i]] = w.fpr()[i + 1];
        PpcRow[] rows = new PpcRow[w.words().length];
        for (int i = 0; i < rows.length; i++) rows[i] = PpcTable.find(w.words()[i]);
        return new InsnFuzzCases.Case(new InsnFuzzCases.State(fpr, gpr, 0, 0, 0, 0, w.fpscr()), w.words(), rows);
    }

    /** The field of a harness state, in PpcFuzzTarget's numbering (FPRs and FPSCR). */
    private static long field(InsnFuzzCases.State s, int field) {
        return field == FPSCR ? s.fpscr() & 0xffffffffL : s.fpr()[field - PpcFuzzTarget.F_FPR];
    }

    @Test
    void witnessesShowEachErratumAndQemuUser() throws Exception {
        String why = Unicorn.unavailable();
        assumeTrue(why == null, "Unicorn not available, errata witnesses skipped: " + why);
        assumeTrue(onPath("qemu-ppc"), "qemu-ppc not installed (Debian package qemu-user): errata witnesses skipped");
        PpcFuzzTarget t = new PpcFuzzTarget();
        List<InsnFuzzCases.Case> cases = new ArrayList<>();
        ByteBuffer file = ByteBuffer.allocate(WITNESSES.size() * InsnFuzzCases.CASE_BYTES);
        for (Witness w : WITNESSES) {
            InsnFuzzCases.Case c = insnCase(w);
            cases.add(c);
            c.write(file);
        }
        Path dir = Files.createTempDirectory("errata");
        Path caseFile = dir.resolve("cases.bin");
        Files.write(caseFile, file.array());
        List<QemuDifferentialTest.Outcome> qemu;
        try {
            qemu = QemuDifferentialTest.runAll(cases.size(), first -> QemuDifferentialTest.qemu(caseFile, first));
        } finally {
            Files.deleteIfExists(caseFile);
            Files.deleteIfExists(dir);
        }
        StringBuilder report = new StringBuilder();
        try (EngineOracle dynvm = new EngineOracle(t, false); UnicornOracle uc = new UnicornOracle(t)) {
            for (int i = 0; i < WITNESSES.size(); i++) {
                Witness w = WITNESSES.get(i);
                FuzzTarget.Case c = t.fuzzCase(cases.get(i), 0, new byte[FuzzTarget.DATA_SIZE]);
                Oracle.Outcome ours = dynvm.run(c), u = uc.run(c);
                assertEquals("end", u.stop(), w.rule());
                assertTrue(qemu.get(i).state() != null, w.rule() + ": the harness died under qemu-ppc");
                long m = w.bits(), dv = ours.fields()[w.field()] & m, uv = u.fields()[w.field()] & m;
                long qv = field(qemu.get(i).state(), w.field()) & m;
                report.append(String.format("%-100s dynvm %x unicorn %x qemu %x%n", w.rule(), dv, uv, qv));
                assertNotEquals(dv, uv, "Unicorn no longer shows the erratum: " + w.rule());
                if (w.qemu() == Qemu.AGREES_WITH_MANUAL) assertEquals(dv, qv, "qemu-ppc differs from the manual: " + w.rule());
                else assertNotEquals(dv, qv, "qemu-ppc no longer shares the erratum: " + w.rule());
            }
        }
        System.out.print(report);
    }
}

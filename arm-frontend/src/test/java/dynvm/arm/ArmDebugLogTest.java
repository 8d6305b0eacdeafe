package dynvm.arm;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.translator.debug.DebugItem;
import dynvm.translator.debug.Listings;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.plugin.InsnMixPlugin;
import dynvm.translator.plugin.PluginHost;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code -d in_asm} against objdump and the insn-mix plugin against --stats, on ARM guests (A32, Thumb-1, Thumb-2). */
class ArmDebugLogTest {
    @TempDir Path tmp;

    @BeforeAll
    static void frontEnd() {
        org.junit.jupiter.api.Assumptions.assumeTrue(ArmGuestCase.armFrontEndInstalled(), "ARM front-end not on the classpath");
    }

    record Result(int status, String log, String err) { }

    private Result run(Path program, EngineKind engine, Set<DebugItem> items, boolean insnMix, boolean stats) {
        ByteArrayOutputStream log = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        PluginHost plugins = insnMix ? new PluginHost(logStream).add(new InsnMixPlugin()) : null;
        GuestLauncher.Request r = GuestLauncher.Request.of(program, List.of(), List.of(), engine,
                new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true), tmp)
                .withStats(stats).withDiag(new Diag(logStream, items, null, plugins));
        int status = GuestLauncher.run(r);
        return new Result(status, log.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Names objdump and capstone 4 (or our printer) give the same encoding; each pair is
     * objdump's and ours. Reasons: objdump writes UAL "ldm"/"stm" where capstone keeps the
     * pre-UAL "ldmia"/"stmia" (IA is the default mode); objdump prints the Thumb-1 16-bit
     * flag-setting forms without the "s" in divided syntax ("mov"/"add"/... on low registers set
     * flags outside IT blocks) and capstone spells them "movs"/"adds"/...; "lsl #0" register moves
     * are "movs"; "cpy" is the old name of mov; push/pop of one register are str/ldr with
     * writeback in capstone; neg(s) is UAL for rsb(s) #0; capstone names conditions hs/lo where
     * objdump says cs/cc; "mov rd, rm, SHIFT #n" is the shift instruction; "add rd, pc, #n" is adr.
     */
    static boolean sameInstruction(String objdump, String objdumpOperands, String ours) {
        String o = strip(objdump), m = strip(ours).replaceAll("hs$", "cs").replaceAll("lo$", "cc");
        if (o.equals(m)) return true;
        if (o.startsWith("mov") && m.matches("(lsl|lsr|asr|ror)s?") && objdumpOperands.matches(".*, (lsl|lsr|asr|ror) #\\d+"))
            return true; // Thumb-2 "mov.w rd, rm, lsr #n" is capstone's lsr.w
        if (o.equals("add") && m.equals("adr") && objdumpOperands.contains(", pc, #")) return true;
        if (o.equals("sub") && m.equals("adr") && objdumpOperands.contains(", pc, #")) return true;
        if (objdumpOperands.startsWith("sp!, ") && (o + " " + m).matches("stmdb push|ldmia pop|ldm pop|stmfd push|ldmfd pop"))
            return true; // UAL push/pop are stmdb/ldmia on sp with writeback
        if ((o + "s").equals(m)) return true; // Thumb-1 flag-setting forms (see above)
        return switch (o + " " + m) {
            case "ldm ldmia", "stm stmia", "ldmia ldm", "stmia stm", "push stmdb", "pop ldm", "push str", "pop ldr",
                 "cpy mov", "lsls movs", "negs rsbs", "neg rsb", "lsl mov", "mov lsl", "push stmfd", "pop ldmfd", "ldmfd pop", "stmfd push" -> true;
            default -> false;
        };
    }

    /** Drops the ".w"/".n" width qualifiers and condition-less suffix noise both tools may add. */
    private static String strip(String s) { return s.replaceAll("\\.(w|n)$", ""); }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"intmath-arm, bin/intmath", "intmath-thumb, bin/intmath-thumb", "intmath-armhf, armhf/bin/intmath"})
    void inAsmNamesTheMnemonicsObjdumpDoes(String golden, String binary) throws Exception {
        Map<Integer, Listings.Line> want = Listings.objdump(Files.readString(ArmGuestCase.GUEST.resolve("objdump/" + golden + ".objdump")));
        Map<Integer, Listings.Line> got = Listings.inAsm(run(ArmGuestCase.GUEST.resolve(binary), EngineKind.DBT,
                EnumSet.of(DebugItem.IN_ASM), false, false).log());
        int compared = 0;
        List<String> bad = new ArrayList<>();
        for (Listings.Line g : got.values()) {
            Listings.Line w = want.get(g.pc());
            if (w == null) continue;
            compared++;
            if (!sameInstruction(w.mnemonic(), w.operands(), g.mnemonic()))
                bad.add(String.format("0x%08x: objdump %s %s, in_asm %s %s", g.pc(), w.mnemonic(), w.operands(), g.mnemonic(), g.operands()));
        }
        assertTrue(compared >= 50, "only " + compared + " in_asm lines fall in the golden functions");
        assertEquals(List.of(), bad, compared + " compared");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT", "INTERP"})
    void insnMixTotalIsTheStatsCount(EngineKind engine) {
        for (String p : new String[]{"bin/intmath", "bin/intmath-thumb", "bin/sig_segv", "armhf/bin/intmath"}) {
            Result r = run(ArmGuestCase.GUEST.resolve(p), engine, Set.of(), true, true);
            long stats = number(r.err(), "guest instructions\\s+([0-9,]+)");
            assertEquals(stats, number(r.log(), "insn-mix: total (\\d+)"), p + " " + engine);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT", "INTERP"})
    void cpuDumpUsesTheArmRegisterNames(EngineKind engine) {
        Result r = run(ArmGuestCase.GUEST.resolve("bin/hello-thumb"), engine, EnumSet.of(DebugItem.EXEC, DebugItem.CPU), false, false);
        assertEquals(0, r.status(), r.err());
        assertTrue(r.log().startsWith("Trace "), r.log().substring(0, 200));
        assertTrue(r.log().contains(" r0=") && r.log().contains("Trace ") && r.log().matches("(?s).*Trace \\d+: \\[1/[0-9a-f]{8}\\].*"),
                "Thumb blocks carry context 1");
    }
}

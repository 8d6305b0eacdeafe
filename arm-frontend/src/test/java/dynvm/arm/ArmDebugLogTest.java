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
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
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

    /** Who prints in_asm: capstone when it is installed (this JVM's choice), or the front-end's own printer, forced. */
    enum Printer { DEFAULT, OWN }

    /**
     * Why objdump's mnemonic and in_asm's name the same encoding although they differ, or null
     * when they do not ("" when they are equal). Each pair is objdump's and ours; which printer
     * needs it is said with each (capstone 4, or OWN for the front-end's printer).
     */
    static String sameInstruction(String objdump, String objdumpOperands, String ours) {
        String o = strip(objdump), m = strip(ours);
        if (o.equals(m)) return "";
        if (o.equals(m.replaceAll("hs$", "cs").replaceAll("lo$", "cc")))
            return "capstone: conditions hs/lo where objdump says cs/cc";
        if (o.startsWith("mov") && m.matches("(lsl|lsr|asr|ror)s?") && objdumpOperands.matches(".*, (lsl|lsr|asr|ror) #\\d+"))
            return "capstone: Thumb-2 \"mov.w rd, rm, lsr #n\" (objdump keeps mov) is lsr.w";
        if ((o.equals("add") || o.equals("sub")) && m.equals("adr") && objdumpOperands.contains(", pc, #"))
            return "capstone: \"add/sub rd, pc, #n\" is adr";
        if (objdumpOperands.startsWith("sp!, ") && (o + " " + m).matches("stmdb push|ldmia pop"))
            return "both: objdump does not alias 32-bit Thumb STMDB/LDMIA sp! as push.w/pop.w (UAL, capstone and ours do)";
        return switch (o + " " + m) {
            case "ldmia ldm", "stmia stm" -> "capstone: ldm/stm where objdump writes ldmia/stmia in Thumb (IA is the default)";
            case "negs rsbs" -> "capstone: rsbs rd, rm, #0 where objdump writes UAL negs";
            case "push str", "pop ldr" -> "capstone: A32 push/pop of one register are str/ldr with writeback";
            default -> null;
        };
    }

    /** Drops the ".w"/".n" width qualifiers both tools may add. */
    private static String strip(String s) { return s.replaceAll("\\.(w|n)$", ""); }

    @ParameterizedTest(name = "{0} {2}")
    @CsvSource({"intmath-arm, bin/intmath, DEFAULT", "intmath-thumb, bin/intmath-thumb, DEFAULT", "intmath-armhf, armhf/bin/intmath, DEFAULT",
                "intmath-arm, bin/intmath, OWN", "intmath-thumb, bin/intmath-thumb, OWN", "intmath-armhf, armhf/bin/intmath, OWN"})
    void inAsmNamesTheMnemonicsObjdumpDoes(String golden, String binary, Printer printer) throws Exception {
        Map<Integer, Listings.Line> want = Listings.objdump(Files.readString(ArmGuestCase.GUEST.resolve("objdump/" + golden + ".objdump")));
        Path program = ArmGuestCase.GUEST.resolve(binary);
        String log = printer == Printer.DEFAULT ? run(program, EngineKind.DBT, EnumSet.of(DebugItem.IN_ASM), false, false).log()
                : inAsmWithoutCapstone(program);
        Map<Integer, Listings.Line> got = Listings.inAsm(log);
        int compared = 0;
        List<String> bad = new ArrayList<>();
        Map<String, Integer> normalised = new TreeMap<>();
        for (Listings.Line g : got.values()) {
            Listings.Line w = want.get(g.pc());
            if (w == null) continue;
            compared++;
            String why = sameInstruction(w.mnemonic(), w.operands(), g.mnemonic());
            if (why == null)
                bad.add(String.format("0x%08x: objdump %s %s, in_asm %s %s", g.pc(), w.mnemonic(), w.operands(), g.mnemonic(), g.operands()));
            else if (!why.isEmpty())
                normalised.merge(why, 1, Integer::sum);
        }
        System.out.printf("%s %s: %d compared, normalised %s%n", golden, printer, compared, normalised);
        assertTrue(compared >= 50, "only " + compared + " in_asm lines fall in the golden functions");
        assertEquals(List.of(), bad, compared + " compared");
        if (printer == Printer.OWN)
            assertEquals(List.of(), normalised.keySet().stream().filter(r -> !r.startsWith("both:")).toList(),
                    "our printer needs only the normalisations objdump's own quirks need");
    }

    /**
     * The in_asm log of {@code program} from a child JVM run with -Ddynvm.capstone=false, so the
     * front-end's printer is used whether or not libcapstone is installed (the property is read
     * per VM, and flipping it here would reach tests running concurrently in this JVM).
     */
    private String inAsmWithoutCapstone(Path program) throws Exception {
        Path log = tmp.resolve("in_asm.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Ddynvm.capstone=false",
                "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main",
                "run", "--engine", "dbt", "-d", "in_asm", "-D", log.toString(), program.toString());
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(tmp.resolve("stderr.txt").toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dynvm did not finish");
        assertEquals(0, p.exitValue(), Files.readString(tmp.resolve("stderr.txt")));
        return Files.readString(log);
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
        String thumb = Integer.toString(ArmDecoder.THUMB | ArmCpuModel.DEFAULT.contextBits());   // the T bit and the model, in decimal
        assertTrue(r.log().contains(" r0=") && r.log().contains("Trace ") && r.log().matches("(?s).*Trace \\d+: \\[" + thumb + "/[0-9a-f]{8}\\].*"),
                "Thumb blocks carry context " + thumb);
    }
}

package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.debug.DebugItem;
import dynvm.translator.debug.Listings;
import dynvm.translator.disasm.Disassembly;
import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.plugin.InsnMixPlugin;
import dynvm.translator.plugin.PluginHost;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code dynvm run -d ITEMS}, {@code -D FILE} and the insn-mix plugin on PowerPC guests. */
class DebugLogTest {
    @TempDir Path tmp;

    record Result(int status, String log, String err) { }

    private Result run(String program, EngineKind engine, Set<DebugItem> items, boolean insnMix, boolean stats) {
        return run(program, engine, items, insnMix, stats, true);
    }

    private Result run(String program, EngineKind engine, Set<DebugItem> items, boolean insnMix, boolean stats, boolean capstone) {
        ByteArrayOutputStream log = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        PrintStream logStream = new PrintStream(log, true, StandardCharsets.UTF_8);
        PluginHost plugins = insnMix ? new PluginHost(logStream).add(new InsnMixPlugin()) : null;
        Diag diag = new Diag(logStream, items, null, plugins, capstone);
        GuestLauncher.Request r = GuestLauncher.Request.of(GuestCase.GUEST.resolve("bin").resolve(program), List.of(), List.of(),
                engine, new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(), new PrintStream(err, true), tmp)
                .withStats(stats).withDiag(diag);
        int status = GuestLauncher.run(r);
        return new Result(status, log.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Capstone 4 spells some encodings another way than objdump; each pair is objdump's name and
     * capstone's. Reasons: clrrwi/rotlwi/slwi/srwi/clrlwi are rlwinm aliases (rotlw an rlwnm one)
     * objdump prefers and capstone 4 does not print; capstone 4 decodes "bcl 20,31" (the get-pc
     * idiom) as bdnzl, ignoring BO's "always" bits; "mr rA,rS" is "or rA,rS,rS", which capstone
     * prints as mr except for the record form mr.; cntlzw is capstone 4's cntlz (the 32-bit name of
     * the same opcode); both print branch hints by other rules (capstone from the old y bit), so
     * hints are dropped. Our own printer needs none of this: it is compared exactly.
     */
    static String normaliseCapstone(String objdumpMnemonic, String capstone) {
        String o = objdumpMnemonic.replaceAll("[+-]$", ""), m = capstone.replaceAll("[+-]$", "");
        if (o.equals(m)) return m;
        return switch (o + " " + m) {
            case "clrrwi rlwinm", "rotlwi rlwinm", "slwi rlwinm", "srwi rlwinm", "clrlwi rlwinm",
                 "rotlw rlwnm", "bcl bdnzl", "mr or", "mr. or.", "cntlzw cntlz" -> m;
            default -> o;
        };
    }

    /** Our branch targets are 0x%08x (as qemu prints them); objdump's are bare hex (its " <symbol>" is dropped by the parser). */
    static String objdumpOperands(String ours) { return ours.replaceAll("0x0*([0-9a-f]+)", "$1"); }

    /**
     * in_asm names the instructions as {@code objdump -d} does, once with capstone's text (when
     * libcapstone is installed; up to {@link #normaliseCapstone}) and once with the front-end's
     * own printer (what a host without libcapstone shows), which must match objdump exactly:
     * mnemonic, branch hint and operands.
     */
    @ParameterizedTest(name = "capstone {0}")
    @ValueSource(booleans = {true, false})
    void inAsmNamesTheMnemonicsObjdumpDoes(boolean capstone) throws Exception {
        try (Disassembly d = Disassembly.create()) {
            if (capstone) assumeTrue(d.usesCapstone(), "libcapstone not installed: the own printer is checked by the other case");
        }
        String golden = Files.readString(GuestCase.GUEST.resolve("objdump/intmath.objdump"));
        Map<Integer, Listings.Line> want = Listings.objdump(golden);
        Map<Integer, Listings.Line> got = Listings.inAsm(run("intmath", EngineKind.DBT, EnumSet.of(DebugItem.IN_ASM), false, false, capstone).log());
        int compared = 0;
        List<String> bad = new ArrayList<>();
        for (Listings.Line g : got.values()) {
            Listings.Line w = want.get(g.pc());
            if (w == null) continue;
            compared++;
            boolean same = capstone
                    ? normaliseCapstone(w.mnemonic(), g.mnemonic()).equals(g.mnemonic().replaceAll("[+-]$", ""))
                    : w.mnemonic().equals(g.mnemonic()) && w.operands().replaceAll("\\s*<.*>$", "").equals(objdumpOperands(g.operands()));
            if (!same) bad.add(String.format("0x%08x: objdump %s %s, in_asm %s %s", g.pc(), w.mnemonic(), w.operands(), g.mnemonic(), g.operands()));
        }
        assertTrue(compared >= 100, "only " + compared + " in_asm lines fall in the golden functions");
        assertEquals(List.of(), bad, compared + " compared");
    }

    private static long number(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), "no match for " + regex + " in:\n" + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /**
     * The plugin counts retired instructions exactly as --stats does, a fault killing the guest
     * included, and the 4-thread pthreads program: --stats sums every thread of the process.
     */
    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT", "INTERP"})
    void insnMixTotalIsTheStatsCount(EngineKind engine) {
        for (String p : new String[]{"intmath", "sig_segv", "fault", "pthreads"}) {
            Result r = run(p, engine, Set.of(), true, true);
            long stats = number(r.err(), "guest instructions\\s+([0-9,]+)");
            assertEquals(stats, number(r.log(), "insn-mix: total (\\d+)"), p + " " + engine);
            assertTrue(r.log().matches("(?s)insn-mix: \\d+ mnemonics, top \\d+:\n(insn-mix: \\S+ +[0-9,]+ +[0-9.]+%\n)+insn-mix: total \\d+\n"), r.log());
        }
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"DBT", "INTERP"})
    void execAndCpuTraceEveryBlockEntry(EngineKind engine) {
        Result r = run("hello", engine, EnumSet.of(DebugItem.EXEC, DebugItem.CPU), false, false);
        assertEquals(0, r.status(), r.err());
        String[] lines = r.log().split("\n");
        assertTrue(lines[0].matches("Trace \\d+: \\[0/[0-9a-f]{8}\\]"), lines[0]);
        assertTrue(lines[1].matches("CPU \\d+: pc=[0-9a-f]{8}"), lines[1]);
        assertTrue(lines[2].matches(" r0=[0-9a-f]{8}  r1=[0-9a-f]{8} .*"), lines[2]);
        assertTrue(r.log().contains(" lr=") && r.log().contains(" ctr="), "register names from the front-end's RegisterFile");
        assertTrue(lines.length > 1000, "blocks entered: " + lines.length);
    }

    @Test
    void everyItemWritesItsRecords() {
        Map<DebugItem, String> expect = Map.of(
                DebugItem.IN_ASM, "(?s)----------------\nIN:\n0x[0-9a-f]{8}:  [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}  \\S+.*",
                DebugItem.IR, "(?s)IR before passes: block 0x[0-9a-f]{8} ctx=0 insns=\\d+\n  INSN_START pc=0x.*IR after passes: block .*",
                DebugItem.BYTECODE, "(?s).*final class dynvm/translator/backend/GuestBlock extends dynvm/cache/Translation.*public final run\\(Ldynvm/spi/CpuState;\\)I.*",
                DebugItem.CACHE, "(?s)cache: translate 0x[0-9a-f]{8}-0x[0-9a-f]{8} ctx 0, \\d+ insns\n.*cache: compile 0x[0-9a-f]{8} ctx 0, \\d+ bytes of class file\n.*",
                DebugItem.PAGE, "(?s)page: memory map at start\n10000000-[0-9a-f]{8} r-x\n.*page: brk\\(0x0\\) = 0x[0-9a-f]+ \\(tid \\d+\\)\n.*");
        for (var e : expect.entrySet()) {
            Result r = run("hello", EngineKind.DBT, EnumSet.of(e.getKey()), false, false);
            assertEquals(0, r.status(), r.err());
            assertTrue(r.log().matches(e.getValue()), e.getKey() + ":\n" + r.log().substring(0, Math.min(2000, r.log().length())));
        }
        // nochain only changes how blocks are reached: the same instructions retire
        long plain = number(run("intmath", EngineKind.DBT, Set.of(), false, true).err(), "guest instructions\\s+([0-9,]+)");
        Result nochain = run("intmath", EngineKind.DBT, EnumSet.of(DebugItem.NOCHAIN), false, true);
        assertEquals("", nochain.log());
        assertEquals(plain, number(nochain.err(), "guest instructions\\s+([0-9,]+)"));
    }

    // ---- the command line

    record Cli(int status, String out, String err) { }

    private Cli dynvm(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xss16m", "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "dynvm did not finish");
        return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void commandLine() throws Exception {
        String hello = GuestCase.GUEST.resolve("bin/hello").toString();
        Cli help = dynvm("run", "-d", "help");
        assertEquals(0, help.status(), help.err());
        for (DebugItem d : DebugItem.values()) assertTrue(help.out().contains("\n  " + d.flag() + " "), help.out());

        Cli bad = dynvm("run", "-d", "in_asm,bogus", hello);
        assertEquals(2, bad.status());
        assertEquals("dynvm: unknown -d item 'bogus' (try -d help)\n", bad.err());

        Cli badPlugin = dynvm("run", "--plugin", "nope", hello);
        assertEquals(2, badPlugin.status());
        assertTrue(badPlugin.err().startsWith("dynvm: unknown plugin 'nope' (available: insn-mix"), badPlugin.err());

        Path file = tmp.resolve("log.txt");
        Cli ok = dynvm("run", "-d", "in_asm,exec", "-D", file.toString(), "--plugin", "insn-mix", "--stats", hello);
        assertEquals(0, ok.status(), ok.err());
        assertFalse(ok.err().contains("IN:") || ok.err().contains("Trace ") || ok.err().contains("insn-mix"), ok.err());
        String log = Files.readString(file);
        assertTrue(log.contains("IN:\n0x") && log.contains("Trace ") && log.contains("insn-mix: total "), log.substring(0, 500));
        assertEquals(number(ok.err(), "guest instructions\\s+([0-9,]+)"), number(log, "insn-mix: total (\\d+)"));
    }
}

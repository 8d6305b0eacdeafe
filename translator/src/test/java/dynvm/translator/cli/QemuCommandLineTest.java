package dynvm.translator.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * qemu-user's spellings of dynvm's options and the DYNVM_* variables that stand for its QEMU_*
 * ones, parsed as the CLI parses them (no guest runs here: CliTest and the front-ends' command
 * line tests run guests).
 */
class QemuCommandLineTest {
    @TempDir Path tmp;

    /** {@code run ARGS} parsed, then the variables applied; fails on a one-line error. */
    private static RunCommand run(Map<String, String> env, String... args) {
        RunCommand r = parse(args);
        String bad = r.applyEnvironment(env);
        assertNull(bad, bad);
        return r;
    }

    private static RunCommand parse(String... args) {
        CommandLine cl = Main.commandLine();
        List<String> a = new ArrayList<>(List.of("run"));
        a.addAll(List.of(args));
        CommandLine.ParseResult pr = cl.parseArgs(a.toArray(new String[0]));
        return (RunCommand) pr.subcommand().commandSpec().userObject();
    }

    private static String error(Map<String, String> env, String... args) {
        return parse(args).applyEnvironment(env);
    }

    @Test
    void singleDashSpellingsMeanTheSameAsTheLongOnes() {
        Map<String, String> none = Map.of();
        assertTrue(run(none, "-strace", "p").strace);
        assertTrue(run(none, "--strace", "p").strace);
        assertTrue(run(none, "-one-insn-per-tb", "p").oneInsnPerTb);
        assertTrue(run(none, "-singlestep", "p").oneInsnPerTb);
        assertTrue(run(none, "--one-insn-per-tb", "p").oneInsnPerTb);
        assertEquals(42L, run(none, "-seed", "42", "p").seed);
        assertEquals(42L, run(none, "--seed", "42", "p").seed);
        assertEquals(1L << 20, run(none, "-s", "1M", "p").stackBytes);
        assertEquals(64L << 10, run(none, "-s", "64k", "p").stackBytes);
        assertEquals(65536L, run(none, "--stack-size", "0x10000", "p").stackBytes);
        assertEquals(ImageLayoutDefaults.STACK, run(none, "p").stackBytes);
        assertEquals(512, run(none, "-R", "512M", "p").memoryMib);
        assertEquals(1, run(none, "-R", "1000", "p").memoryMib, "bytes round up to a MiB");
        assertEquals(256, run(none, "p").memoryMib);
        assertEquals(Path.of("/sysroot"), run(none, "-L", "/sysroot", "p").sysroot);
        assertEquals(List.of("in_asm", "exec"), run(none, "-d", "in_asm,exec", "p").debugItems);
        assertEquals(Path.of("log.txt"), run(none, "-D", "log.txt", "p").debugFile);
        assertEquals(1234, run(none, "-g", "1234", "p").gdbPort);
        assertEquals(List.of("A=1", "B=2"), run(none, "-E", "A=1,B=2", "p").setEnv, "qemu: a comma-separated list");
        assertEquals(List.of("A", "B", "C"), run(none, "-U", "A,B", "-U", "C", "p").unsetEnv);
        assertNull(error(none, "-p", "4096", "p"), "4096-byte pages are what dynvm has");
    }

    @Test
    void unsupportedQemuOptionsGiveOneLine() {
        Map<String, String> none = Map.of();
        assertTrue(error(none, "-B", "0x10000", "p").startsWith("-B (guest base) is not supported"));
        assertTrue(error(none, "-p", "65536", "p").startsWith("-p 65536 is not supported"));
        assertTrue(error(none, "-s", "lots", "p").startsWith("-s expects"));
        assertTrue(error(none, "-s", "2G", "p").startsWith("-s expects"));
        assertTrue(error(none, "-R", "3G", "p").startsWith("-R expects"));
    }

    @Test
    void eachDynvmVariableStandsForItsQemuOne() {
        assertEquals(Path.of("/sr"), run(Map.of("DYNVM_LD_PREFIX", "/sr"), "p").sysroot);
        assertTrue(run(Map.of("DYNVM_STRACE", ""), "p").strace, "set at all: on (as QEMU_STRACE)");
        assertEquals(5555, run(Map.of("DYNVM_GDB", "5555"), "p").gdbPort);
        assertEquals(List.of("in_asm", "cpu"), run(Map.of("DYNVM_LOG", "in_asm,cpu"), "p").debugItems);
        assertEquals(Path.of("/tmp/x.log"), run(Map.of("DYNVM_LOG_FILENAME", "/tmp/x.log"), "p").debugFile);
        assertEquals(List.of("A=1", "B=2"), run(Map.of("DYNVM_SET_ENV", "A=1,B=2"), "p").setEnv);
        assertEquals(List.of("X", "Y"), run(Map.of("DYNVM_UNSET_ENV", "X,Y"), "p").unsetEnv);
        assertEquals(2L << 20, run(Map.of("DYNVM_STACK_SIZE", "2M"), "p").stackBytes);
        assertEquals(7L, run(Map.of("DYNVM_RAND_SEED", "7"), "p").seed);
        assertEquals(100, run(Map.of("DYNVM_RESERVED_VA", "100M"), "p").memoryMib);
        assertTrue(run(Map.of("DYNVM_ONE_INSN_PER_TB", "1"), "p").oneInsnPerTb);
        assertTrue(run(Map.of("DYNVM_SINGLESTEP", "1"), "p").oneInsnPerTb);
        assertTrue(error(Map.of("DYNVM_GUEST_BASE", "0x1000"), "p").startsWith("-B"));
        assertTrue(error(Map.of("DYNVM_GDB", "x"), "p").startsWith("DYNVM_GDB expects"));
        assertTrue(error(Map.of("DYNVM_RAND_SEED", "x"), "p").startsWith("DYNVM_RAND_SEED expects"));
    }

    @Test
    void anOptionGivenWinsOverItsVariableAndListsAddUp() {
        Map<String, String> env = new HashMap<>(Map.of("DYNVM_LD_PREFIX", "/env", "DYNVM_GDB", "1", "DYNVM_LOG", "exec",
                "DYNVM_LOG_FILENAME", "env.log", "DYNVM_STACK_SIZE", "1M", "DYNVM_RAND_SEED", "1", "DYNVM_RESERVED_VA", "64M",
                "DYNVM_SET_ENV", "A=env", "DYNVM_UNSET_ENV", "U1"));
        RunCommand r = run(env, "-L", "/flag", "-g", "2", "-d", "cpu", "-D", "flag.log", "-s", "2M", "-seed", "2",
                "--memory", "32", "-E", "A=flag", "-U", "U2", "p");
        assertEquals(Path.of("/flag"), r.sysroot);
        assertEquals(2, r.gdbPort);
        assertEquals(List.of("cpu"), r.debugItems);
        assertEquals(Path.of("flag.log"), r.debugFile);
        assertEquals(2L << 20, r.stackBytes);
        assertEquals(2L, r.seed);
        assertEquals(32, r.memoryMib);
        assertEquals(List.of("A=env", "A=flag"), r.setEnv, "the variable's list first, the command line's after (it wins)");
        assertEquals(List.of("U1", "U2"), r.unsetEnv);
    }

    @Test
    void theGuestGetsTheHostsEnvironmentInItsOrderChangedByEAndU() {
        RunCommand r = run(Map.of(), "-E", "B=new,Z=added", "-U", "C", "p");
        List<String> out = new ArrayList<>();
        assertNull(r.guestEnvironment(List.of("Z0=first", "C=gone", "B=old", "A=last"), out));
        assertEquals(List.of("Z0=first", "B=new", "A=last", "Z=added"), out, "not sorted; -E replaces in place, adds at the end");
        assertEquals("-E expects VAR=VALUE, got 'novalue'", run(Map.of(), "-E", "novalue", "p").guestEnvironment(List.of(), new ArrayList<>()));
    }

    @Test
    void hostEnvironmentKeepsTheOrderTheProcessWasGiven() {
        List<String> env = HostEnvironment.inOrder();
        Map<String, String> map = System.getenv();
        assertEquals(map.size(), env.size(), env.toString());
        for (String kv : env) assertEquals(map.get(kv.substring(0, kv.indexOf('='))), kv.substring(kv.indexOf('=') + 1));
    }

    @Test
    void qemuHabitsImplyRun() throws Exception {
        CommandLine cl = Main.commandLine();
        Path prog = java.nio.file.Files.createFile(tmp.resolve("prog"));
        assertArrayEquals(new String[] {"run", "--", prog.toString(), "-x"}, Main.withImpliedRun(cl, new String[] {prog.toString(), "-x"}));
        assertArrayEquals(new String[] {"run", "-strace", "p"}, Main.withImpliedRun(cl, new String[] {"-strace", "p"}));
        assertArrayEquals(new String[] {"run", "-L", "/x", "p"}, Main.withImpliedRun(cl, new String[] {"-L", "/x", "p"}));
        assertArrayEquals(new String[] {"--version"}, Main.withImpliedRun(cl, new String[] {"-version"}));
        assertArrayEquals(new String[] {"isas"}, Main.withImpliedRun(cl, new String[] {"isas"}));
        assertArrayEquals(new String[] {"--help"}, Main.withImpliedRun(cl, new String[] {"--help"}));
        assertArrayEquals(new String[] {"run", "--", "no-such-file"}, Main.withImpliedRun(cl, new String[] {"no-such-file"}),
                "a program, as qemu takes it: the loader then says it does not exist");
        assertArrayEquals(new String[] {"--nonsense"}, Main.withImpliedRun(cl, new String[] {"--nonsense"}), "left for picocli to reject");
        assertArrayEquals(new String[0], Main.withImpliedRun(cl, new String[0]));
    }

    @Test
    void qemuSizesParse() {
        assertEquals(8L << 20, QemuSize.parse("8M"));
        assertEquals(8L << 20, QemuSize.parse("8m"));
        assertEquals(4096, QemuSize.parse("4k"));
        assertEquals(1L << 30, QemuSize.parse("1G"));
        assertEquals(0x1000, QemuSize.parse("0x1000"));
        assertEquals(-1, QemuSize.parse("M"));
        assertEquals(-1, QemuSize.parse("-5"));
        assertEquals(-1, QemuSize.parse(""));
    }

    /** The loader's default stack, named here so the test reads as the rule it checks. */
    private static final class ImageLayoutDefaults {
        static final long STACK = dynvm.translator.loader.ImageLayout.STACK_SIZE;
    }
}

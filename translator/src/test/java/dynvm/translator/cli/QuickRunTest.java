package dynvm.translator.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free parse of a plain {@code run} gives exactly what picocli gives, or steps aside. */
class QuickRunTest {
    private static RunCommand picocli(String... args) {
        CommandLine cl = Main.commandLine();
        CommandLine.ParseResult pr = cl.parseArgs(Main.withImpliedRun(cl, args));
        return (RunCommand) pr.subcommand().commandSpec().userObject();
    }

    private static void same(String... args) {
        RunCommand quick = QuickRun.parse(args);
        assertNotNull(quick, () -> String.join(" ", args) + ": expected the quick path");
        RunCommand slow = picocli(args);
        for (Field f : RunCommand.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) continue;
            f.setAccessible(true);
            try {
                assertTrue(Objects.equals(f.get(slow), f.get(quick)),
                        () -> String.join(" ", args) + ": field " + f.getName() + " differs");
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static void declined(String... args) {
        assertNull(QuickRun.parse(args), () -> String.join(" ", args) + ": expected picocli's path");
    }

    @Test
    void plainRunCommandLinesParseAsPicocliParsesThem() {
        same("prog");
        same("prog", "-x", "--stats", "--", "-L");
        same("./a/b", "arg 1", "");
        same("run", "prog", "a");
        same("run", "--", "prog", "--help");
        same("run", "--stats", "prog");
        same("--stats", "prog", "x");
        same("-strace", "prog");
        same("-L", "/sys/root", "--engine", "interp", "--isa", "arm", "prog", "1");
        same("run", "-E", "A=1,B=2", "-U", "X,Y", "-d", "in_asm,exec", "-D", "/tmp/log", "prog");
        same("run", "--memory", "512", "-R", "1G", "-s", "64k", "-seed", "42", "-cpu", "cortex-a9", "prog");
        same("run", "--stack-size", "8M", "--seed", "0", "-g", "1234", "--plugin", "insn-mix", "prog");
        same("run", "-singlestep", "--sync-compile", "--dump-ir", "--dump-bytecode", "--dump-classes", "/tmp/c", "prog");
        same("run", "-B", "0x1000", "-p", "4096", "--cpu", "help", "prog");
        same("run", "--", "run");
        same("boot-not-a-command", "x");
    }

    @Test
    void anythingElseIsLeftToPicocli() {
        declined();
        declined("run");
        declined("run", "--stats");
        declined("--version");
        declined("-version");
        declined("--help");
        declined("run", "--help", "prog");
        declined("isas");
        declined("boot", "x");
        declined("help", "run");
        declined("--nonsense", "prog");
        declined("--", "prog");
        declined("run", "--isa=arm", "prog");
        declined("run", "-Lfoo", "prog");
        declined("run", "--stats", "--stats", "prog");
        declined("run", "-strace", "--strace", "prog");
        declined("run", "-E", "A=1", "-E", "B=2", "prog");
        declined("run", "-E", "A=1,,B=2", "prog");
        declined("run", "--memory", "010", "prog");
        declined("run", "--memory", "0x10", "prog");
        declined("run", "-seed", "-5", "prog");
        declined("run", "-L", "--stats", "prog");
        declined("run", "-L");
        declined("prog", "@args");
        declined("@args");
        declined("run", "-E", "\"A=1,B=2\"", "prog");
    }

    @Test
    void theSwitchTurnsItOff() {
        String old = System.getProperty(QuickRun.PROPERTY);
        System.setProperty(QuickRun.PROPERTY, "false");
        try {
            declined("prog");
        } finally {
            if (old == null) System.clearProperty(QuickRun.PROPERTY); else System.setProperty(QuickRun.PROPERTY, old);
        }
    }
}

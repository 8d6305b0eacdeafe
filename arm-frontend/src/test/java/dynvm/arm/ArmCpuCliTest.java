package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code dynvm run -cpu help} (and {@code --cpu help}) lists the models, the default first, and exits 0. */
class ArmCpuCliTest {
    static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = new CommandLine(new Main());
            cl.getSubcommands().get("run").setStopAtPositional(true);
            status = cl.execute(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, status);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void cpuHelpListsTheArmModels() {
        String text = run("run", "-cpu", "help");
        assertTrue(text.contains("Available CPUs for arm:"), text);
        int a9 = text.indexOf("  cortex-a9 "), a15 = text.indexOf("  cortex-a15 "), v6 = text.indexOf("  arm1136 "), v5 = text.indexOf("  arm926 ");
        assertTrue(a15 > 0 && a15 < a9 && a9 < v6 && v6 < v5, "the default (cortex-a15) first, then the others:\n" + text);
        assertTrue(text.contains("(default)"), text);
        assertEquals(text, run("run", "--cpu", "help"));
    }
}

package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code dynvm boot --stats} as a user runs it (a separate JVM, so the time split's static flag
 * is set by the command line): the same report as {@code run}, for the vCPU, with time waiting
 * for interrupts shown within services.
 */
class BootStatsCliTest {
    @Test
    void bootStatsReportTheVcpuWithATimeSplit() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dynvm.translator.cli.Main",
                "boot", "--stats", "--kernel", VirtGuests.elf("timer_gic").toString()));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "dynvm boot did not finish");
        String e = new String(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), e);
        assertTrue(new String(out, StandardCharsets.UTF_8).contains("done"), "the guest ran");
        Matcher insns = Pattern.compile("guest instructions +([0-9,]+) \\(the vCPU\\)").matcher(e);
        assertTrue(insns.find() && Long.parseLong(insns.group(1).replace(",", "")) > 1000, e);
        Matcher t = Pattern.compile("thread time +([0-9.]+) ms: tier 0 ([0-9.]+) ms, compiled ([0-9.]+) ms, translation ([0-9.]+) ms, "
                + "services ([0-9.]+) ms \\(of which waiting for interrupts ([0-9.]+) ms\\)").matcher(e);
        assertTrue(t.find(), "timer_gic waits for its timer interrupts:\n" + e);
        double sum = 0;
        for (int i = 2; i <= 5; i++) sum += Double.parseDouble(t.group(i));
        double life = Double.parseDouble(t.group(1));
        assertTrue(life > 0 && Math.abs(sum - life) <= 0.01 * life + 0.5, "the parts add up:\n" + e);
        for (String line : new String[]{"start-up ", "JVM JIT ", "dispatch ", "regions compiled", "TLB misses", "guest MIPS"})
            assertTrue(e.contains(line), "missing '" + line + "':\n" + e);
    }
}

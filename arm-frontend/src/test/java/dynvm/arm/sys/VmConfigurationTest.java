package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.system.Machine;
import dynvm.translator.system.VmConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Several VMs under one VMM ({@code dynvm boot --config}), with the virt guests of
 * {@code src/test/guest/virt}: time partitions share the CPU as configured, a spinning or
 * crashed VM does not stop the others, a VM cannot reach another's memory, and VMs talk only
 * through dynvm's message hypercalls.
 *
 * <p>Runs that contain a guest that never ends (spinner, crash, filler) are ended by the test as
 * soon as the VM that matters has ended: that VM is listed first, and {@link VmConfiguration#runAll}
 * reports each VM's end on its error stream in configuration order, so the report of the first
 * one is the signal. The others then end with {@link #STOPPED}, which also shows they were still
 * running. Each configuration also has a generous {@code timeout} as a safety net (a hang fails
 * with status 124 instead of blocking the build).
 */
class VmConfigurationTest {
    /** Exit status the test gives the VMs it stops (as a process ended by SIGTERM). */
    static final int STOPPED = 143;

    @TempDir Path tmp;

    /** How a configuration run went: each VM's result and console (NAME.log), and dynvm's messages. */
    record Outcome(Map<String, VmConfiguration.VmResult> results, Map<String, String> consoles, String messages) {
        VmConfiguration.VmResult result(String vm) { return results.get(vm); }
        String console(String vm) { return consoles.get(vm); }
    }

    /**
     * Runs {@code toml} (written to {@code vms.toml}; {@code @BIN@} stands for the guests' bin
     * directory; every [[vm]] must set {@code console = "NAME.log"}); when {@code stopAfter} is
     * not null, the VMs still running when it has ended are stopped with {@link #STOPPED}.
     */
    Outcome run(String toml, String stopAfter) throws Exception {
        Path file = tmp.resolve("vms.toml");
        Files.writeString(file, toml.replace("@BIN@", VirtGuests.DIR.resolve("bin").toString()));
        VmConfiguration config = VmConfiguration.load(file);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        OutputStream watch = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                all.write(b);
                if (b != '\n') { line.write(b); return; }
                String l = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (stopAfter != null && l.startsWith("dynvm: vm " + stopAfter + " ")) config.stop(STOPPED);
            }
        };
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        List<VmConfiguration.VmResult> list = config.runAll(stdout, new PrintStream(watch, true, StandardCharsets.UTF_8));
        Map<String, VmConfiguration.VmResult> results = new LinkedHashMap<>();
        Map<String, String> consoles = new LinkedHashMap<>();
        for (VmConfiguration.VmResult r : list) {
            results.put(r.name(), r);
            Path log = tmp.resolve(r.name() + ".log");
            consoles.put(r.name(), Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no " + log + ")");
        }
        String messages = all.toString(StandardCharsets.UTF_8) + stdout.toString(StandardCharsets.UTF_8);
        for (VmConfiguration.VmResult r : list) assertNull(r.failure(), "internal error in vm " + r.name() + "\n" + messages);
        return new Outcome(results, consoles, messages);
    }

    static String vm(String name, String kernel, String extra) {
        return "[[vm]]\nname = \"" + name + "\"\nkernel = \"@BIN@/" + kernel + ".elf\"\nconsole = \"" + name + ".log\"\n" + extra;
    }

    /**
     * Under dbt the spinner's {@code b .} is a translated self-loop that C2 may reduce to its
     * pass count, so each dispatch retires a whole loop budget (2^20) at once: the counts are huge
     * but still proportional to the dispatches, i.e. to CPU time. The interpreter retires each
     * instruction one by one (about 10 MIPS here).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dbt", "interp"})
    void twoSpinnersShareTheCpuAsTheirPartitionsSay(String engine) throws Exception {
        String e = "engine = \"" + engine + "\"\n";
        Outcome o = run("timeout = 2\n"
                + vm("big", "spinner", "share = 0.7\n" + e)
                + vm("small", "spinner", "share = 0.3\n" + e), null);
        for (String v : List.of("big", "small")) {
            assertEquals(Machine.TIMEOUT_STATUS, o.result(v).status(), o.messages());
            assertEquals(VirtGuests.golden("spinner"), o.console(v));
        }
        long big = o.result("big").instructions(), small = o.result("small").instructions();
        assertTrue(big > 0 && small > 0, o.messages());
        // Time is the point here, so this is a timing assertion, a generous one: both VMs run the
        // same `b .` loop, so what each retired in ~2 s follows the CPU time its partition got
        // (0.7 of each 10 ms frame vs 0.3). The host has 2 cores shared with other builds and
        // JIT threads, and windows end only at yield points, so only 55..85% is required.
        double bigShare = (double) big / (big + small);
        assertTrue(bigShare >= 0.55 && bigShare <= 0.85,
                String.format("the 0.7 partition retired %.1f%% of the instructions (big %d, small %d)%n%s",
                        100 * bigShare, big, small, o.messages()));
    }

    @Test
    void aTickerBesideASpinnerCompletes() throws Exception {
        Outcome o = run("timeout = 120\n"
                + vm("ticker", "ticker", "")
                + vm("spinner", "spinner", ""), "ticker");
        assertEquals(0, o.result("ticker").status(), o.messages());
        assertEquals(VirtGuests.golden("ticker"), o.console("ticker"));
        assertEquals(STOPPED, o.result("spinner").status(), o.messages());   // still spinning at the end
        assertEquals(VirtGuests.golden("spinner"), o.console("spinner"));
        assertTrue(o.result("spinner").instructions() > 0);
    }

    @Test
    void aCrashedVmDoesNotStopTheOthers() throws Exception {
        // crash: VBAR and its branch target are unmapped, so it takes prefetch aborts forever
        Outcome o = run("timeout = 120\n"
                + vm("ticker", "ticker", "")
                + vm("crash", "crash", "")
                + vm("spinner", "spinner", ""), "ticker");
        assertEquals(0, o.result("ticker").status(), o.messages());
        assertEquals(VirtGuests.golden("ticker"), o.console("ticker"));
        assertEquals(VirtGuests.golden("crash"), o.console("crash"));   // as under qemu: nothing after the jump
        assertEquals(STOPPED, o.result("crash").status(), o.messages());
        assertEquals(STOPPED, o.result("spinner").status(), o.messages());
    }

    @Test
    void aVmScanningBeyondItsRamSeesOnlyAbortsNotItsNeighboursRam() throws Exception {
        // filler has 256 MiB: 0x48000000-0x4fffffff is RAM in its space, holding its pattern for
        // the whole run (it spins after filling); in isolation's 128 MiB space the same
        // addresses must abort, as under qemu with -m 128M
        Outcome o = run("timeout = 120\n"
                + vm("isolation", "isolation", "")
                + vm("filler", "filler", "memory = \"256M\"\n"), "isolation");
        assertEquals(0, o.result("isolation").status(), o.messages());
        assertEquals(VirtGuests.golden("isolation"), o.console("isolation"));
        assertTrue(o.console("isolation").contains("reads 133 aborts 133 data 0\n"));
        // qemu -m 256M: filled 128 verified 128. How far the filler got when isolation ended (and
        // with it the run) depends on how the host scheduled the two vCPUs: under load it may
        // still be filling, so its console is a start of the golden, not all of it
        String filler = o.console("filler");
        assertFalse(filler.isEmpty(), o.messages());
        assertTrue(VirtGuests.golden("filler").startsWith(filler), filler);
        assertEquals(STOPPED, o.result("filler").status(), o.messages());
    }

    @Test
    void twoVmsExchangePingAndPongThroughTheMessageHypercalls() throws Exception {
        Outcome o = run("timeout = 120\n"
                + vm("a", "pingpong", "")
                + vm("b", "pingpong", ""), null);
        assertEquals(0, o.result("a").status(), o.messages());
        assertEquals(0, o.result("b").status(), o.messages());
        assertEquals(VirtGuests.golden("pingpong-vm0"), o.console("a"));
        assertEquals(VirtGuests.golden("pingpong-vm1"), o.console("b"));
    }

    @Test
    void aPingWithNoPeerFails() throws Exception {
        Outcome o = run("timeout = 120\n" + vm("alone", "pingpong", ""), null);
        assertEquals(0, o.result("alone").status(), o.messages());
        assertEquals("pingpong\nvm 0 send failed fffffffd\ndone\n", o.console("alone"));   // -3: no VM 1
    }

    @Test
    void theOldSingleStatusIsTheFirstNonZeroOne() throws Exception {
        Path file = tmp.resolve("vms.toml");
        Files.writeString(file, "timeout = 1\n"
                + vm("t", "ticker", "").replace("@BIN@", VirtGuests.DIR.resolve("bin").toString())
                + vm("s", "spinner", "").replace("@BIN@", VirtGuests.DIR.resolve("bin").toString()));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertEquals(Machine.TIMEOUT_STATUS, VmConfiguration.load(file).run(OutputStream.nullOutputStream(), quiet));
    }
    /**
     * {@code boot --config -g PORT}: the first VM serves gdb while it runs (as {@code boot -s});
     * gdb attaching stops that VM only, {@code vKill} powers it off, and the other VM runs to its
     * end meanwhile.
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void gOnAConfigurationDebugsItsFirstVm() throws Exception {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path file = tmp.resolve("vms.toml");
        Files.writeString(file, ("timeout = 50\n" + vm("spin", "spinner", "") + vm("hello", "hello", ""))
                .replace("@BIN@", VirtGuests.DIR.resolve("bin").toString()));
        java.util.concurrent.CompletableFuture<Integer> status = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                new picocli.CommandLine(new dynvm.translator.cli.BootCommand()).execute("--config", file.toString(), "-g", String.valueOf(port)));
        java.net.Socket socket = null;
        for (int i = 0; i < 200 && socket == null; i++) {
            try {
                socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            } catch (java.net.ConnectException e) {
                Thread.sleep(50);
            }
        }
        assertTrue(socket != null, "the stub listens on " + port);
        try (GdbBootProtocolTest.Client c = new GdbBootProtocolTest.Client(socket)) {
            assertEquals("T05thread:1;", c.ask("?"), "attaching stops the VM");
            long pc = c.register(15);
            assertTrue(pc >= 0x40000000L && pc < 0x48000000L, "in the spinner's code: " + Long.toHexString(pc));
            c.sendOnly("vKill;1");
            c.reply();
        }
        assertEquals(0, status.get(40, java.util.concurrent.TimeUnit.SECONDS), "both VMs powered off");
        assertEquals(VirtGuests.golden("hello"), Files.readString(tmp.resolve("hello.log")), "the other VM ran to its end");
    }
}


package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.gdb.GdbStub;
import dynvm.translator.gdb.rsp.RspConnection;
import dynvm.translator.gdb.system.MachineDebugTarget;
import dynvm.translator.system.Machine;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code dynvm boot -g}: a virt machine under the GDB stub, driven by raw remote-protocol packets
 * (no gdb needed), then by the real gdb-multiarch where it is installed. The guest is
 * {@code mmu_short}, which turns the MMU on and maps 0x80000000 to physical 0x40300000.
 */
class GdbBootProtocolTest {
    private static final Path ELF = VirtGuests.elf("mmu_short");

    /** A minimal remote-protocol client: sends a packet, acks and returns the reply's payload (VmConfigurationTest uses it too). */
    static final class Client implements AutoCloseable {
        final Socket s;
        final InputStream in;
        final OutputStream out;

        Client(Socket s) throws IOException {
            this.s = s;
            s.setSoTimeout(60_000);
            s.setTcpNoDelay(true);
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        void sendOnly(String payload) throws IOException {
            int sum = 0;
            for (char c : payload.toCharArray()) sum += c;
            out.write(String.format("$%s#%02x", payload, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        String reply() throws IOException {
            int c;
            while ((c = in.read()) != '$') if (c < 0) throw new IOException("closed");
            StringBuilder sb = new StringBuilder();
            while ((c = in.read()) != '#') sb.append((char) c);
            in.read();
            in.read();
            out.write('+');
            return sb.toString();
        }

        String ask(String payload) throws IOException {
            sendOnly(payload);
            return reply();
        }

        long register(int regnum) throws IOException { return le(ask("p" + Integer.toHexString(regnum))); }

        @Override public void close() throws IOException { s.close(); }
    }

    /** A machine booting {@code mmu_short}, not yet running, under a stub a {@link Client} talks to. */
    private record Session(Machine machine, Client client, ByteArrayOutputStream console) { }

    private static Session session(EngineKind engine) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = new Machine(new Machine.Options("virt", null, engine, ELF, null, null, null, -1, 0, null), console, Diag.NONE);
        MachineDebugTarget target = new MachineDebugTarget(m);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
            Socket served = server.accept();
            served.setTcpNoDelay(true);
            GdbStub.start(RspConnection.over(served), target);
            return new Session(m, new Client(client), console);
        }
    }

    private static CompletableFuture<Integer> run(Machine m) {
        return CompletableFuture.supplyAsync(m::run, r -> {
            Thread t = new Thread(r, "vm");
            t.setDaemon(true);
            t.start();
        });
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    @Timeout(120)
    void breakpointMemoryStepAndPowerOffWithTheMmuOn(EngineKind engine) throws Exception {
        Map<String, Long> syms = symbols(ELF);
        long ph = syms.get("ph"), start = syms.get("_start");
        Session s = session(engine);
        try (Machine m = s.machine(); Client c = s.client()) {
            String supported = c.ask("qSupported:multiprocess+;swbreak+;xmlRegisters=arm");
            assertTrue(supported.contains("qXfer:features:read+") && !supported.contains("auxv"), supported);
            String xml = targetXml(c);
            assertTrue(xml.contains("<architecture>arm</architecture>") && xml.contains("org.gnu.gdb.arm.core")
                    && xml.contains("<feature name=\"org.qemu.gdb.arm.sys.regs\">"), xml);
            int sctlr = regnum(xml, "sctlr"), spsrSvc = regnum(xml, "spsr_svc"), ttbr0 = regnum(xml, "ttbr0");
            assertTrue(sctlr > 33 && spsrSvc > 33, "privileged registers follow the user ones (r0-cpsr, d0-d15, fpscr)");
            assertTrue(xml.contains("name=\"ttbr0\" bitsize=\"64\""), "TTBR0 is 64 bits wide");
            assertEquals(1, Pattern.compile("name=\"cpsr\"").matcher(xml).results().count(), "cpsr once, in the core feature");

            assertEquals("T05thread:1;", c.ask("?"), "held at reset: stopped before the first instruction");
            assertEquals("m1", c.ask("qfThreadInfo"));
            assertEquals(start, c.register(15), "pc at the ELF entry");
            assertEquals(0x13, c.register(16) & 0x1f, "cpsr shows the privileged mode (SVC)");
            assertEquals(0, c.register(sctlr) & 1, "MMU off at reset");
            String phCode = c.ask("m" + Long.toHexString(ph) + ",8");
            assertEquals(16, phCode.length());

            // stop at ph once the MMU is on (its first calls may come before)
            assertEquals("OK", c.ask("Z0," + Long.toHexString(ph) + ",4"));
            CompletableFuture<Integer> status = run(m);
            for (int hits = 0; ; hits++) {
                assertEquals("T05thread:1;", c.ask("vCont;c"));
                assertEquals(ph, c.register(15), "stopped at ph");
                if ((c.register(sctlr) & 1) != 0) break;
                assertTrue(hits < 50, "the MMU never came on");
            }
            assertTrue(c.register(ttbr0) != 0, "translation table set");
            assertEquals("1110c75e", c.ask("m80000000,4"), "virtual 0x80000000 reads physical 0x40300000 through the MMU");
            assertEquals(phCode, c.ask("m" + Long.toHexString(ph) + ",8"), "code, identity mapped, reads the same with the MMU on");
            assertEquals("E14", c.ask("m88000000,4"), "an unmapped section is an error reply, not a guest abort");

            // single step
            assertEquals("OK", c.ask("z0," + Long.toHexString(ph) + ",4"));
            assertEquals("T05thread:1;", c.ask("vCont;s:1"));
            assertEquals(ph + 4, c.register(15), "one instruction");
            assertEquals("T05thread:1;", c.ask("s"));
            assertEquals(ph + 8, c.register(15));

            // to the end: the guest powers off
            c.sendOnly("vCont;c");
            assertEquals("W00", c.reply());
            assertEquals(0, status.get(60, TimeUnit.SECONDS));
            String out = s.console().toString(StandardCharsets.UTF_8);
            assertTrue(out.startsWith("mmu_short") && out.contains("section 0x80000000->0x40300000: read 80000000 -> 5ec71011")
                    && out.contains("done"), out);
        }
    }

    /**
     * P writes privileged registers: each reads back, and the guest's own first instructions
     * ({@code _start}: three movs, {@code mrs r4, cpsr}, {@code mrc} of SCTLR into r5) see the
     * values gdb wrote; a banked register written for another mode is live once gdb switches the
     * CPSR to that mode.
     */
    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    @Timeout(120)
    void privilegedRegisterWritesReadBackAndTheGuestSeesThem(EngineKind engine) throws Exception {
        Session s = session(engine);
        try (Machine m = s.machine(); Client c = s.client()) {
            c.ask("qSupported:multiprocess+;swbreak+;xmlRegisters=arm");
            String xml = targetXml(c);
            int cpsr = regnum(xml, "cpsr"), sctlr = regnum(xml, "sctlr"), spIrq = regnum(xml, "sp_irq"),
                    spsrSvc = regnum(xml, "spsr_svc"), ttbr1 = regnum(xml, "ttbr1");
            assertEquals("T05thread:1;", c.ask("?"));
            long start = c.register(15);

            long newSctlr = c.register(sctlr) | 1 << 12;              // + I-cache enable: changes nothing else
            assertEquals("OK", c.ask("P" + Integer.toHexString(sctlr) + "=" + hex(newSctlr, 4)));
            assertEquals("OK", c.ask("P" + Integer.toHexString(spsrSvc) + "=" + hex(0x600001d3L, 4)));
            assertEquals("OK", c.ask("P" + Integer.toHexString(ttbr1) + "=" + hex(0x1_4000_4000L, 8)));
            assertEquals("OK", c.ask("P" + Integer.toHexString(spIrq) + "=" + hex(0x4000_7000L, 4)));
            assertEquals(newSctlr, c.register(sctlr));
            assertEquals(0x600001d3L, c.register(spsrSvc));
            assertEquals(0x1_4000_4000L, c.register(ttbr1), "64 bits");
            assertEquals(0x4000_7000L, c.register(spIrq));

            // IRQ mode: its banked sp becomes r13; back to SVC with other flags, which mrs then reads
            long svcSp = c.register(13);
            assertEquals("OK", c.ask("P" + Integer.toHexString(cpsr) + "=" + hex(0x000001d2L, 4)));
            assertEquals(0x4000_7000L, c.register(13), "sp_irq is live in IRQ mode");
            assertEquals("OK", c.ask("P" + Integer.toHexString(cpsr) + "=" + hex(0x200001d3L, 4)));
            assertEquals(svcSp, c.register(13), "SVC's sp is back");
            assertEquals(0x200001d3L, c.register(cpsr));

            CompletableFuture<Integer> status = run(m);
            for (int i = 0; i < 5; i++) assertEquals("T05thread:1;", c.ask("s"));
            assertEquals(start + 20, c.register(15));
            assertEquals(0x200001d3L, c.register(4), "mrs r4, cpsr sees the CPSR gdb wrote");
            assertEquals(newSctlr, c.register(5), "mrc sees the SCTLR gdb wrote");

            c.sendOnly("vCont;c");
            assertEquals("W00", c.reply());
            assertEquals(0, status.get(60, TimeUnit.SECONDS));
        }
    }

    /** Ctrl-C stops the running machine (SIGINT), kill powers it off. */
    @Test
    @Timeout(60)
    void ctrlCStopsASpinningGuestAndKillEndsIt() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = new Machine(new Machine.Options("virt", null, EngineKind.DBT, VirtGuests.elf("spinner"), null, null, null, -1, 0, null),
                console, Diag.NONE);
        MachineDebugTarget target = new MachineDebugTarget(m);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Client c = new Client(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
            GdbStub.start(RspConnection.over(server.accept()), target);
            CompletableFuture<Integer> status = run(m);
            c.sendOnly("c");
            // once it has printed, the guest spins in one instruction (b .) with interrupts masked
            for (int i = 0; i < 300 && !console.toString(StandardCharsets.UTF_8).contains("spinning"); i++) Thread.sleep(100);
            Thread.sleep(300);
            c.out.write(3);
            c.out.flush();
            assertEquals("T02thread:1;", c.reply());
            long pc = c.register(15);
            assertTrue(pc >= 0x40000000L && pc < 0x48000000L, "stopped in the guest's code: " + Long.toHexString(pc));
            // a breakpoint in code that has run hot (translated, a loop) still stops it
            assertEquals("OK", c.ask("Z0," + Long.toHexString(pc) + ",4"));
            assertEquals("T05thread:1;", c.ask("c"));
            assertEquals(pc, c.register(15));
            assertEquals("OK", c.ask("z0," + Long.toHexString(pc) + ",4"));
            c.sendOnly("c");
            Thread.sleep(200);
            c.out.write(3);
            c.out.flush();
            assertEquals("T02thread:1;", c.reply(), "a second Ctrl-C");
            c.sendOnly("vKill;1");
            c.reply();
            assertEquals(0, status.get(30, TimeUnit.SECONDS), "kill powers the machine off");
        } finally {
            m.close();
        }
    }

    /** boot -s: gdb attaches to a machine that is already running, which stops where it is; detach lets it run on. */
    @Test
    @Timeout(60)
    void gdbAttachesToARunningMachineAndDetaches() throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = new Machine(new Machine.Options("virt", null, EngineKind.DBT, VirtGuests.elf("spinner"), null, null, null, -1, 0, null),
                console, Diag.NONE);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Client c = new Client(new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
            CompletableFuture<Integer> status = run(m);
            for (int i = 0; i < 300 && !console.toString(StandardCharsets.UTF_8).contains("spinning"); i++) Thread.sleep(100);
            Thread.sleep(300);
            GdbStub.start(RspConnection.over(server.accept()), new MachineDebugTarget(m));
            assertEquals("T05thread:1;", c.ask("?"));
            long pc = c.register(15);
            assertEquals(pc, c.register(15), "parked: the pc does not move");
            assertEquals("T05thread:1;", c.ask("s"));
            assertEquals(pc, c.register(15), "b . branches to itself");
            assertEquals("OK", c.ask("D"));
            Thread.sleep(200);
            assertTrue(!status.isDone(), "detached, the guest spins on");
            m.stop(7);
            assertEquals(7, status.get(30, TimeUnit.SECONDS));
        } finally {
            m.close();
        }
    }

    /** The same through the real gdb-multiarch, as a user would: skipped where it is not installed. */
    @Test
    @Timeout(120)
    void realGdbStopsAtABreakpointAndReadsVirtualMemory() throws Exception {
        assumeTrue(VirtGuests.onPath("gdb-multiarch"), "gdb-multiarch is not installed: skipped");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        Machine m = new Machine(new Machine.Options("virt", null, EngineKind.DBT, ELF, null, null, null, -1, 0, null), console, Diag.NONE);
        MachineDebugTarget target = new MachineDebugTarget(m);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process gdb = new ProcessBuilder("gdb-multiarch", "-q", "-batch", "-nx", ELF.toString(),
                    "-ex", "target remote localhost:" + server.getLocalPort(),
                    "-ex", "break rd",
                    "-ex", "continue",
                    "-ex", "info registers sctlr",
                    "-ex", "set $dfar = 0x1234",
                    "-ex", "info registers dfar",
                    "-ex", "x/1xw 0x80000000",
                    "-ex", "stepi",
                    "-ex", "info registers pc",
                    "-ex", "delete",
                    "-ex", "continue")
                    .redirectErrorStream(true).start();
            Socket served = server.accept();
            served.setTcpNoDelay(true);
            GdbStub.start(RspConnection.over(served), target);
            CompletableFuture<Integer> status = run(m);
            String out = new String(gdb.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gdb.waitFor(60, TimeUnit.SECONDS));
            assertTrue(out.contains("Breakpoint 1, ") && out.contains(" in rd ("), out);
            assertTrue(out.contains("0x80000000:\t0x5ec71011"), out);
            assertTrue(out.contains("sctlr          0xc50079"), out);
            assertTrue(out.contains("dfar           0x1234"), out);
            assertTrue(out.contains("exited normally"), out);
            assertEquals(0, status.get(30, TimeUnit.SECONDS));
        } finally {
            m.close();
        }
    }

    // ---- helpers

    private static String targetXml(Client c) throws IOException {
        StringBuilder doc = new StringBuilder();
        for (String part = "m"; part.startsWith("m"); ) {
            part = c.ask("qXfer:features:read:target.xml:" + Integer.toHexString(doc.length()) + ",800");
            doc.append(part.substring(1));
        }
        return doc.toString();
    }

    private static int regnum(String xml, String name) {
        Matcher mt = Pattern.compile("name=\"" + name + "\"[^>]*regnum=\"(\\d+)\"").matcher(xml);
        assertTrue(mt.find(), name + " in " + xml);
        return Integer.parseInt(mt.group(1));
    }

    /** {@code v} as {@code bytes} little-endian hex bytes, as P carries a register. */
    private static String hex(long v, int bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes; i++) sb.append(String.format("%02x", v >>> (8 * i) & 0xff));
        return sb.toString();
    }

    /** A little-endian register value as hex bytes. */
    private static long le(String hex) {
        long v = 0;
        for (int i = 0; i < hex.length() / 2; i++) v |= Long.parseLong(hex.substring(2 * i, 2 * i + 2), 16) << (8 * i);
        return v;
    }

    /** The ELF32 little-endian symbol table: name to value. */
    static Map<String, Long> symbols(Path elf) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(elf)).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(0x20), shentsize = b.getShort(0x2e) & 0xffff, shnum = b.getShort(0x30) & 0xffff;
        Map<String, Long> syms = new HashMap<>();
        for (int i = 0; i < shnum; i++) {
            int sh = shoff + i * shentsize;
            if (b.getInt(sh + 4) != 2) continue; // SHT_SYMTAB
            int off = b.getInt(sh + 0x10), size = b.getInt(sh + 0x14), link = b.getInt(sh + 0x18);
            int strOff = b.getInt(shoff + link * shentsize + 0x10);
            for (int e = off; e < off + size; e += 16) {
                int name = b.getInt(e);
                if (name == 0) continue;
                int end = strOff + name;
                while (b.get(end) != 0) end++;
                byte[] n = new byte[end - strOff - name];
                b.get(strOff + name, n);
                syms.putIfAbsent(new String(n, StandardCharsets.ISO_8859_1), b.getInt(e + 4) & 0xffffffffL);
            }
        }
        return syms;
    }
}

package dynvm.translator.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.spi.GdbTarget;
import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.gdb.debuggee.Watchpoint;
import dynvm.translator.gdb.rsp.RspCodec;
import dynvm.translator.gdb.rsp.RspConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The stub over a target that is not a user-mode process: a toy one-CPU machine whose every
 * 4-byte instruction adds 1 to r0, with a monitor command and no auxv. It shows what another
 * kind of VM (system mode) implements, and that the stub needs nothing else.
 */
class GdbStubFakeTargetTest {
    private static final int BASE = 0x1000, END = 0x1100;

    /** The toy machine: one CPU on its own thread, running between checkpoints as an engine would. */
    private static final class ToyMachine implements DebugTarget, DebugThread {
        final byte[] ram = new byte[0x100];
        final Set<Long> breakpoints = ConcurrentHashMap.newKeySet();
        volatile int r0, pc = BASE;
        volatile boolean checkpointRequested, inGuestCode, killed;
        DebugEvents events;

        @Override
        public void attach(DebugEvents events) {
            this.events = events;
            events.threadStarted(this);
            Thread cpu = new Thread(this::cpuLoop, "toy-cpu");
            cpu.setDaemon(true);
            cpu.start();
        }

        private void cpuLoop() {
            while (!killed && pc != END) {
                boolean step = events.checkpoint(id());
                if (killed) break;
                checkpointRequested = false;
                inGuestCode = true;
                do {
                    r0++;
                    pc += 4;
                } while (!step && !checkpointRequested && !atBreakpoint() && pc != END);
                inGuestCode = false;
            }
            events.threadEnded(id());
            events.targetExited(killed ? 128 + 9 : 0);
        }

        @Override public DebugThread initialThread() { return this; }

        @Override
        public List<GdbTarget.Register> registers() {
            return List.of(new GdbTarget.Register("r0", 32, "uint32", "general", "toy.core"),
                    new GdbTarget.Register("pc", 32, "code_ptr", "general", "toy.core"));
        }

        @Override public String targetXml() { return "<target><architecture>toy</architecture></target>"; }
        @Override public ByteOrder byteOrder() { return ByteOrder.BIG_ENDIAN; }
        @Override public Optional<byte[]> auxv() { return Optional.empty(); }
        @Override public boolean insertBreakpoint(long address) { return breakpoints.add(address) || true; }
        @Override public boolean removeBreakpoint(long address) { return breakpoints.remove(address) || true; }
        @Override public boolean insertWatchpoint(Watchpoint w) { return false; }
        @Override public boolean removeWatchpoint(Watchpoint w) { return false; }
        @Override public void clearBreakpointsAndWatchpoints() { breakpoints.clear(); }
        @Override public void kill() { killed = true; }

        @Override
        public Optional<String> monitor(String command) {
            return command.equals("info cpu") ? Optional.of("cpu 1 at " + Integer.toHexString(pc) + "\n") : Optional.empty();
        }

        @Override public int id() { return 1; }
        @Override public long readRegister(int regnum) { return Integer.toUnsignedLong(regnum == 0 ? r0 : pc); }

        @Override
        public void writeRegister(int regnum, long value) {
            if (regnum == 0) r0 = (int) value; else pc = (int) value;
        }

        @Override
        public int readMemory(long address, byte[] into) {
            int n = 0;
            while (n < into.length && address + n >= BASE && address + n < BASE + ram.length) {
                into[n] = ram[(int) (address + n - BASE)];
                n++;
            }
            return n;
        }

        @Override
        public boolean writeMemory(long address, byte[] data) {
            if (address < BASE || address + data.length > BASE + ram.length) return false;
            System.arraycopy(data, 0, ram, (int) (address - BASE), data.length);
            return true;
        }

        @Override public boolean atBreakpoint() { return breakpoints.contains((long) pc); }
        @Override public void requestCheckpoint() { checkpointRequested = true; }
        @Override public void clearCheckpointRequest() { checkpointRequested = false; }
        @Override public boolean mustEnd() { return killed; }
        @Override public boolean inGuestCode() { return inGuestCode; }
    }

    private static String hex(String s) { return HexFormat.of().formatHex(s.getBytes(StandardCharsets.ISO_8859_1)); }

    @Test
    @Timeout(60)
    void breakpointsStepsRegistersMemoryAndMonitorOnAToyMachine() throws Exception {
        ToyMachine machine = new ToyMachine();
        machine.ram[0] = 0x12;
        machine.ram[1] = 0x34;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            client.setSoTimeout(30_000);
            GdbStub stub = GdbStub.start(RspConnection.over(server.accept()), machine);
            Gdb gdb = new Gdb(client);
            assertEquals("PacketSize=4000;qXfer:features:read+;QPassSignals+;vContSupported+", gdb.ask("qSupported"),
                    "no auxv advertised where the target has none");
            assertEquals("", gdb.ask("qXfer:auxv:read::0,100"));
            assertEquals("l" + machine.targetXml(), gdb.ask("qXfer:features:read:target.xml:0,1000"));
            assertEquals("T05thread:1;", gdb.ask("?"), "stopped before the first instruction");
            assertEquals("m1", gdb.ask("qfThreadInfo"));
            assertEquals("00000000" + "00001000", gdb.ask("g"));
            assertEquals("12340000", gdb.ask("m1000,4"));
            assertEquals("OK", gdb.ask("M1002,2:abcd"));
            assertEquals("1234abcd", gdb.ask("m1000,4"));
            assertEquals("E14", gdb.ask("m0,4"), "outside the machine's memory");
            assertEquals("", gdb.ask("Z2,1000,4"), "no hardware watchpoints: gdb falls back to its own");
            assertEquals("OK", gdb.ask("Z0,1010,4"));
            assertEquals("T05thread:1;", gdb.ask("vCont;c"));
            assertEquals("00001010", gdb.ask("p1"));
            assertEquals("00000004", gdb.ask("p0"), "four instructions ran");
            assertEquals("OK", gdb.ask("z0,1010,4"));
            assertEquals("T05thread:1;", gdb.ask("vCont;s:1"));
            assertEquals("00001014", gdb.ask("p1"), "one instruction");
            assertEquals(hex("cpu 1 at 1014\n"), gdb.ask("qRcmd," + hex("info cpu")));
            assertEquals("", gdb.ask("qRcmd," + hex("reset")), "a command the target does not know");
            assertEquals("OK", gdb.ask("P0=00000064"));
            gdb.sendOnly("c");
            assertEquals("W00", gdb.reply(), "the machine ran to its end");
            assertEquals(100 + (END - 0x1014) / 4, machine.r0);
            assertTrue(stub.toString().startsWith("gdb stub for "));
        }
    }

    /** A minimal client: sends a packet, acks the reply and returns its payload. */
    private static final class Gdb {
        final InputStream in;
        final OutputStream out;

        Gdb(Socket s) throws IOException {
            in = s.getInputStream();
            out = s.getOutputStream();
        }

        void sendOnly(String payload) throws IOException {
            out.write(RspCodec.frame(payload).getBytes(StandardCharsets.ISO_8859_1));
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
    }
}

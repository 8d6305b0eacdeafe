package dynvm.translator.gdb;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.GdbTarget;
import dynvm.translator.vm.Breakpoints;
import dynvm.translator.vm.Debugger;
import dynvm.translator.vm.UserModeVm;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GDB remote serial protocol stub for one user-mode process, like qemu-user's {@code -g}: the
 * process waits stopped before its first instruction until gdb connects and resumes it. All-stop
 * mode, one gdb thread per guest thread (the guest tid), registers as the front-end's
 * {@link GdbTarget} describes them.
 *
 * <p>Threads: the protocol runs on its own host thread; guest threads meet the stub at
 * {@link #checkpoint} (between engine calls), where they park while the process is stopped. A
 * stop reply is sent by the guest thread that stops first; the others park at their next
 * checkpoint (their CPUs are interrupted so the engines return soon). A thread blocked in a
 * syscall keeps its state and parks when the syscall returns.
 *
 * <p>Breakpoints are addresses the engines check before each block or instruction (blocks end
 * before them); a single step runs one instruction in either engine. Watchpoints mark pages of
 * guest memory so stores there take the slow path, which asks {@link #accessed}; read and access
 * watchpoints turn on the load-side check too. A hit unwinds the engine to the accessing
 * instruction, which is then stepped (with watchpoints quiet) before the stop is reported, so gdb
 * sees the access done, as on hardware.
 */
public final class GdbStub implements Debugger {
    private static final int SIGINT = 2, SIGTRAP = 5;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final UserModeVm main;
    private final GdbTarget target;
    private final boolean bigEndian;
    private final PrintStream diagnostics;
    private final Breakpoints breakpoints = new Breakpoints();
    /** The process's initial auxv as the guest saw it (type/value words, AT_NULL included), for qXfer:auxv:read. */
    private final byte[] auxv;

    /** One guest thread as the stub sees it. Fields guarded by the stub's lock unless noted. */
    private static final class Rec {
        final UserModeVm vm;
        final int tid;
        /** Set at the thread's first checkpoint (watch hits are matched by host thread). */
        volatile Thread host;
        boolean parked;
        /** What gdb asked this thread to do, handed over at resume; null: stay stopped. */
        Action action;
        /** gdb asked for a single step: report when it is done. */
        boolean stepping;
        /** A watchpoint hit waiting for its instruction to complete; then its stop reply. */
        String watchReply;
        boolean watchStep;
        /** Watch hits are ignored while the hitting instruction is stepped again. Read unlocked. */
        volatile boolean quiet;
        /** A stop this thread ran into while another thread's stop was being reported. */
        String pending;

        Rec(UserModeVm vm) {
            this.vm = vm;
            this.tid = vm.thread().tid();
        }
    }

    /** A vCont action: step or continue, with a signal to deliver (a Linux number; 0: none). */
    private record Action(boolean step, int signal) { }

    private record Watch(int type, int addr, int len) { }

    private final Map<Integer, Rec> threads = new LinkedHashMap<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    /** The process is held stopped: running threads park at their next checkpoint. */
    private boolean stopped = true;
    /** gdb resumed the process and waits for a stop reply. */
    private boolean waiting;
    /** Ctrl-C: the next thread at a checkpoint reports SIGINT. */
    private boolean interruptRequested;
    private volatile boolean detached;
    /** QPassSignals: Linux signals (bit sig-1) delivered at once, without a stop (gdb's "handle SIG nostop pass"). */
    private volatile long passSignals;
    private boolean exited;
    private String lastStop;
    private int gThread, cThread;
    private final Thread protocolThread;

    private GdbStub(Socket socket, UserModeVm main, PrintStream diagnostics) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.main = main;
        this.target = main.isa().gdbTarget();
        this.bigEndian = main.isa().byteOrder() == java.nio.ByteOrder.BIG_ENDIAN;
        this.diagnostics = diagnostics;
        this.auxv = initialAuxv(main);
        this.lastStop = "T05thread:" + Integer.toHexString(main.thread().tid()) + ";";
        this.protocolThread = new Thread(this::serve, "dynvm-gdb");
        protocolThread.setDaemon(true);
    }

    /**
     * Waits on {@code server} for gdb to connect, then puts {@code vm} (the process's first
     * thread, not yet running) under the stub. Throws when the ISA has no gdb description.
     */
    public static GdbStub accept(ServerSocket server, UserModeVm vm, PrintStream diagnostics) throws IOException {
        if (vm.isa().gdbTarget() == null) throw new IOException("the " + vm.isa().name() + " front-end has no gdb register description");
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        GdbStub stub = new GdbStub(s, vm, diagnostics);
        vm.addressSpace().memory().setWatchListener(stub::accessed);
        vm.attachDebugger(stub);
        stub.protocolThread.start();
        return stub;
    }

    // ---- Debugger: called on guest threads

    @Override public Breakpoints breakpoints() { return breakpoints; }

    @Override
    public synchronized void threadStarted(UserModeVm vm) {
        Rec r = new Rec(vm);
        threads.put(r.tid, r);
        if (stopped) vm.cpu().interrupt = true; // a thread born while stopped parks at once
    }

    @Override
    public synchronized void threadEnded(UserModeVm vm) {
        threads.remove(vm.thread().tid());
        notifyAll();
    }

    @Override
    public boolean checkpoint(UserModeVm vm) {
        if (detached) return false;
        synchronized (this) {
            Rec r = threads.get(vm.thread().tid());
            if (r == null) return false;
            if (r.host == null) r.host = Thread.currentThread();
            String report = null;
            if (r.watchReply != null && !r.watchStep) {
                // complete the instruction that hit, then report
                r.watchStep = true;
                r.quiet = true;
                return true;
            }
            if (r.watchStep) {
                r.watchStep = false;
                r.quiet = false;
                r.stepping = false;
                report = r.watchReply;
                r.watchReply = null;
            } else if (r.stepping) {
                r.stepping = false;
                report = stopReply(SIGTRAP, r);
            } else if (breakpoints.contains(vm.cpu().pc)) {
                report = stopReply(SIGTRAP, r);
            } else if (interruptRequested && !stopped) {
                interruptRequested = false;
                report = stopReply(SIGINT, r);
            } else if (!stopped) {
                return false;
            }
            if (report != null) stop(r, report);
            for (;;) {
                Action a = park(r);
                if (a == null) return false;
                if (r.pending != null) { // stopped before, while another thread's stop was reported
                    String p = r.pending;
                    r.pending = null;
                    stop(r, p);
                    continue;
                }
                r.stepping = a.step();
                return a.step();
            }
        }
    }

    @Override
    public void watchHit(UserModeVm vm, MemoryFault hit) {
        // the reply was recorded by accessed(); checkpoint() completes the instruction
    }

    @Override
    public int signal(UserModeVm vm, int signal) {
        if (detached || (passSignals & 1L << (signal - 1)) != 0) return signal;
        synchronized (this) {
            Rec r = threads.get(vm.thread().tid());
            if (r == null) return signal;
            stop(r, stopReply(signal, r));
            for (;;) {
                Action a = park(r);
                if (a == null) return signal;
                if (r.pending != null) { // another thread's stop was being reported: report this one now
                    String p = r.pending;
                    r.pending = null;
                    stop(r, p);
                    continue;
                }
                // gdb's C<sig> delivers sig (its choice: the same or another), plain c discards it
                r.stepping = a.step();
                return a.signal();
            }
        }
    }

    @Override
    public void processExited(int status) {
        synchronized (this) {
            exited = true;
            lastStop = status > 128 && status < 128 + 65 ? String.format("X%02x", GdbSignals.toGdb(status - 128)) : String.format("W%02x", status & 0xff);
            if (waiting && !detached) {
                waiting = false;
                send(lastStop);
            }
        }
        // let gdb read the exit and hang up (batch gdb does at once), then close
        try {
            protocolThread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Parks {@code r} until gdb resumes it (or the thread must end); the lock is held. */
    private Action park(Rec r) {
        r.parked = true;
        notifyAll();
        try {
            while (r.action == null && !detached && !r.vm.thread().stopRequested()) {
                r.vm.cpu().interrupt = false;
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        } finally {
            r.parked = false;
            // the loop above cleared the hint a signal posted meanwhile (a timer tick) had set, and
            // a signal already pending is not posted again: look at pending signals before running on
            r.vm.cpu().interrupt = true;
        }
        Action a = r.action;
        r.action = null;
        return a;
    }

    /** Thread {@code r} stops for {@code reply}: the process stops, or the reply waits if it is stopped already. */
    private void stop(Rec r, String reply) {
        if (stopped) {
            if (r.pending == null) r.pending = reply;
            return;
        }
        stopped = true;
        gThread = cThread = r.tid;
        for (Rec o : threads.values()) if (o != r) o.vm.cpu().interrupt = true;
        // give the others a moment to reach their checkpoints, so gdb reads settled registers
        long end = System.nanoTime() + 200_000_000L;
        while (System.nanoTime() < end && threads.values().stream().anyMatch(o -> o != r && !o.parked && o.vm.inEngine())) {
            try {
                wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lastStop = reply;
        if (waiting) {
            waiting = false;
            send(reply);
        }
    }

    private static String stopReply(int signal, Rec r) {
        return String.format("T%02xthread:%x;", GdbSignals.toGdb(signal), r.tid);
    }

    /** The memory's watch listener: is this access by a guest thread a watchpoint hit? */
    private boolean accessed(int addr, int len, boolean write) {
        if (detached || watches.isEmpty()) return false;
        Thread me = Thread.currentThread();
        Rec r = null;
        synchronized (this) {
            for (Rec o : threads.values()) if (o.host == me) r = o;
        }
        if (r == null || r.quiet || !r.vm.inEngine()) return false; // syscalls and signal frames are not the guest's accesses
        for (Watch w : watches) {
            boolean overlap = Integer.compareUnsigned(addr, w.addr() + w.len()) < 0 && Integer.compareUnsigned(w.addr(), addr + len) < 0;
            if (!overlap || (write ? w.type() == 3 : w.type() == 2)) continue;
            String kind = w.type() == 2 ? "watch" : w.type() == 3 ? "rwatch" : "awatch";
            synchronized (this) {
                r.watchReply = String.format("T%02x%s:%x;thread:%x;", SIGTRAP, kind, w.addr(), r.tid);
            }
            return true;
        }
        return false;
    }

    // ---- the protocol thread

    private void serve() {
        try {
            for (;;) {
                int c = in.read();
                if (c < 0) break;
                if (c == 0x03) { interrupt(); continue; }
                if (c != '$') continue; // acks
                String packet = readPacket();
                if (packet == null) { rawSend("-"); continue; }
                rawSend("+");
                if (!handle(packet)) break;
            }
        } catch (IOException e) {
            // gdb went away: the process runs on free
        } finally {
            detach();
            close();
        }
    }

    /** Reads after '$' up to the checksum; null when the checksum is wrong. Keeps escapes (binary packets unescape themselves). */
    private String readPacket() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int sum = 0;
        for (int c; (c = in.read()) != '#'; ) {
            if (c < 0) throw new IOException("eof");
            b.write(c);
            sum += c;
        }
        int h1 = in.read(), h2 = in.read();
        if (h1 < 0 || h2 < 0) throw new IOException("eof");
        int want = Integer.parseInt("" + (char) h1 + (char) h2, 16);
        if ((sum & 0xff) != want) return null;
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private synchronized void rawSend(String s) {
        try {
            out.write(s.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // the reader notices the closed connection
        }
    }

    private void send(String payload) {
        int sum = 0;
        for (int i = 0; i < payload.length(); i++) sum += payload.charAt(i);
        rawSend("$" + payload + "#" + String.format("%02x", sum & 0xff));
    }

    private void interrupt() {
        synchronized (this) {
            if (stopped || exited) return;
            interruptRequested = true;
            for (Rec r : threads.values()) r.vm.cpu().interrupt = true;
            // every thread blocked in a syscall: stop the process anyway (each parks when its syscall returns)
            long end = System.nanoTime() + 300_000_000L;
            while (interruptRequested && System.nanoTime() < end) {
                try {
                    wait(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (interruptRequested && !threads.isEmpty()) {
                interruptRequested = false;
                Rec first = threads.values().iterator().next();
                stop(first, stopReply(SIGINT, first));
            }
        }
    }

    /** Handles one packet; false ends the session. */
    private boolean handle(String p) {
        char cmd = p.isEmpty() ? 0 : p.charAt(0);
        switch (cmd) {
            case '?' -> send(stoppedReply());
            case 'g' -> send(readRegisters());
            case 'G' -> send(writeRegisters(p.substring(1)));
            case 'p' -> send(readRegister(p.substring(1)));
            case 'P' -> send(writeRegister(p.substring(1)));
            case 'm' -> send(readMemory(p.substring(1)));
            case 'M' -> send(writeMemory(p.substring(1), false));
            case 'X' -> send(writeMemory(p.substring(1), true));
            case 'Z', 'z' -> send(point(cmd == 'Z', p.substring(1)));
            case 'H' -> send(selectThread(p));
            case 'T' -> send(threadAlive(parseTid(p.substring(1))) ? "OK" : "E01");
            case 'c' -> resume(List.of(new Action(false, 0)), List.of(0));
            case 'C' -> resume(List.of(new Action(false, GdbSignals.toLinux(Integer.parseInt(p.substring(1).split(";")[0], 16)))), List.of(0));
            case 's', 'S' -> {
                int sig = cmd == 'S' ? GdbSignals.toLinux(Integer.parseInt(p.substring(1).split(";")[0], 16)) : 0;
                resume(List.of(new Action(true, sig)), List.of(cThread <= 0 ? currentTid() : cThread));
            }
            case 'D' -> {
                send("OK");
                return false;
            }
            case 'k' -> {
                kill();
                return false;
            }
            case 'q' -> send(query(p));
            case 'Q' -> send(setQuery(p));
            case 'v' -> { return verbose(p); }
            default -> send("");
        }
        return true;
    }

    private synchronized String stoppedReply() { return lastStop; }

    private boolean verbose(String p) {
        if (p.equals("vCont?")) {
            send("vCont;c;C;s;S");
        } else if (p.startsWith("vCont;")) {
            List<Action> actions = new ArrayList<>();
            List<Integer> tids = new ArrayList<>();
            for (String a : p.substring(6).split(";")) {
                String[] at = a.split(":");
                int tid = at.length > 1 ? parseTid(at[1]) : 0;
                char k = at[0].charAt(0);
                int sig = (k == 'C' || k == 'S') ? GdbSignals.toLinux(Integer.parseInt(at[0].substring(1), 16)) : 0;
                if (k == 't') continue;
                actions.add(new Action(k == 's' || k == 'S', sig));
                tids.add(tid);
            }
            resume(actions, tids);
        } else if (p.startsWith("vKill")) {
            send("OK");
            kill();
            return false;
        } else {
            send(""); // vMustReplyEmpty, vFile, vRun...: not supported
        }
        return true;
    }

    /** Gives each thread the first action whose thread id matches it (0 or -1: all) and lets the process run. */
    private synchronized void resume(List<Action> actions, List<Integer> tids) {
        if (exited) {
            send(lastStop);
            return;
        }
        for (Rec r : threads.values()) {
            for (int i = 0; i < actions.size(); i++) {
                int t = tids.get(i);
                if (t == 0 || t == -1 || t == r.tid) {
                    r.action = actions.get(i);
                    break;
                }
            }
        }
        stopped = false;
        waiting = true;
        notifyAll();
    }

    private String query(String p) {
        if (p.startsWith("qSupported")) return "PacketSize=4000;qXfer:features:read+;qXfer:auxv:read+;QPassSignals+;vContSupported+";
        if (p.startsWith("qXfer:features:read:")) {
            String[] f = p.substring("qXfer:features:read:".length()).split(":");
            if (!f[0].equals("target.xml") || f.length < 2) return "E00";
            return xfer(target.targetXml().getBytes(StandardCharsets.UTF_8), f[1]);
        }
        if (p.startsWith("qXfer:auxv:read:")) {
            String[] f = p.substring("qXfer:auxv:read:".length()).split(":", -1);
            if (!f[0].isEmpty() || f.length < 2) return "E00";
            return xfer(auxv, f[1]);
        }
        if (p.equals("qAttached") || p.startsWith("qAttached:")) return "1";
        if (p.equals("qC")) return "QC" + Integer.toHexString(currentTid());
        if (p.equals("qfThreadInfo")) {
            StringBuilder sb = new StringBuilder("m");
            synchronized (this) {
                for (Rec r : threads.values()) sb.append(sb.length() > 1 ? "," : "").append(Integer.toHexString(r.tid));
            }
            return sb.length() > 1 ? sb.toString() : "l";
        }
        if (p.equals("qsThreadInfo")) return "l";
        if (p.startsWith("qSymbol")) return "OK";
        return ""; // qOffsets (gdb relocates a PIE from the auxv instead), qTStatus, ...
    }

    /** One chunk of a qXfer object: {@code offLen} is "offset,length" in hex. */
    private static String xfer(byte[] data, String offLen) {
        String[] ol = offLen.split(",");
        int off = Integer.parseInt(ol[0], 16), len = Integer.parseInt(ol[1], 16);
        if (off >= data.length) return "l";
        int n = Math.min(len, data.length - off);
        return (off + n >= data.length ? "l" : "m") + escape(data, off, n);
    }

    /**
     * The auxv the loader wrote on the initial stack (argc, argv[], NULL, envp[], NULL, then
     * the type/value pairs up to AT_NULL), read before the first instruction runs: gdb uses
     * AT_ENTRY, AT_PHDR and AT_BASE to relocate a PIE and find the dynamic linker.
     */
    private byte[] initialAuxv(UserModeVm vm) {
        GuestMemory m = vm.addressSpace().memory();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int sp = vm.stackPointer();
            int argc = word(m, sp);
            int a = sp + 4 * (argc + 2); // past argc, argv[] and its NULL
            while (word(m, a) != 0) a += 4; // envp[]
            a += 4;
            for (int i = 0; i < 256; i++, a += 8) { // a sane bound: Linux writes a few dozen
                for (int k = 0; k < 8; k++) b.write(m.load8(a + k));
                if (word(m, a) == 0) break;
            }
        } catch (MemoryFault f) {
            return new byte[0]; // no initial stack to read (a test's bare VM)
        }
        return b.toByteArray();
    }

    private int word(GuestMemory m, int a) {
        int v = 0;
        for (int k = 0; k < 4; k++) {
            int byt = m.load8(a + k);
            v |= byt << (bigEndian ? 8 * (3 - k) : 8 * k);
        }
        return v;
    }

    /** Q packets: QPassSignals:g1;g2;... (gdb's numbers, hex) replaces the set of signals that do not stop. */
    private String setQuery(String p) {
        if (!p.startsWith("QPassSignals:")) return "";
        long set = 0;
        for (String g : p.substring("QPassSignals:".length()).split(";")) {
            if (g.isEmpty()) continue;
            int sig = GdbSignals.toLinux(Integer.parseInt(g, 16));
            if (sig > 0) set |= 1L << (sig - 1);
        }
        passSignals = set;
        return "OK";
    }

    private static String escape(byte[] b, int off, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = off; i < off + n; i++) {
            int c = b[i] & 0xff;
            if (c == '$' || c == '#' || c == '}' || c == '*') sb.append('}').append((char) (c ^ 0x20));
            else sb.append((char) c);
        }
        return sb.toString();
    }

    private String selectThread(String p) {
        int tid = parseTid(p.substring(2));
        if (tid > 0 && !threadAlive(tid)) return "E01";
        if (p.charAt(1) == 'g') gThread = tid; else cThread = tid;
        return "OK";
    }

    private static int parseTid(String s) {
        if (s.startsWith("p")) s = s.substring(s.indexOf('.') + 1); // multiprocess form p<pid>.<tid>
        return s.equals("-1") ? -1 : s.isEmpty() ? 0 : Integer.parseInt(s, 16);
    }

    private synchronized boolean threadAlive(int tid) { return threads.containsKey(tid); }

    private synchronized int currentTid() {
        if (gThread > 0 && threads.containsKey(gThread)) return gThread;
        return threads.isEmpty() ? main.thread().tid() : threads.keySet().iterator().next();
    }

    /** The thread g/p/m apply to. */
    private synchronized UserModeVm regThread() {
        Rec r = threads.get(currentTid());
        return r != null ? r.vm : main;
    }

    // ---- registers

    private String readRegisters() {
        UserModeVm vm = regThread();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < target.registers().size(); i++) appendValue(sb, target.read(vm.cpu(), i), target.registers().get(i).bits() / 8);
        return sb.toString();
    }

    private String writeRegisters(String hex) {
        UserModeVm vm = regThread();
        int pos = 0;
        for (int i = 0; i < target.registers().size() && pos < hex.length(); i++) {
            int bytes = target.registers().get(i).bits() / 8;
            if (pos + 2 * bytes > hex.length()) return "E01";
            target.write(vm.cpu(), i, parseValue(hex.substring(pos, pos + 2 * bytes)));
            pos += 2 * bytes;
        }
        return "OK";
    }

    private String readRegister(String arg) {
        int n = Integer.parseInt(arg, 16);
        if (n < 0 || n >= target.registers().size()) return "E01";
        StringBuilder sb = new StringBuilder();
        appendValue(sb, target.read(regThread().cpu(), n), target.registers().get(n).bits() / 8);
        return sb.toString();
    }

    private String writeRegister(String arg) {
        int eq = arg.indexOf('=');
        int n = Integer.parseInt(arg.substring(0, eq), 16);
        if (n < 0 || n >= target.registers().size()) return "E01";
        target.write(regThread().cpu(), n, parseValue(arg.substring(eq + 1)));
        return "OK";
    }

    /** Appends {@code bytes} bytes of {@code v} in target byte order. */
    private void appendValue(StringBuilder sb, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            int shift = bigEndian ? 8 * (bytes - 1 - i) : 8 * i;
            sb.append(String.format("%02x", (v >>> shift) & 0xff));
        }
    }

    private long parseValue(String hex) {
        int bytes = hex.length() / 2;
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            long b = Long.parseLong(hex.substring(2 * i, 2 * i + 2), 16);
            v |= b << (bigEndian ? 8 * (bytes - 1 - i) : 8 * i);
        }
        return v;
    }

    // ---- memory: the process's address space; unmapped gives an error reply, never an exception

    private GuestMemory memory() { return regThread().addressSpace().memory(); }

    private String readMemory(String arg) {
        String[] al = arg.split(",");
        int addr = (int) Long.parseLong(al[0], 16), len = Integer.parseInt(al[1], 16);
        GuestMemory m = memory();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(len, 0x1000); i++) {
            try {
                sb.append(String.format("%02x", m.load8(addr + i)));
            } catch (MemoryFault f) {
                break;
            }
        }
        return sb.length() == 0 && len > 0 ? "E14" : sb.toString();
    }

    private String writeMemory(String arg, boolean binary) {
        int colon = arg.indexOf(':');
        String[] al = arg.substring(0, colon).split(",");
        int addr = (int) Long.parseLong(al[0], 16), len = Integer.parseInt(al[1], 16);
        String data = arg.substring(colon + 1);
        byte[] bytes = new byte[len];
        if (binary) {
            int j = 0;
            for (int i = 0; i < data.length() && j < len; i++) {
                char c = data.charAt(i);
                bytes[j++] = (byte) (c == '}' ? data.charAt(++i) ^ 0x20 : c);
            }
            if (j < len) return "E01";
        } else {
            if (data.length() < 2 * len) return "E01";
            for (int i = 0; i < len; i++) bytes[i] = (byte) Integer.parseInt(data.substring(2 * i, 2 * i + 2), 16);
        }
        if (len == 0) return "OK";
        GuestMemory m = memory();
        try {
            if (m.accessible(addr, len, true)) {
                m.write(addr, bytes, 0, len); // tells the engines if it overwrites translated code
            } else if (m.accessible(addr, len, false)) {
                m.poke(addr, bytes, 0, len); // read-only text, as ptrace may write it
                m.discardCode(addr, len);
            } else {
                return "E14";
            }
        } catch (MemoryFault f) {
            return "E14";
        }
        return "OK";
    }

    // ---- breakpoints and watchpoints

    private String point(boolean insert, String arg) {
        String[] f = arg.split(",");
        int type = Integer.parseInt(f[0]);
        int addr = (int) Long.parseLong(f[1], 16);
        int len = f.length > 2 ? Integer.parseInt(f[2].split(";")[0], 16) : 1;
        GuestMemory m = memory();
        switch (type) {
            case 0, 1 -> {
                if (insert) breakpoints.add(addr); else breakpoints.remove(addr);
                // translations running over the address end there now: the engines drop them at their next dispatch
                m.discardCode(addr, 4);
                return "OK";
            }
            case 2, 3, 4 -> {
                if (len <= 0) return "E01";
                Watch w = new Watch(type, addr, len);
                if (insert) {
                    if (!watches.contains(w)) watches.add(w);
                } else {
                    watches.remove(w);
                    m.setWatched(addr, len, false); // pages other watchpoints share are marked again below
                }
                for (Watch o : watches) m.setWatched(o.addr(), o.len(), true);
                m.setWatchReads(watches.stream().anyMatch(o -> o.type() != 2));
                return "OK";
            }
            default -> {
                return "";
            }
        }
    }

    // ---- ending the session

    private void kill() {
        detach();
        main.kernel().killFromOutside(9);
    }

    /** Drops breakpoints and watchpoints and lets every thread run on. */
    private void detach() {
        synchronized (this) {
            if (detached) return;
            breakpoints.clear();
            GuestMemory m = memory();
            for (Watch w : watches) m.setWatched(w.addr(), w.len(), false);
            watches.clear();
            m.setWatchReads(false);
            detached = true;
            stopped = false;
            notifyAll();
        }
    }

    private void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public String toString() { return "gdb stub for pid " + main.kernel().pid(); }
}

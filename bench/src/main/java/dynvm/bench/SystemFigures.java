package dynvm.bench;

import dynvm.microkernel.kernel.Endpoint;
import dynvm.microkernel.kernel.HostClock;
import dynvm.microkernel.kernel.IpcResult;
import dynvm.microkernel.kernel.KThread;
import dynvm.microkernel.kernel.Message;
import dynvm.microkernel.kernel.Partition;
import dynvm.microkernel.kernel.Schedule;
import dynvm.microkernel.kernel.Scheduler;
import dynvm.translator.system.Machine;
import dynvm.translator.vm.Diag;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The VMM's figures as Proteus reports them, measured on this host:
 * <ul>
 *   <li>hypercall round trip, trapped privileged instructions (an SCTLR write, a MIDR read, a
 *       TLB invalidate by address) and virtual interrupt latency (timer expiry to the first
 *       instruction of the guest's handler, spinning and in WFI): the {@code figures} guest
 *       measures them from inside with dynvm's CLOCK hypercall and the generic timer;</li>
 *   <li>VM switch: two vCPU threads in two time partitions of one scheduler pass a message back
 *       and forth through microkernel endpoints; half a round trip is one IPC plus one switch
 *       from one VM's thread to the other's;</li>
 *   <li>footprint: heap and classes of a booted VM (the VMM core, its devices and one vCPU).</li>
 * </ul>
 * Run: {@code java -cp ... dynvm.bench.SystemFigures [arm-frontend/src/test/guest/virt/bin/figures.elf] [dbt|interp]}
 * (bench/report-system.sh does it); prints a Markdown table.
 */
public final class SystemFigures {
    public static void main(String[] args) throws Exception {
        Path elf = Path.of(args.length > 0 ? args[0] : "arm-frontend/src/test/guest/virt/bin/figures.elf");
        EngineKind engine = args.length > 1 && args[1].equals("interp") ? EngineKind.INTERP : EngineKind.DBT;
        Map<String, String> figures = new LinkedHashMap<>();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        long heapBefore = usedHeap();
        int classesBefore = loadedClasses();
        long bootNanos;
        try (Machine m = new Machine(new Machine.Options("virt", null, engine, elf, null, null, null, -1, 0, null), console, Diag.NONE)) {
            bootNanos = System.nanoTime();
            long ram = 128L << 20; // the profile's default RAM, one array
        figures.put("VMM heap for one VM beyond its 128 MiB of guest RAM (kernel, devices, DTB, vCPU)", String.format("%.1f MB", (usedHeap() - heapBefore - ram) / 1e6));
            m.run();
            bootNanos = System.nanoTime() - bootNanos;
            figures.put("classes loaded for a booted VM (JVM and dynvm)", String.valueOf(loadedClasses() - classesBefore));
            figures.put("heap in use after the run, guest RAM included", String.format("%.1f MB", usedHeap() / 1e6));
        }
        for (String line : console.toString(StandardCharsets.UTF_8).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 4 && f[0].equals("figure")) figures.put(f[1].replace('_', ' '), f[2] + " " + f[3]);
        }
        figures.put("figures guest, whole run", String.format("%.2f s", bootNanos / 1e9));
        figures.put("VM switch + IPC (one way, two partitions)", String.format("%.1f us", vmSwitchNanos() / 1e3));

        System.out.println("| figure (" + engine.name().toLowerCase() + ") | value |");
        System.out.println("|---|---:|");
        figures.forEach((k, v) -> System.out.println("| " + k + " | " + v + " |"));
    }

    /** Half the round trip of a message between two threads of two partitions (the rest of the frame donated). */
    static double vmSwitchNanos() throws Exception {
        Partition a = new Partition("a", 0.5, true), b = new Partition("b", 0.5, true);
        int n = 20_000;
        try (Scheduler s = new Scheduler("bench", new HostClock(), Schedule.of(1_000_000, a, b))) {
            Endpoint ping = new Endpoint("ping"), pong = new Endpoint("pong");
            KThread echo = s.spawn("b", b, 1, self -> {
                for (int i = 0; i < n; i++) {
                    IpcResult r = self.blocking(() -> ping.receive(-1));
                    self.blocking(() -> pong.send(r.message(), -1));
                }
            });
            long[] elapsed = new long[1];
            KThread caller = s.spawn("a", a, 1, self -> {
                Message m = Message.of(1, 42);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    self.blocking(() -> ping.send(m, -1));
                    self.blocking(() -> pong.receive(-1));
                }
                elapsed[0] = System.nanoTime() - t0;
            });
            s.join(caller, Long.MAX_VALUE);
            s.join(echo, Long.MAX_VALUE);
            return elapsed[0] / (2.0 * n);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private static int loadedClasses() {
        return (int) java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
    }
}

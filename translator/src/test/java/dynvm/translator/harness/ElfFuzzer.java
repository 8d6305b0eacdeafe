package dynvm.translator.harness;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Hostile-input fuzzing of the loader and the run: mutates a valid ELF32 program (header fields,
 * program headers, PT_INTERP, entry, truncation, byte flips) and runs the result through
 * {@link GuestLauncher} with a time limit, judging only that dynvm fails cleanly: a one-line
 * refusal (126/127) or a guest exit of any status, never a Java exception, a hang or a crash.
 * Used by the front-ends' fuzz tests, each over its own committed guest binaries.
 */
public final class ElfFuzzer {
    /** A mutated file and what was done to it (reported when it fails). */
    public record Mutant(byte[] bytes, String description) { }

    /** How one run ended; {@code problem} is null when dynvm behaved. */
    public record Verdict(int status, String stderr, long millis, String problem) {
        public boolean ok() { return problem == null; }
    }

    private static final int PT_LOAD = 1, PT_INTERP = 3, PT_TLS = 7, PT_GNU_STACK = 0x6474e551;
    /** Values that break size and offset arithmetic. */
    private static final int[] INTERESTING = {0, 1, 2, 3, 4, -1, -2, 0x7f, 0x80, 0xff, 0x100, 0x1000, 0xffff, 0x10000,
        0x7fffffff, 0x80000000, 0x80000001, 0xfffff000, 0xffffff00, 0x40000000, 0x0fffffff, 52, 32};
    /** {offset, size} of the ELF32 header fields after e_ident. */
    private static final int[][] HEADER_FIELDS = {{16, 2}, {18, 2}, {20, 4}, {24, 4}, {28, 4}, {32, 4}, {36, 4},
        {40, 2}, {42, 2}, {44, 2}, {46, 2}, {48, 2}, {50, 2}};
    private static final String[] HEADER_NAMES = {"e_type", "e_machine", "e_version", "e_entry", "e_phoff", "e_shoff",
        "e_flags", "e_ehsize", "e_phentsize", "e_phnum", "e_shentsize", "e_shnum", "e_shstrndx"};
    private static final String[] PHDR_NAMES = {"p_type", "p_offset", "p_vaddr", "p_paddr", "p_filesz", "p_memsz", "p_flags", "p_align"};
    /** Paths a hostile PT_INTERP may name: missing, a directory, an endless device, the program itself. */
    private static final String[] INTERPS = {"/nonexistent/ld.so", "", "/", "/dev/zero", "/dev/null", "/proc/self/exe",
        "relative/ld.so", "/etc/passwd"};

    private ElfFuzzer() { }

    /** One random mutation (sometimes two or three stacked) of a copy of {@code elf}. */
    public static Mutant mutate(byte[] elf, Random rnd) {
        byte[] b = Arrays.copyOf(elf, elf.length);
        StringBuilder what = new StringBuilder();
        int n = rnd.nextInt(10) == 0 ? 2 + rnd.nextInt(2) : 1;
        for (int i = 0; i < n; i++) {
            if (what.length() > 0) what.append("; ");
            b = mutateOnce(b, rnd, what);
        }
        return new Mutant(b, what.toString());
    }

    private static int value(Random rnd, int old) {
        return switch (rnd.nextInt(5)) {
            case 0, 1 -> INTERESTING[rnd.nextInt(INTERESTING.length)];
            case 2 -> old + rnd.nextInt(9) - 4;
            case 3 -> rnd.nextInt(0x10000);
            default -> rnd.nextInt();
        };
    }

    private static byte[] mutateOnce(byte[] b, Random rnd, StringBuilder what) {
        if (b.length < 52) { // already truncated into the header: flip what is left
            if (b.length > 0) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
            what.append("flip in short file");
            return b;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(b[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int phoff = bb.getInt(28), phent = bb.getShort(42) & 0xffff, phnum = bb.getShort(44) & 0xffff;
        boolean phOk = phent == 32 && phoff > 0 && phnum > 0 && (long) phoff + 32L * phnum <= b.length;
        int kind = rnd.nextInt(12);
        if (!phOk && kind >= 2 && kind <= 6) kind = 0;
        switch (kind) {
            case 0 -> { // a header field
                int f = rnd.nextInt(HEADER_FIELDS.length);
                int off = HEADER_FIELDS[f][0], size = HEADER_FIELDS[f][1];
                int v = value(rnd, size == 2 ? bb.getShort(off) : bb.getInt(off));
                if (size == 2) bb.putShort(off, (short) v); else bb.putInt(off, v);
                what.append(String.format("%s=0x%x", HEADER_NAMES[f], size == 2 ? v & 0xffff : v));
            }
            case 1 -> { // e_ident
                int i = rnd.nextInt(16);
                int v = rnd.nextBoolean() ? rnd.nextInt(4) : rnd.nextInt(256);
                b[i] = (byte) v;
                what.append(String.format("e_ident[%d]=0x%x", i, v));
            }
            case 2 -> { // a program header field
                int h = phoff + 32 * rnd.nextInt(phnum), f = rnd.nextInt(8);
                int v = f == 0 && rnd.nextBoolean() ? rnd.nextInt(8) : value(rnd, bb.getInt(h + 4 * f));
                bb.putInt(h + 4 * f, v);
                what.append(String.format("phdr@%d.%s=0x%x", h, PHDR_NAMES[f], v));
            }
            case 3 -> { // sizes: filesz > memsz, or a huge memsz
                int h = loadHeader(bb, phoff, phnum, rnd);
                if (rnd.nextBoolean()) {
                    bb.putInt(h + 16, bb.getInt(h + 20) + 1 + rnd.nextInt(0x10000));
                    what.append("p_filesz>p_memsz@").append(h);
                } else {
                    int v = rnd.nextBoolean() ? 0x7ff00000 + rnd.nextInt(0x100000) : 0x10000000 + rnd.nextInt(0x60000000);
                    bb.putInt(h + 20, v);
                    what.append(String.format("huge p_memsz@%d=0x%x", h, v));
                }
            }
            case 4 -> { // overlapping segments
                int a = phoff + 32 * rnd.nextInt(phnum), c = phoff + 32 * rnd.nextInt(phnum);
                bb.putInt(a, PT_LOAD);
                bb.putInt(a + 8, bb.getInt(c + 8) + (rnd.nextBoolean() ? 0 : rnd.nextInt(0x2000) - 0x1000));
                what.append("overlap phdr@").append(a).append(" onto @").append(c);
            }
            case 5 -> { // a PT_INTERP
                int h = phoff + 32 * rnd.nextInt(phnum);
                bb.putInt(h, PT_INTERP);
                switch (rnd.nextInt(4)) {
                    case 0 -> { // offset and size from nowhere
                        bb.putInt(h + 4, value(rnd, bb.getInt(h + 4)));
                        bb.putInt(h + 16, value(rnd, bb.getInt(h + 16)));
                        what.append("PT_INTERP nowhere@").append(h);
                    }
                    case 1 -> { // not NUL-terminated: points into code
                        bb.putInt(h + 16, 1 + rnd.nextInt(300));
                        what.append("PT_INTERP unterminated@").append(h);
                    }
                    default -> { // a named path, written at the end of the file
                        String p = INTERPS[rnd.nextInt(INTERPS.length)];
                        byte[] s = (p + "\0").getBytes(StandardCharsets.US_ASCII);
                        int at = b.length - s.length - rnd.nextInt(64);
                        System.arraycopy(s, 0, b, at, s.length);
                        bb.putInt(h + 4, at);
                        bb.putInt(h + 16, s.length);
                        what.append("PT_INTERP ").append(p).append('@').append(h);
                    }
                }
            }
            case 6 -> { // a type the loader treats specially
                int h = phoff + 32 * rnd.nextInt(phnum);
                int[] types = {PT_TLS, PT_GNU_STACK, 2 /* DYNAMIC */, 6 /* PHDR */, 4 /* NOTE */, 0x6474e552, 0x70000000};
                int t = types[rnd.nextInt(types.length)];
                bb.putInt(h, t);
                if (rnd.nextBoolean()) bb.putInt(h + 4 * (1 + rnd.nextInt(7)), value(rnd, 0));
                what.append(String.format("phdr@%d p_type=0x%x", h, t));
            }
            case 7 -> { // a bad entry point
                int e = bb.getInt(24);
                int v = switch (rnd.nextInt(4)) {
                    case 0 -> e + 1 + rnd.nextInt(3); // misaligned
                    case 1 -> 0;
                    case 2 -> e + rnd.nextInt(0x100000) * 4; // data, bss or unmapped
                    default -> rnd.nextInt();
                };
                bb.putInt(24, v);
                what.append(String.format("e_entry=0x%x", v));
            }
            case 8 -> { // truncation
                int len = rnd.nextInt(4) == 0 ? rnd.nextInt(Math.min(b.length, 4096)) : rnd.nextInt(b.length);
                what.append("truncate to ").append(len);
                return Arrays.copyOf(b, len);
            }
            case 9 -> { // random flips in the headers
                int span = Math.min(b.length, phOk ? phoff + 32 * phnum : 52);
                int k = 1 + rnd.nextInt(8);
                for (int i = 0; i < k; i++) b[rnd.nextInt(span)] ^= (byte) (1 + rnd.nextInt(255));
                what.append(k).append(" flips in headers");
            }
            default -> { // random flips anywhere
                int k = 1 + rnd.nextInt(16);
                for (int i = 0; i < k; i++) b[rnd.nextInt(b.length)] ^= (byte) (1 + rnd.nextInt(255));
                what.append(k).append(" flips anywhere");
            }
        }
        return b;
    }

    private static int loadHeader(ByteBuffer bb, int phoff, int phnum, Random rnd) {
        int start = rnd.nextInt(phnum);
        for (int i = 0; i < phnum; i++) {
            int h = phoff + 32 * ((start + i) % phnum);
            if (bb.getInt(h) == PT_LOAD) return h;
        }
        return phoff + 32 * start;
    }

    /**
     * Runs {@code program} in-process with the interpreter or the translator (synchronous
     * compile: no compiler thread per run), a time limit and an instruction budget, and judges the outcome. The launcher
     * runs on a thread of its own so a run that ignores the limit is reported instead of hanging
     * the caller.
     */
    public static Verdict run(Path program, Path cwd, EngineKind engine, long limitMillis, long insnLimit) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errPs = new PrintStream(new Capped(err), true);
        GuestLauncher.Request req = GuestLauncher.Request.of(program, List.of(), List.of(), engine,
                new ByteArrayInputStream(new byte[0]), new Capped(new ByteArrayOutputStream()), errPs, cwd)
                .withSynchronousCompile().withTimeLimit(limitMillis).withInsnLimit(insnLimit);
        FutureTask<Integer> task = new FutureTask<>(() -> GuestLauncher.run(req));
        Thread t = new Thread(null, task, "elf-fuzz-run", 16L << 20);
        t.setDaemon(true);
        long t0 = System.nanoTime();
        t.start();
        int status;
        try {
            status = task.get(limitMillis + 10_000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new Verdict(-1, err.toString(StandardCharsets.ISO_8859_1), millis(t0), "hang: the run ignored its time limit");
        } catch (ExecutionException e) {
            return new Verdict(-1, err.toString(StandardCharsets.ISO_8859_1), millis(t0), "host exception: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict(-1, "", millis(t0), "interrupted");
        }
        String text;
        synchronized (err) { text = err.toString(StandardCharsets.ISO_8859_1); }
        return new Verdict(status, text, millis(t0), judge(status, text));
    }

    /** What a campaign found: counts, and one line per failing mutant (its file is kept in {@code keep}). */
    public record Summary(int cases, int refused, int ran, int limited, long slowestMillis, long totalMillis, List<String> failures) {
        @Override public String toString() {
            return String.format("%d mutants: %d refused, %d ran (%d stopped by a limit), slowest %d ms, %d ms in all, %d failures",
                    cases, refused, ran, limited, slowestMillis, totalMillis, failures.size());
        }
    }

    /**
     * Mutant {@code i} of a campaign comes from {@code Random(seed + i)}: one of {@code programs},
     * mutated, run under the interpreter (even i) or the translator (odd i). Runs on
     * {@code workers} threads at once (runs share nothing), each mutant in its own file under
     * {@code dir}; failing mutants are copied to {@code keep}.
     */
    public static Summary campaign(List<Path> programs, int cases, long seed, int workers, Path dir, Path keep,
                                   long limitMillis, long insnLimit) throws java.io.IOException, InterruptedException {
        List<byte[]> images = new java.util.ArrayList<>();
        for (Path p : programs) images.add(java.nio.file.Files.readAllBytes(p));
        List<String> failures = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(),
                refused = new java.util.concurrent.atomic.AtomicInteger(), limited = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicLong slowest = new java.util.concurrent.atomic.AtomicLong();
        long t0 = System.nanoTime();
        List<Thread> threads = new java.util.ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Throwable> broken = new java.util.concurrent.atomic.AtomicReference<>();
        for (int w = 0; w < workers; w++) {
            Path file = dir.resolve("mutant-" + w);
            Thread t = new Thread(() -> {
                try {
                    for (int i; (i = next.getAndIncrement()) < cases; ) {
                        Random rnd = new Random(seed + i);
                        int s = rnd.nextInt(images.size());
                        Mutant m = mutate(images.get(s), rnd);
                        java.nio.file.Files.write(file, m.bytes());
                        EngineKind engine = i % 2 == 0 ? EngineKind.INTERP : EngineKind.DBT;
                        Verdict v = run(file, dir, engine, limitMillis, insnLimit);
                        slowest.accumulateAndGet(v.millis(), Math::max);
                        if (v.status() == GuestLauncher.EXIT_CANNOT_EXECUTE || v.status() == GuestLauncher.EXIT_NOT_FOUND) refused.incrementAndGet();
                        if (v.stderr().contains("time limit") || v.stderr().contains("instruction limit")) limited.incrementAndGet();
                        if (!v.ok()) {
                            java.nio.file.Files.createDirectories(keep);
                            java.nio.file.Files.write(keep.resolve("case-" + i), m.bytes());
                            failures.add(String.format("case %d (Random(%d), %s, %s, %s): %s; status %d; stderr: %s", i, seed + i,
                                    programs.get(s).getFileName(), engine, m.description(), v.problem(), v.status(), v.stderr().strip()));
                        }
                    }
                } catch (Throwable e) {
                    broken.compareAndSet(null, e);
                }
            }, "elf-fuzz-worker-" + w);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) t.join();
        if (broken.get() != null) throw new IllegalStateException("fuzz worker failed", broken.get());
        int r = refused.get();
        return new Summary(cases, r, cases - r, limited.get(), slowest.get(), (System.nanoTime() - t0) / 1_000_000, List.copyOf(failures));
    }

    private static long millis(long t0) { return (System.nanoTime() - t0) / 1_000_000; }

    /** Null when the outcome is a clean one. */
    static String judge(int status, String err) {
        if (err.contains("Exception") || err.contains("\tat ")) return "Java exception on stderr";
        if (status == GuestLauncher.EXIT_CANNOT_EXECUTE || status == GuestLauncher.EXIT_NOT_FOUND) {
            // a guest may also exit 126/127 itself, but then after running: only refusals are checked
            if (err.startsWith("dynvm: ") && err.indexOf('\n') != err.length() - 1) return "refusal is not one line";
        }
        if (status < 0 || status > 255) return "status out of range: " + status;
        return null;
    }

    /** Keeps the first 64 KiB written (a looping guest must not fill the heap), drops the rest. */
    private static final class Capped extends OutputStream {
        private final ByteArrayOutputStream to;

        Capped(ByteArrayOutputStream to) { this.to = to; }

        @Override public void write(int c) { synchronized (to) { if (to.size() < 65536) to.write(c); } }

        @Override public void write(byte[] b, int off, int len) {
            synchronized (to) { to.write(b, off, Math.max(0, Math.min(len, 65536 - to.size()))); }
        }
    }
}

package dynvm.translator.fuzz;

import dynvm.spi.FuzzTarget;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Differential fuzzing of the interpreter and the translator against an independent oracle
 * (Unicorn): random instruction sequences from a {@link FuzzTarget} run from identical state under
 * all three; every field, the stop reason and the data page must agree. The two engines must agree
 * exactly; against the oracle the target may mask documented oracle errors
 * ({@link FuzzTarget#ignoredBits}). Case {@code i} of seed {@code s} is generated from its own
 * Random, so any case can be rerun alone ({@code --seed s --first i --iterations 1}).
 */
public final class DifferentialFuzzer {
    /**
     * @param length     instructions per case, or 0 for the target's mix (1, or 2-20)
     * @param first      index of the first case
     * @param threads    worker threads, each with its own engines and Unicorn instance
     * @param maxReports mismatches printed in full (all are counted)
     */
    public record Options(long seed, long iterations, int length, long first, int threads, int maxReports) { }

    /** @param trapped cases that stopped early (a trap or fault) in every engine and the oracle alike */
    public record Summary(String target, long cases, long mismatches, long trapped, double seconds, String report) {
        @Override public String toString() {
            return String.format("%s: %d cases, %d mismatches, %d trapped alike, %.1f s", target, cases, mismatches, trapped, seconds);
        }
    }

    private final PrintStream out;

    public DifferentialFuzzer(PrintStream out) { this.out = out; }

    /** Every fuzz target on the class path (one per front-end ISA or mode). */
    public static List<FuzzTarget> targets() {
        List<FuzzTarget> r = new ArrayList<>();
        for (FuzzTarget t : ServiceLoader.load(FuzzTarget.class)) r.add(t);
        return r;
    }

    public static FuzzTarget target(String name) {
        for (FuzzTarget t : targets()) if (t.name().equalsIgnoreCase(name)) return t;
        List<String> names = new ArrayList<>();
        for (FuzzTarget t : targets()) names.add(t.name());
        throw new IllegalArgumentException("no fuzz target '" + name + "' (have " + names + ")");
    }

    /** The Random case {@code index} of {@code seed} is generated from. */
    public static Random caseRandom(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new Random(z ^ (z >>> 31));
    }

    public Summary run(FuzzTarget target, Options o) throws InterruptedException {
        String why = Unicorn.unavailable();
        if (why != null) throw new IllegalStateException(why);
        long t0 = System.nanoTime();
        AtomicLong bad = new AtomicLong(), trapped = new AtomicLong();
        StringBuilder report = new StringBuilder();
        List<Thread> workers = new ArrayList<>();
        Throwable[] failure = new Throwable[1];
        int threads = Math.max(1, o.threads());
        for (int w = 0; w < threads; w++) {
            int worker = w;
            Thread th = new Thread(() -> {
                try (EngineOracle interp = new EngineOracle(target, false); EngineOracle dbt = new EngineOracle(target, true);
                     UnicornOracle uc = new UnicornOracle(target)) {
                    for (long i = o.first() + worker; i < o.first() + o.iterations(); i += threads) {
                        FuzzTarget.Case c = target.generate(caseRandom(o.seed(), i), o.length());
                        Oracle.Outcome u = uc.run(c), a = interp.run(c), b = dbt.run(c);
                        String diff = compare(target, c, u, a, b);
                        if (diff == null) {
                            if (!u.stop().equals("end")) trapped.incrementAndGet();
                            continue;
                        }
                        long n = bad.incrementAndGet();
                        if (n <= o.maxReports()) {
                            String r = String.format("MISMATCH %s case %d (seed %d; rerun: --seed %d --first %d --iterations 1)%n%s%s",
                                    target.name(), i, o.seed(), o.seed(), i, target.listing(c), diff);
                            synchronized (report) {
                                report.append(r);
                                out.print(r);
                                out.flush();
                            }
                        }
                    }
                } catch (Throwable t) {
                    synchronized (failure) { if (failure[0] == null) failure[0] = t; }
                }
            }, "dynvm-fuzz-" + w);
            th.setDaemon(true);
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) th.join();
        if (failure[0] != null) throw new IllegalStateException("fuzz worker failed: " + failure[0], failure[0]);
        return new Summary(target.name(), o.iterations(), bad.get(), trapped.get(), (System.nanoTime() - t0) / 1e9, report.toString());
    }

    /** Null when the three agree; otherwise a table of the fields, the differing ones marked. */
    public static String compare(FuzzTarget t, FuzzTarget.Case c, Oracle.Outcome u, Oracle.Outcome a, Oracle.Outcome b) {
        List<FuzzTarget.Field> fs = t.fields();
        boolean engines = a.stop().equals(b.stop()) && java.util.Arrays.equals(a.fields(), b.fields())
                && java.util.Arrays.equals(a.data(), b.data());
        boolean uEnd = u.stop().equals("end"), aEnd = a.stop().equals("end");
        boolean[] differs = new boolean[fs.size()];
        boolean oracle = uEnd == aEnd;
        if (oracle && uEnd) {
            for (int i = 0; i < fs.size(); i++) {
                long mask = fs.get(i).compared() & ~t.ignoredBits(c, i, u.fields(), a.fields());
                if (((u.fields()[i] ^ a.fields()[i]) & mask) != 0) {
                    differs[i] = true;
                    oracle = false;
                }
            }
            if (!java.util.Arrays.equals(u.data(), a.data())) oracle = false;
        }
        for (int i = 0; i < fs.size(); i++) if (a.fields()[i] != b.fields()[i]) differs[i] = true;
        if (engines && oracle) return null;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("  stop: unicorn %s, interp %s, dbt %s%n", u.stop(), a.stop(), b.stop()));
        sb.append(String.format("  %-8s %-18s %-18s %-18s %-18s%n", "field", "initial", "unicorn", "interp", "dbt"));
        for (int i = 0; i < fs.size(); i++) {
            long init = c.init()[i];
            boolean changed = init != u.fields()[i] || init != a.fields()[i] || init != b.fields()[i];
            if (!changed && !differs[i]) continue;
            String w = fs.get(i).bytes() == 8 ? "%016x" : "%08x";
            sb.append(String.format("  %-8s %-18s %-18s %-18s %-18s%s%n", fs.get(i).name(), String.format(w, init),
                    String.format(w, u.fields()[i]), String.format(w, a.fields()[i]), String.format(w, b.fields()[i]),
                    differs[i] ? "  <<" : ""));
        }
        sb.append(dataDiff("unicorn/interp", u.data(), a.data())).append(dataDiff("interp/dbt", a.data(), b.data()));
        return sb.toString();
    }

    private static String dataDiff(String what, byte[] x, byte[] y) {
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < x.length && shown < 8; i++) {
            if (x[i] != y[i]) {
                sb.append(String.format(" %08x:%02x/%02x", FuzzTarget.DATA + i, x[i] & 0xff, y[i] & 0xff));
                shown++;
            }
        }
        return sb.length() == 0 ? "" : "  data " + what + ":" + sb + System.lineSeparator();
    }
}

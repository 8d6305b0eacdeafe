package dynvm.translator.backend;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A diagnostic, not a test: which translated classes of a run the JVM's C1 compiler refuses.
 * Dump a run's classes ({@code dynvm run --dump-classes DIR ...}), then
 * <pre>
 * java -XX:TieredStopAtLevel=1 -Xbatch -Xcomp -XX:CompileCommand=quiet \
 *      -XX:CompileCommand=compileonly,dynvm.translator.backend.GuestBlock*::run -XX:+PrintCompilation \
 *      -cp translator/target/test-classes:translator/target/translator-0.1.0-SNAPSHOT.jar:translator/target/lib/* \
 *      dynvm.translator.backend.C1Probe DIR [NAME-PART]
 * </pre>
 * Each class is defined and its {@code run} called once with no state (it throws at once; under
 * {@code -Xcomp} C1 compiles it first): a line {@code PROBE file} with the count of irreducible
 * edges ({@link ControlFlowShape}) comes before the JVM's own compilation lines for that class,
 * and a refused one shows {@code COMPILE SKIPPED: reason}. docs/performance.md, "Regions that C1
 * refused", used it.
 */
public final class C1Probe {
    private C1Probe() { }

    public static void main(String[] args) throws Exception {
        try (var files = Files.list(Path.of(args[0]))) {
            for (Path p : files.sorted().toList()) {
                if (args.length > 1 && !p.getFileName().toString().contains(args[1])) continue;
                byte[] b = Files.readAllBytes(p);
                Class<?> c = MethodHandles.lookup().defineHiddenClass(b, true).lookupClass();
                System.out.println("PROBE " + p.getFileName() + " " + c.getName() + " irreducible="
                        + ControlFlowShape.irreducibleEdges(b).size());
                System.out.flush();
                Constructor<?> k = c.getDeclaredConstructors()[0];
                k.setAccessible(true);
                Object t = k.newInstance(0, 0, 0, 1, null, new int[2], null);
                for (Method m : c.getDeclaredMethods()) {
                    if (!m.getName().equals("run")) continue;
                    m.setAccessible(true);
                    try { m.invoke(t, new Object[]{null}); } catch (ReflectiveOperationException expected) { }
                }
            }
        }
    }
}

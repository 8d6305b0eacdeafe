package dynvm.translator.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The module rules of DESIGN.md ("Modules and what each may know") as a checker over source text.
 * Dependencies point one way: frontends and microkernel know nothing of ours, cache knows the
 * front-end SPI, the ISA modules know the SPI and the microkernel, the translator knows all but
 * the ISA modules' code (it finds them through ServiceLoader) and bench. On top of that: front-ends
 * never touch ASM, and the ISA-neutral modules (translator, cache, microkernel) name no ISA outside
 * comments and strings. Each broken rule is one {@link Violation} naming the file and line.
 *
 * <p>Main sources only: tests may name ISAs and reach across modules (the front-ends' tests run
 * their ISA through the translator's engines). For the same reason test-scoped pom dependencies
 * are allowed.
 */
final class ModuleRules {
    /**
     * One module: its directory, the packages it owns, the modules its main code may reference,
     * the modules its pom may depend on (main scope), and which of the extra rules apply.
     */
    record Module(String dir, Set<String> packages, Set<String> mayReference, Set<String> mayDependOn,
                  boolean isaNeutral, boolean noAsm) { }

    /** A broken rule: where (file and 1-based line, relative to the project root) and which. */
    record Violation(String file, int line, String rule) {
        @Override public String toString() { return file + ":" + line + ": " + rule; }
    }

    static final List<Module> MODULES = List.of(
            new Module("frontends", Set.of("dynvm.spi", "dynvm.ir"), Set.of(), Set.of(), false, true),
            new Module("microkernel", Set.of("dynvm.microkernel"), Set.of(), Set.of(), true, false),
            new Module("cache", Set.of("dynvm.cache"), Set.of("frontends"), Set.of("frontends"), true, false),
            new Module("ppc-frontend", Set.of("dynvm.ppc"), Set.of("frontends", "microkernel"),
                    Set.of("frontends", "microkernel"), false, true),
            new Module("arm-frontend", Set.of("dynvm.arm"), Set.of("frontends", "microkernel"),
                    Set.of("frontends", "microkernel"), false, true),
            new Module("translator", Set.of("dynvm.translator"), Set.of("frontends", "microkernel", "cache"),
                    Set.of("frontends", "microkernel", "cache", "ppc-frontend", "arm-frontend"), true, false),
            new Module("bench", Set.of("dynvm.bench"),
                    Set.of("frontends", "microkernel", "cache", "translator", "ppc-frontend", "arm-frontend"),
                    Set.of("frontends", "microkernel", "cache", "translator", "ppc-frontend", "arm-frontend"), false, false));

    /** The identifiers that name an ISA (whole words): what the translator, cache and microkernel must not contain. */
    static final Pattern ISA_NAME = Pattern.compile(
            "\\b(PPC|PPC32|ARM|THUMB|Ppc[A-Z][A-Za-z]*|Arm[A-Z][A-Za-z]*|Thumb[A-Z][A-Za-z]*|Vfp[A-Z][A-Za-z]*)\\b");
    private static final Pattern OUR_PACKAGE = Pattern.compile("\\bdynvm\\.([a-z][a-z0-9_]*)\\b");
    private static final Pattern ASM = Pattern.compile("\\borg\\s*\\.\\s*objectweb\\s*\\.\\s*asm\\b");
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);

    private ModuleRules() { }

    static Module module(String dir) {
        return MODULES.stream().filter(m -> m.dir().equals(dir)).findFirst().orElseThrow();
    }

    /** Every violation in the project under {@code root}. */
    static List<Violation> check(Path root) {
        List<Violation> found = new ArrayList<>();
        for (Module m : MODULES) {
            Path src = root.resolve(m.dir()).resolve("src/main/java");
            if (Files.isDirectory(src)) {
                try (Stream<Path> files = Files.walk(src)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                        found.addAll(checkSource(m, root.relativize(f).toString(), read(f)));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Path pom = root.resolve(m.dir()).resolve("pom.xml");
            if (Files.isRegularFile(pom)) found.addAll(checkPom(m, root.relativize(pom).toString(), read(pom)));
        }
        return found;
    }

    /** The violations of one main source file of module {@code m}. */
    static List<Violation> checkSource(Module m, String file, String source) {
        List<Violation> found = new ArrayList<>();
        String[] lines = JavaCode.of(source).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher ours = OUR_PACKAGE.matcher(line);
            while (ours.find()) {
                String pkg = "dynvm." + ours.group(1);
                Module owner = owner(pkg);
                if (owner != null && owner != m && !m.mayReference().contains(owner.dir())) {
                    found.add(new Violation(file, i + 1, m.dir() + " must not use " + pkg + " (module " + owner.dir() + ")"));
                }
            }
            if (m.noAsm() && ASM.matcher(line).find()) {
                found.add(new Violation(file, i + 1, m.dir() + " must not touch ASM (org.objectweb.asm)"));
            }
            if (m.isaNeutral()) {
                Matcher isa = ISA_NAME.matcher(line);
                while (isa.find()) {
                    found.add(new Violation(file, i + 1, m.dir() + " is ISA-neutral but names " + isa.group(1)));
                }
            }
        }
        return found;
    }

    /** The violations of module {@code m}'s pom: a main-scope dependency on one of our modules it may not depend on. */
    static List<Violation> checkPom(Module m, String file, String pom) {
        List<Violation> found = new ArrayList<>();
        Matcher dep = DEPENDENCY.matcher(pom);
        while (dep.find()) {
            String body = dep.group(1);
            if (!"dynvm".equals(tag(body, "groupId")) || "test".equals(tag(body, "scope"))) continue;
            String artifact = tag(body, "artifactId");
            if (!m.mayDependOn().contains(artifact)) {
                int line = (int) pom.substring(0, dep.start()).chars().filter(c -> c == '\n').count() + 1;
                found.add(new Violation(file, line, m.dir() + " must not depend on " + artifact));
            }
        }
        return found;
    }

    private static Module owner(String pkg) {
        for (Module m : MODULES) if (m.packages().contains(pkg)) return m;
        return null;
    }

    private static String tag(String xml, String name) {
        Matcher t = Pattern.compile("<" + name + ">\\s*([^<]*?)\\s*</" + name + ">").matcher(xml);
        return t.find() ? t.group(1) : null;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dynvm.translator.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md's module rules hold in the source tree (see {@link ModuleRules}), and the checker
 * provably bites: planted violations in strings are each reported at their line, and what only
 * looks like one (in a comment or a string literal) is not.
 */
class ModuleRulesTest {
    /** The project root: the nearest directory up from the module's that has every module in it. */
    private static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("translator")) && Files.isDirectory(p.resolve("microkernel"))
                    && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void theSourceTreeKeepsTheModuleRules() {
        List<ModuleRules.Violation> v = ModuleRules.check(root());
        assertTrue(v.isEmpty(), v.size() + " module-rule violation(s):\n"
                + v.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }

    @Test
    void theCheckerSeesTheWholeTree() {
        // a wrong root or a renamed source directory would make the test above pass vacuously
        for (ModuleRules.Module m : ModuleRules.MODULES) {
            assertTrue(Files.isDirectory(root().resolve(m.dir()).resolve("src/main/java")), m.dir());
        }
    }

    @Test
    void isaNamesAndIsaImportsInANeutralModuleAreReported() {
        String src = """
                package dynvm.cache;

                import dynvm.ppc.PpcIsa;
                // PPC and ARM in a comment are fine
                class X {
                    String s = "THUMB in a string is fine", t = \"\"\"
                        ArmDecoder in a text block too
                        \"\"\";
                    char c = 'A'; /* VfpRow
                       spans lines */ int ARM = 1;
                    Object o = dynvm.translator.vm.UserModeVm.class;
                    Object p = dynvm.spi.Isa.class;
                }
                """;
        List<String> v = lines(ModuleRules.checkSource(ModuleRules.module("cache"), "X.java", src));
        assertEquals(List.of(
                "X.java:3: cache must not use dynvm.ppc (module ppc-frontend)",
                "X.java:3: cache is ISA-neutral but names PpcIsa",
                "X.java:10: cache is ISA-neutral but names ARM",
                "X.java:11: cache must not use dynvm.translator (module translator)"), v);
    }

    @Test
    void layeringInTheKernelAndTheSpiIsReported() {
        String kernel = "package dynvm.microkernel.x;\nimport dynvm.spi.Isa;\nimport dynvm.ir.Op;\n";
        assertEquals(List.of(
                "K.java:2: microkernel must not use dynvm.spi (module frontends)",
                "K.java:3: microkernel must not use dynvm.ir (module frontends)"),
                lines(ModuleRules.checkSource(ModuleRules.module("microkernel"), "K.java", kernel)));
        String spi = "package dynvm.spi;\nimport dynvm.microkernel.mem.GuestMemory;\n";
        assertEquals(List.of("S.java:2: frontends must not use dynvm.microkernel (module microkernel)"),
                lines(ModuleRules.checkSource(ModuleRules.module("frontends"), "S.java", spi)));
    }

    @Test
    void asmInAFrontEndIsReported() {
        String src = "package dynvm.arm;\n\nimport org.objectweb.asm.MethodVisitor;\nimport dynvm.translator.vm.Diag;\n";
        assertEquals(List.of(
                "A.java:3: arm-frontend must not touch ASM (org.objectweb.asm)",
                "A.java:4: arm-frontend must not use dynvm.translator (module translator)"),
                lines(ModuleRules.checkSource(ModuleRules.module("arm-frontend"), "A.java", src)));
    }

    @Test
    void aPomDependencyAgainstTheLayeringIsReported() {
        String pom = """
                <project>
                  <dependencies>
                    <dependency><groupId>dynvm</groupId><artifactId>frontends</artifactId></dependency>
                    <dependency>
                      <groupId>dynvm</groupId><artifactId>translator</artifactId>
                    </dependency>
                    <dependency><groupId>dynvm</groupId><artifactId>translator</artifactId><scope>test</scope></dependency>
                    <dependency><groupId>org.ow2.asm</groupId><artifactId>asm</artifactId></dependency>
                  </dependencies>
                </project>
                """;
        assertEquals(List.of("pom.xml:4: cache must not depend on translator"),
                lines(ModuleRules.checkPom(ModuleRules.module("cache"), "pom.xml", pom)));
        assertEquals(List.of("pom.xml:3: microkernel must not depend on frontends", "pom.xml:4: microkernel must not depend on translator"),
                lines(ModuleRules.checkPom(ModuleRules.module("microkernel"), "pom.xml", pom)));
    }

    private static List<String> lines(List<ModuleRules.Violation> v) {
        return v.stream().map(Object::toString).toList();
    }
}

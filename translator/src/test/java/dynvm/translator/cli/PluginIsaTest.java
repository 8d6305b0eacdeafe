package dynvm.translator.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plug-in promise: an ISA that dynvm has never heard of, compiled here into its own jar with
 * META-INF/services entries (the ISA, and its Linux user ABI for the personality), is listed by {@code dynvm isas}, picked from the ELF header by
 * {@code --isa auto} and runs under both engines, with nothing else on the classpath changed.
 */
class PluginIsaTest {
    @TempDir Path tmp;

    @Test
    void aFrontEndJarOnTheClasspathIsAllItTakes() throws Exception {
        Path jar = buildPluginJar();
        Path prog = tmp.resolve("hello.acc20");
        Files.write(prog, helloElf());

        String isas = runCli(jar, "isas").out;
        assertTrue(isas.contains("acc20") && isas.contains("toy accumulator ISA from a plug-in jar"), isas);
        for (String engine : List.of("interp", "dbt")) {
            Result r = runCli(jar, "run", "--engine", engine, prog.toString());
            assertEquals("plug-in says hi\n", r.out, engine + ": " + r.err);
            assertEquals(42, r.status, engine);
        }
        Result without = runCli(null, "run", prog.toString());
        assertNotEquals(42, without.status, "without the jar the ISA is unknown");
        assertEquals("", without.out);
    }

    private Path buildPluginJar() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Assumptions.assumeTrue(javac != null, "needs a JDK (javax.tools) to compile the plug-in");
        Path src = tmp.resolve("src/example/acc20/Acc20Isa.java"), classes = tmp.resolve("classes");
        Files.createDirectories(src.getParent());
        Files.createDirectories(classes);
        try (InputStream in = getClass().getResourceAsStream("/plugin/Acc20Isa.java.txt")) {
            Files.write(src, in.readAllBytes());
        }
        int rc = javac.run(null, null, null, "-d", classes.toString(), "-cp", System.getProperty("java.class.path"), src.toString());
        assertEquals(0, rc, "plug-in compiles against the SPI alone");
        Path jar = tmp.resolve("acc20.jar");
        try (JarOutputStream j = new JarOutputStream(Files.newOutputStream(jar))) {
            j.putNextEntry(new JarEntry("META-INF/services/dynvm.spi.Isa"));
            j.write("example.acc20.Acc20Isa\n".getBytes(StandardCharsets.US_ASCII));
            j.putNextEntry(new JarEntry("META-INF/services/dynvm.microkernel.linux.LinuxAbiProvider"));
            j.write("example.acc20.Acc20Isa$Linux\n".getBytes(StandardCharsets.US_ASCII));
            try (var files = Files.walk(classes)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    j.write(Files.readAllBytes(f));
                }
            }
        }
        return jar;
    }

    /** An ELF for e_machine 0x4ac0: write(1, msg, 16); a 3-iteration loop; exit_group(42). */
    private static byte[] helloElf() {
        int base = 0x10000, code = base + 0x100, msg = base + 0x200;
        int[] words = {
                0x01_0_00001, 0x01_1_00001, 0x01_2_00000 | msg, 0x01_3_00010, 0x03_0_00000, // write(1, msg, 16)
                0x01_4_00003, 0x02_4_fffff, 0x04_4_fffff,                                  // r4 = 3; do r4-- while r4
                0x01_0_00002, 0x01_1_0002a, 0x03_0_00000};                                 // exit_group(42)
        ByteBuffer b = ByteBuffer.allocate(0x300).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[]{0x7f, 'E', 'L', 'F', 1, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 0x4ac0).putInt(1).putInt(code).putInt(52).putInt(0).putInt(0)
                .putShort((short) 52).putShort((short) 32).putShort((short) 1).putShort((short) 40).putShort((short) 0).putShort((short) 0);
        b.putInt(1).putInt(0).putInt(base).putInt(base).putInt(0x300).putInt(0x300).putInt(5).putInt(0x1000);
        b.position(0x100);
        for (int w : words) b.putInt(w);
        b.position(0x200);
        b.put("plug-in says hi\n".getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private record Result(int status, String out, String err) { }

    private static Result runCli(Path pluginJar, String... args) throws Exception {
        String cp = System.getProperty("java.class.path") + (pluginJar == null ? "" : java.io.File.pathSeparator + pluginJar);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "dynvm.translator.cli.Main"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        byte[] out = p.getInputStream().readAllBytes(), err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }
}

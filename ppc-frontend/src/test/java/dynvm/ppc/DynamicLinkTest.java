package dynvm.ppc;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dynamically linked PowerPC programs (guest/dynamic: PIE and fixed-address, libc, libm, dlopen)
 * run with the Debian cross sysroot as -L under both engines: stdout and exit status must equal
 * qemu-ppc -L's, run live. Skips without the sysroot's runtime (Debian libc6-powerpc-cross) or
 * qemu-ppc.
 *
 * <p>qemu-ppc 7.2 raises SIGILL on the ISA 3.0 {@code mffscrni} that glibc 2.36's libc and libm
 * execute (see guest/README.md, "qemu and mffscrni"), so qemu gets a private sysroot whose ld.so,
 * libc and libm have those forms rewritten as the plain {@code mffs} a pre-ISA-3.0 processor
 * executes; dynvm runs the real sysroot.
 */
class DynamicLinkTest {
    static final Path SYSROOT = Path.of("/usr/powerpc-linux-gnu");
    static final Path DIR = GuestCase.GUEST.resolve("dynamic/bin");
    static final List<String> LIBS = List.of("ld.so.1", "libc.so.6", "libm.so.6");

    @TempDir static Path qemuRoot;
    @TempDir Path cwd;

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (new File(dir, tool).canExecute()) return true;
        return false;
    }

    static void requireSysroot() {
        for (String lib : LIBS)
            assumeTrue(Files.isRegularFile(SYSROOT.resolve("lib").resolve(lib)), SYSROOT + "/lib/" + lib
                    + " missing (Debian package libc6-powerpc-cross): dynamic-linking tests skipped");
    }

    @BeforeAll
    static void stageQemuSysroot() throws IOException {
        if (!Files.isDirectory(SYSROOT.resolve("lib"))) return;
        Files.createDirectories(qemuRoot.resolve("lib"));
        for (String lib : LIBS) {
            Path src = SYSROOT.resolve("lib").resolve(lib);
            if (Files.isRegularFile(src)) Files.write(qemuRoot.resolve("lib").resolve(lib), mffsAsPreIsa3(Files.readAllBytes(src)));
        }
    }

    static Stream<Arguments> runs() {
        List<Arguments> a = new ArrayList<>();
        for (String p : List.of("dyn_hello", "dyn_hello_nopie", "dyn_libm"))
            for (EngineKind k : new EngineKind[] {EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(p, k));
        return a.stream();
    }

    record Result(int exit, String stdout, String stderr) {}

    @ParameterizedTest(name = "{0} [{1}]")
    @MethodSource("runs")
    void matchesQemu(String program, EngineKind engine) throws Exception {
        requireSysroot();
        assumeTrue(onPath("qemu-ppc"), "qemu-ppc not installed (Debian package qemu-user): dynamic-linking oracle skipped");
        List<String> args = List.of("one", "two words");
        Result q = qemu(DIR.resolve(program), args);
        Result d = dynvm(DIR.resolve(program), args, engine, SYSROOT);
        assertEquals(q.stdout(), d.stdout(), "stdout; dynvm stderr: " + d.stderr() + "; qemu stderr: " + q.stderr());
        assertEquals(q.exit(), d.exit(), "exit status; stderr: " + d.stderr());
        assertFalse(d.stdout().isEmpty());
    }

    @Test
    void withoutASysrootTheMissingInterpreterIsOneLine() {
        Result r = dynvm(DIR.resolve("dyn_hello"), List.of(), EngineKind.INTERP, null);
        assertEquals(GuestLauncher.EXIT_NOT_FOUND, r.exit(), r.stderr());
        String line = r.stderr();
        assertTrue(line.startsWith("dynvm: " + DIR.resolve("dyn_hello") + ": cannot load interpreter /lib/ld.so.1 ("), line);
        assertEquals(1, line.lines().count(), line);
        if (Files.isRegularFile(SYSROOT.resolve("lib/ld.so.1")))
            assertTrue(line.contains("try -L " + SYSROOT), "suggests the installed sysroot: " + line);
    }

    Result dynvm(Path program, List<String> args, EngineKind engine, Path sysroot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(program, args, List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), cwd).withSysroot(sysroot);
        int status = GuestLauncher.run(req);
        return new Result(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    Result qemu(Path program, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-ppc", "-L", qemuRoot.toString(), program.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        Path errFile = Files.createTempFile("dynvm-qemu-err", ".txt");
        try {
            Process p = pb.redirectError(errFile.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("qemu-ppc timed out"); }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1), Files.readString(errFile, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }

    /**
     * What guest/mffs_as_pre_isa3.py does, for a big-endian ELF32: in executable sections, every
     * ISA 3.0 extended form of mffs (opcode 63, XO 583, bits 11-15 non-zero) becomes plain mffs.
     */
    static byte[] mffsAsPreIsa3(byte[] elf) {
        ByteBuffer b = ByteBuffer.wrap(elf);
        int shoff = b.getInt(0x20), shentsize = b.getShort(0x2e) & 0xffff, shnum = b.getShort(0x30) & 0xffff;
        for (int i = 0; i < shnum; i++) {
            int sh = shoff + i * shentsize;
            int flags = b.getInt(sh + 8), off = b.getInt(sh + 16), size = b.getInt(sh + 20);
            if ((flags & 4) == 0 || b.getInt(sh + 4) == 8) continue; // SHF_EXECINSTR, not NOBITS
            for (int p = off; p + 4 <= off + size; p += 4) {
                int w = b.getInt(p);
                if ((w & 0xfc0007fe) == 0xfc00048e && ((w >>> 16) & 0x1f) != 0) b.putInt(p, w & ~0x001ff800);
            }
        }
        return elf;
    }
}

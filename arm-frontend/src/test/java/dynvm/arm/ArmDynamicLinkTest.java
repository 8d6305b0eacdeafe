package dynvm.arm;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Dynamically linked ARM programs (guest/dynamic/armel and armhf, built from the PowerPC suite's
 * sources: PIE and fixed-address, libc, libm, dlopen) run with the matching Debian cross sysroot
 * as -L under both engines: stdout and exit status must equal qemu-arm -L's, run live. Skips
 * without the sysroot's runtime (Debian libc6-armel-cross, libc6-armhf-cross) or qemu-arm. Also
 * a {@code #!/bin/sh} script run against a sysroot whose /bin/sh is busybox.
 */
class ArmDynamicLinkTest {
    static final Path DIR = ArmGuestCase.GUEST.resolve("dynamic");

    enum Abi {
        ARMEL("/usr/arm-linux-gnueabi", "ld-linux.so.3"), ARMHF("/usr/arm-linux-gnueabihf", "ld-linux-armhf.so.3");

        final Path sysroot;
        final String ld;

        Abi(String sysroot, String ld) { this.sysroot = Path.of(sysroot); this.ld = ld; }

        Path bin(String name) { return DIR.resolve(name().toLowerCase()).resolve(name); }

        void require() {
            assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
            for (String lib : List.of(ld, "libc.so.6", "libm.so.6"))
                assumeTrue(Files.isRegularFile(sysroot.resolve("lib").resolve(lib)), sysroot + "/lib/" + lib + " missing (Debian package libc6-"
                        + name().toLowerCase() + "-cross): dynamic-linking tests skipped");
        }
    }

    @TempDir Path cwd;

    static Stream<Arguments> runs() {
        List<Arguments> a = new ArrayList<>();
        for (Abi abi : Abi.values())
            for (String p : List.of("dyn_hello", "dyn_hello_nopie", "dyn_libm"))
                for (EngineKind k : new EngineKind[] {EngineKind.INTERP, EngineKind.DBT}) a.add(Arguments.of(abi, p, k));
        return a.stream();
    }

    record Result(int exit, String stdout, String stderr) {}

    @ParameterizedTest(name = "{0} {1} [{2}]")
    @MethodSource("runs")
    void matchesQemu(Abi abi, String program, EngineKind engine) throws Exception {
        abi.require();
        assumeTrue(ArmQemuOracleTest.onPath("qemu-arm"), "qemu-arm not installed (Debian package qemu-user): dynamic-linking oracle skipped");
        List<String> args = List.of("one", "two words");
        Result q = qemu(abi, abi.bin(program), args);
        Result d = dynvm(abi.bin(program), args, engine, abi.sysroot);
        assertEquals(q.stdout(), d.stdout(), "stdout; dynvm stderr: " + d.stderr() + "; qemu stderr: " + q.stderr());
        assertEquals(q.exit(), d.exit(), "exit status; stderr: " + d.stderr());
        assertFalse(d.stdout().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Abi.class)
    void withoutASysrootTheMissingInterpreterIsOneLine(Abi abi) {
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        Result r = dynvm(abi.bin("dyn_hello"), List.of(), EngineKind.INTERP, null);
        assertEquals(GuestLauncher.EXIT_NOT_FOUND, r.exit(), r.stderr());
        String line = r.stderr();
        assertTrue(line.startsWith("dynvm: " + abi.bin("dyn_hello") + ": cannot load interpreter /lib/" + abi.ld + " ("), line);
        assertEquals(1, line.lines().count(), line);
        if (Files.isRegularFile(abi.sysroot.resolve("lib").resolve(abi.ld)))
            assertTrue(line.contains("try -L " + abi.sysroot + ")"), "suggests the matching sysroot: " + line);
    }

    /** A #! script whose /bin/sh is the sysroot's (busybox): argv as Linux builds it. */
    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void shellScriptRunsAgainstASysroot(EngineKind engine) throws Exception {
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        Path busybox = BusyboxTest.busyboxPath(BusyboxTest.Build.ARMEL);
        assumeTrue(Files.isRegularFile(busybox), "busybox-static (armel) not found at " + busybox
                + ": run arm-frontend/src/test/guest/fetch-busybox.sh armel");
        Path root = cwd.resolve("root");
        Files.createDirectories(root.resolve("bin"));
        Files.createSymbolicLink(root.resolve("bin/sh"), busybox);
        Path script = cwd.resolve("s.sh");
        Files.writeString(script, "#!/bin/sh -e\necho \"0=$0 n=$# 1=$1 2=$2\"; echo $((6 * 7)); exit 5\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = dynvm(script, List.of("a", "b c"), engine, root);
        assertEquals("0=" + script + " n=2 1=a 2=b c\n42\n", r.stdout(), r.stderr());
        assertEquals(5, r.exit(), r.stderr());
    }

    Result dynvm(Path program, List<String> args, EngineKind engine, Path sysroot) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(program, args, List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), cwd).withSysroot(sysroot);
        int status = GuestLauncher.run(req);
        return new Result(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    Result qemu(Abi abi, Path program, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-arm", "-L", abi.sysroot.toString(), program.toString()));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().clear();
        Path errFile = Files.createTempFile("dynvm-qemu-err", ".txt");
        try {
            Process p = pb.redirectError(errFile.toFile()).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) { p.destroyForcibly(); throw new AssertionError("qemu-arm timed out"); }
            return new Result(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1), Files.readString(errFile, StandardCharsets.ISO_8859_1));
        } finally {
            Files.deleteIfExists(errFile);
        }
    }
}

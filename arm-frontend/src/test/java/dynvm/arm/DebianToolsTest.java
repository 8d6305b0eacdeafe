package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real Debian armhf tools (issue 17's acceptance 1) under both engines: {@code xz -T2 -6} round
 * trip of a 20 MiB file, compared with qemu-arm's compression (guest/userland/xz.golden, written
 * by guest/userland/golden.sh) and with the input; coreutils' {@code ls -ls} and {@code du -s} of
 * an empty, a small, a dense and a sparse file and a folder, compared live with the host's own
 * coreutils on the same files (the issue asks for the host's st_blocks, so the host is the oracle).
 *
 * <p>The sysroot (xz-utils, coreutils and their libraries) comes from guest/fetch-userland.sh
 * (apt and network; .ci/run fetches it); without it every case skips with the reason. {@code mvn
 * test} runs ls/du under the translator; {@code -Ddynvm.python=all} (.ci/run, with
 * PythonProgramsTest) runs everything under both engines: the xz round trip is about 5 billion
 * guest instructions, minutes under the translator and far more under the interpreter.
 */
class DebianToolsTest {
    static final Path DIR = ArmGuestCase.GUEST.resolve("userland");
    /** Set mtimes so `ls -l` prints the same date wherever and whenever the test runs. */
    static final FileTime MTIME = FileTime.fromMillis(1_700_000_000_000L);
    static final List<String> ENV = List.of("PATH=/usr/bin:/bin", "LC_ALL=C", "TZ=UTC");

    @TempDir Path cwd;

    /** $DYNVM_USERLAND_SYSROOT, else fetch-userland.sh's cache ($DYNVM_CACHE or ~/.cache/dynvm, then userland-armhf). */
    static Path sysroot() { return ArmGuestCase.cachedSysroot("dynvm.userlandSysroot", "DYNVM_USERLAND_SYSROOT", "userland-armhf"); }

    static Path requirements() {
        assumeTrue(ArmGuestCase.armFrontEndInstalled(), "no ARM front-end registered");
        Path sr = sysroot();
        assumeTrue(Files.isExecutable(sr.resolve("usr/bin/xz")) && Files.isExecutable(sr.resolve("bin/ls"))
                        && Files.isExecutable(sr.resolve("usr/bin/du")),
                "Debian armhf xz-utils and coreutils not found in " + sr
                        + ": run arm-frontend/src/test/guest/fetch-userland.sh (needs apt and network)");
        return sr;
    }

    record Result(int exit, byte[] stdout, String stderr) {
        String out() { return new String(stdout, StandardCharsets.UTF_8); }
    }

    Result guest(Path sr, String program, List<String> args, EngineKind engine, long limitMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(sr.resolve(program), args, ENV, engine,
                        new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), cwd)
                .withSysroot(sr).withTimeLimit(limitMillis);
        int status = GuestLauncher.run(req);
        return new Result(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"DBT", "INTERP"})
    void lsAndDuEqualTheHosts(EngineKind engine) throws Exception {
        Path sr = requirements();
        assumeTrue(PythonProgramsTest.all() || engine == EngineKind.DBT,
                "ls/du [" + engine + "] runs with -Ddynvm.python=all (.ci/run)");
        makeFiles();
        List<String> du = List.of("-s", "empty", "small", "dense", "sparse", "folder");
        List<String> ls = List.of("-ls");
        Result gls = guest(sr, "bin/ls", ls, engine, 300_000);
        assertEquals(host("ls", ls), gls.out(), "ls -ls [" + engine + "]; stderr: " + gls.stderr());
        assertEquals(0, gls.exit(), "ls exit status; stderr: " + gls.stderr());
        Result gdu = guest(sr, "usr/bin/du", du, engine, 300_000);
        assertEquals(host("du", du), gdu.out(), "du -s [" + engine + "]; stderr: " + gdu.stderr());
        assertEquals(0, gdu.exit(), "du exit status; stderr: " + gdu.stderr());
    }

    /** Files whose st_blocks differ from what their sizes suggest: empty, 1 byte, 100 kB, sparse 8 MiB with 2 bytes, a folder. */
    void makeFiles() throws Exception {
        ArmGuestCase.sparseAndDenseFiles(cwd);
        Files.write(cwd.resolve("folder/inner"), new byte[5000]);
        for (String n : List.of("empty", "small", "dense", "sparse", "folder/inner", "folder"))
            Files.setLastModifiedTime(cwd.resolve(n), MTIME);
    }

    /** The host's own coreutils in the same folder and environment. */
    String host(String tool, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(tool));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().clear();
        for (String kv : ENV) pb.environment().put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        Process p;
        try {
            p = pb.start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no host " + tool + ": " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "the host's " + tool + " failed");
        return out;
    }

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(names = {"DBT", "INTERP"})
    @org.junit.jupiter.api.Timeout(value = 4, unit = java.util.concurrent.TimeUnit.HOURS)
    void xzRoundTripMatchesQemu(EngineKind engine) throws Exception {
        Path sr = requirements();
        assumeTrue(PythonProgramsTest.all(), "xz -T2 -6 of 20 MiB [" + engine + "] runs with -Ddynvm.python=all (.ci/run): minutes");
        // 5.5 billion guest instructions: about 2 minutes translated, but 12 CPU minutes (half an
        // hour on a busy machine) interpreted, past JUnit's 10-minute limit and CI's budget; the
        // interpreted run is asked for by name (it matched qemu-arm when run: docs/worklog/x17.md)
        assumeTrue(engine == EngineKind.DBT || Boolean.getBoolean("dynvm.xz.interp"),
                "xz -T2 -6 of 20 MiB under the interpreter runs with -Ddynvm.xz.interp=true (about 12 CPU minutes)");
        String[] golden = Files.readString(DIR.resolve("xz.golden"), StandardCharsets.US_ASCII).split("\\s+");
        byte[] input = xzInput();
        assertEquals(golden[1], sha256(input), "make-input.py and xzInput() differ");
        Files.write(cwd.resolve("data"), input);
        // engines' wall time: the interpreter needs most of an hour on a busy machine
        long limit = 3 * 3600_000L;
        Result c = guest(sr, "usr/bin/xz", List.of("-T2", "-6", "data"), engine, limit);
        assertEquals(0, c.exit(), "xz -T2 -6 [" + engine + "]; stderr: " + c.stderr());
        assertEquals(golden[4], sha256(Files.readAllBytes(cwd.resolve("data.xz"))), "data.xz [" + engine + "] differs from qemu-arm's");
        assertEquals(false, Files.exists(cwd.resolve("data")), "xz removes its input");
        Result d = guest(sr, "usr/bin/xz", List.of("-T2", "-d", "data.xz"), engine, limit);
        assertEquals(0, d.exit(), "xz -T2 -d [" + engine + "]; stderr: " + d.stderr());
        assertArrayEquals(input, Files.readAllBytes(cwd.resolve("data")), "xz -d [" + engine + "] does not give the input back");
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static final String[] WORDS = "the of and to in is was for translator guest host block region engine thread futex".split(" ");

    /**
     * guest/userland/make-input.py's 20 MiB: 3000 lines of words picked by a Park-Miller generator
     * (seed 17), then parts of one line repeated 20,000 times under "== part N ==" headers. The
     * short-period parts keep LZMA's cost near its floor (about 250 guest instructions a byte).
     */
    static byte[] xzInput() {
        int size = 20 << 20;
        ByteArrayOutputStream b = new ByteArrayOutputStream(size + (1 << 20));
        long[] x = {17};
        java.util.function.LongSupplier rnd = () -> x[0] = x[0] * 16807 % 2147483647;
        for (int n = 0; n < 3000; n++) {
            long k = 4 + rnd.getAsLong() % 9;
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < k; i++) line.append(i == 0 ? "" : " ").append(WORDS[(int) (rnd.getAsLong() % 16)]);
            b.writeBytes(line.append('\n').toString().getBytes(StandardCharsets.US_ASCII));
        }
        byte[] fox = "the quick brown fox jumps over the lazy dog\n".getBytes(StandardCharsets.US_ASCII);
        for (int part = 1; b.size() < size; part++) {
            b.writeBytes(("== part " + part + " ==\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 20000; i++) b.writeBytes(fox);
        }
        return java.util.Arrays.copyOf(b.toByteArray(), size);
    }
}

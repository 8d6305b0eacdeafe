package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 18's libcrypto acceptance: Debian's armhf python3.11 on the default model (cortex-a15,
 * AT_HWCAP with {@code neon}), so OpenSSL 3's libcrypto takes its NEON SHA-1/SHA-256/SHA-512 and
 * glibc its NEON memcpy/memchr, runs guest/python/neon_hashes.py (hashlib md5/sha1/sha2 over 3 MiB
 * of deterministic data, odd lengths and unaligned starts and odd update chunks; hmac; zlib
 * compress/decompress/crc32/adler32, streamed with odd chunks) and prints what
 * {@code qemu-arm -cpu cortex-a15 -L SYSROOT} printed (neon_hashes.out, guest/python/golden.sh;
 * the host's own python3.11 prints the same). The AT_HWCAP the program sees is checked too, so the
 * test cannot pass by running the non-NEON paths.
 *
 * <p>Skips without the sysroot (bench/fetch-python.sh). The translator only (about two minutes on
 * a loaded 2-core machine; qemu-arm takes 4 s of CPU): the interpreter did not finish within
 * JUnit's 10-minute limit. The interpreter's NEON rows are checked against the translator's by
 * the unit and fuzz tests, and both engines run the NEON guest program and the armhf suite.
 */
class PythonNeonTest {
    @TempDir Path cwd;

    @ParameterizedTest(name = "[{0}]")
    @EnumSource(value = EngineKind.class, names = {"DBT"})
    void hashlibAndZlibWithNeonMatchQemu(EngineKind engine) throws Exception {
        Path sr = PythonProgramsTest.requirements();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the auxv's AT_HWCAP (type 16) first, then the program
        String hwcap = "import struct\nd = open('/proc/self/auxv', 'rb').read()\n"
                + "print('AT_HWCAP', [hex(v) for t, v in struct.iter_unpack('<II', d) if t == 16])\n";
        Files.writeString(cwd.resolve("hwcap.py"), hwcap);
        String shown = python(sr, List.of(cwd.resolve("hwcap.py").toString()), EngineKind.DBT, new ByteArrayOutputStream());
        assertEquals("AT_HWCAP ['0x1fb0d7']\n", shown, "the default model's AT_HWCAP, neon (0x1000) included");
        String got = python(sr, List.of(PythonProgramsTest.DIR.resolve("neon_hashes.py").toAbsolutePath().toString()), engine, err);
        assertEquals(Files.readString(PythonProgramsTest.DIR.resolve("neon_hashes.out"), StandardCharsets.UTF_8), got,
                "stdout of neon_hashes [" + engine + "]; stderr: " + err.toString(StandardCharsets.UTF_8));
    }

    private String python(Path sr, List<String> argv, EngineKind engine, ByteArrayOutputStream err) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(sr.resolve("usr/bin/python3.11"), argv,
                        List.of("PATH=/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE=1"), engine,
                        new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), cwd)
                .withSysroot(sr).withTimeLimit(1_200_000);
        int status = GuestLauncher.run(req, new IsaRegistry());
        assertEquals(0, status, "exit status of " + argv + "; stderr: " + err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}

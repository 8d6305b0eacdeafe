package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.vm.EngineKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulated /proc seen by a real program ({@code procfs}, source in the PowerPC suite's
 * {@code src/procfs.c}): /proc/self/fd lists the guest's own descriptors (never the JVM's),
 * readlink names pipes and files, re-opening a pipe end writes into the same pipe, /proc/self/auxv
 * is the auxv getauxval reads, and /proc/cpuinfo is what Linux prints for the {@code -cpu} model.
 *
 * <p>Against qemu-arm 7.2 (where installed) only what qemu gets right is compared: exe, cmdline,
 * the auxv and re-opening through /proc. qemu 7.2 has no ARM /proc/cpuinfo (the host's x86 text
 * leaks through: the test pins that) and lists its own host descriptors in /proc/self/fd
 * (the guest's lines are there too); dynvm follows Linux in both. Its AT_HWCAP for cortex-a15 is
 * dynvm's plus {@code thumbee} (ThumbEE is not implemented here); its cortex-a9 also claims NEON,
 * which dynvm's does not have (docs/cpu-models.md).
 */
class ArmProcFsGuestTest {
    static final Path ARMEL = ArmGuestCase.GUEST.resolve("bin/procfs"), ARMHF = ArmGuestCase.GUEST.resolve("armhf/bin/procfs");

    static final String COMMON = """
            exe: procfs
            cmdline: [procfs] [data.txt] [x] [a b]
            self is getpid: yes
            fd 3 (pipe read end): pipe:[N]
            fd 4 (pipe write end): pipe:[N]
            fd 5: data.txt
            fd 6: /proc/PID/fd (the listing)
            write through /proc/self/fd/4: hi
            reopened file reads from 0: 01234
            auxv: ends with AT_NULL: yes
            auxv: AT_PAGESZ=4096 AT_PHENT=32 AT_CLKTCK=100
            auxv: AT_HWCAP equals getauxval: yes
            auxv: AT_PLATFORM equals getauxval: yes
            """;

    /** What Linux's arch/arm c_show prints for each model (MIDR as QEMU's), and the auxv's model facts. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "cortex-a9 | 0x0000e0d7 | v7l | ARMv7 Processor rev 0 (v7l) | swp half thumb fastmult vfp edsp vfpv3 vfpv3d16 tls | 0xc09",
        "cortex-a15 | 0x001fb0d7 | v7l | ARMv7 Processor rev 1 (v7l) | swp half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae | 0xc0f",
        "arm1136 | 0x000080d7 | v6l | ARMv6-compatible processor rev 3 (v6l) | swp half thumb fastmult vfp edsp tls | 0xb36",
        "arm926 | 0x00000097 | v5l | ARM926EJ-S rev 5 (v5l) | swp half thumb fastmult edsp | 0x926"})
    void armelProgramSeesItsOwnProcOnEveryModel(String model, String hwcap, String platform, String name, String features,
                                                 String part) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ARMEL), "no " + ARMEL);
        String want = COMMON + "model: AT_HWCAP=" + hwcap + " AT_PLATFORM=" + platform + "\n"
                + "cpuinfo: processor\t: 0\n"
                + "cpuinfo: model name\t: " + name + "\n"
                + "cpuinfo: Features\t: " + features + " \n"
                + "cpuinfo: CPU part\t: " + part + "\n";
        for (EngineKind engine : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) {
            BusyboxTest.Result got = run(ARMEL, model, engine);
            assertEquals(0, got.exit(), got.stderr());
            assertEquals(want, got.text(), model + " " + engine);
        }
    }

    @Test
    void armhfProgramToo() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ARMHF), "no " + ARMHF);
        BusyboxTest.Result got = run(ARMHF, "cortex-a9", EngineKind.DBT);
        assertEquals(0, got.exit(), got.stderr());
        assertTrue(got.text().startsWith(COMMON + "model: AT_HWCAP=0x0000e0d7 AT_PLATFORM=v7l\ncpuinfo: processor\t: 0\n"), got.text());
        got = run(ARMHF, "cortex-a15", EngineKind.DBT);
        assertEquals(0, got.exit(), got.stderr());
        assertTrue(got.text().startsWith(COMMON + "model: AT_HWCAP=0x001fb0d7 AT_PLATFORM=v7l\ncpuinfo: processor\t: 0\n"), got.text());
        assertTrue(got.text().contains("cpuinfo: Features\t: swp half thumb fastmult vfp edsp neon vfpv3 tls vfpv4 idiva idivt vfpd32 lpae \n"),
                got.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"cortex-a9", "cortex-a15"})
    void agreesWithQemuWhereQemuEmulatesProc(String model) throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(ARMHF), "no " + ARMHF);
        Assumptions.assumeTrue(onPath("qemu-arm"), "qemu-arm not installed");
        BusyboxTest.Result qemu = BusyboxTest.inFreshDir(dir -> {
            Files.writeString(dir.resolve("data.txt"), "0123456789\n");
            return ArmCpuModelBusyboxTest.qemu(ARMHF, model, List.of("data.txt", "x", "a b"), dir);
        });
        BusyboxTest.Result ours = run(ARMHF, model, EngineKind.DBT);
        assertEquals(0, qemu.exit(), qemu.stderr());
        assertEquals(comparable(qemu.text()), comparable(ours.text()));
        if (model.equals("cortex-a15"))   // qemu's A15 AT_HWCAP is ours plus thumbee (0x800)
            assertTrue(qemu.text().contains("model: AT_HWCAP=0x001fb8d7 AT_PLATFORM=v7l\n")
                    && ours.text().contains("model: AT_HWCAP=0x001fb0d7 AT_PLATFORM=v7l\n"), qemu.text() + "\n--\n" + ours.text());
        // qemu's fd listing holds ours plus its own host descriptors; its cpuinfo is the host's
        List<String> qemuLines = qemu.text().lines().toList();
        for (String l : ours.text().lines().filter(l -> l.startsWith("fd ")).toList()) assertTrue(qemuLines.contains(l), l);
        assertTrue(qemuLines.stream().noneMatch(l -> l.startsWith("cpuinfo: model name\t: ARMv7")),
                "qemu 7.2 started emulating ARM /proc/cpuinfo: compare it too");
    }

    /** The lines qemu-user emulates correctly. */
    private static String comparable(String out) {
        return out.lines().filter(l -> !l.startsWith("fd ") && !l.startsWith("model:") && !l.startsWith("cpuinfo:"))
                .collect(Collectors.joining("\n"));
    }

    static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }

    private static BusyboxTest.Result run(Path program, String model, EngineKind engine) throws Exception {
        return BusyboxTest.inFreshDir(dir -> {
            Files.writeString(dir.resolve("data.txt"), "0123456789\n");
            return ArmCpuModelBusyboxTest.dynvm(program, model, List.of("data.txt", "x", "a b"), dir, engine);
        });
    }
}

package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulated /proc seen by a real PowerPC program ({@code src/procfs.c}): /proc/self/fd lists
 * the guest's own descriptors, /proc/self/auxv is the auxv getauxval reads, /proc/cpuinfo is what
 * Linux prints for a 750 (cputable's "740/750", PVR 0x00080301). Against qemu-ppc 7.2 (where
 * installed) only what qemu emulates is compared: its /proc/self/fd also lists its own host
 * descriptors and its /proc/cpuinfo is the host's (both pinned here); dynvm follows Linux.
 */
class PpcProcFsGuestTest {
    static final Path PROGRAM = GuestCase.GUEST.resolve("bin/procfs");
    static final List<String> ARGS = List.of("data.txt", "x", "a b");

    static final String WANT = """
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
            model: AT_HWCAP=0x8c000000 AT_PLATFORM=(none)
            cpuinfo: processor\t: 0
            cpuinfo: cpu\t\t: 740/750
            cpuinfo: revision\t: 3.1 (pvr 0008 0301)
            """;

    @TempDir Path dir;

    @Test
    void programSeesItsOwnProcUnderBothEngines() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PROGRAM), "no " + PROGRAM);
        Files.writeString(dir.resolve("data.txt"), "0123456789\n");
        for (EngineKind engine : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int status = GuestLauncher.run(GuestLauncher.Request.of(PROGRAM, ARGS, List.of(), engine,
                    new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), dir), new IsaRegistry());
            assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
            assertEquals(WANT, out.toString(StandardCharsets.UTF_8), engine.toString());
        }
    }

    @Test
    void agreesWithQemuWhereQemuEmulatesProc() throws Exception {
        Assumptions.assumeTrue(Files.isRegularFile(PROGRAM), "no " + PROGRAM);
        Assumptions.assumeTrue(onPath("qemu-ppc"), "qemu-ppc not installed");
        Files.writeString(dir.resolve("data.txt"), "0123456789\n");
        List<String> cmd = new ArrayList<>(List.of("qemu-ppc", PROGRAM.toString()));
        cmd.addAll(ARGS);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        String qemu = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        assertEquals(comparable(WANT), comparable(qemu));
        List<String> qemuLines = qemu.lines().toList();
        for (String l : WANT.lines().filter(l -> l.startsWith("fd ")).toList()) assertTrue(qemuLines.contains(l), l);
        assertTrue(qemuLines.stream().noneMatch(l -> l.startsWith("cpuinfo: cpu\t")),
                "qemu-ppc started emulating /proc/cpuinfo: compare it too");
    }

    /** The lines qemu-user emulates correctly (its AT_HWCAP differs: it claims no 32-bit/MMU bits). */
    private static String comparable(String out) {
        return out.lines().filter(l -> !l.startsWith("fd ") && !l.startsWith("model:") && !l.startsWith("cpuinfo:"))
                .collect(Collectors.joining("\n"));
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) return true;
        return false;
    }
}

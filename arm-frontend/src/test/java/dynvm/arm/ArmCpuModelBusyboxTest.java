package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import dynvm.translator.vm.IsaRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU models on real programs, against {@code qemu-arm -cpu} of the same name: Debian's armel
 * busybox (ARMv5TE, soft-float) runs on every model and prints what qemu prints, so no instruction
 * an ARMv5TE compiler emits is wrongly refused; uname -m follows the model (Linux's names: qemu
 * says armv5tel for the arm926, Linux armv5tejl). The armhf build (Thumb-2 and VFPv3) dies of
 * SIGILL on the models without Thumb-2, as on qemu. Skips without busybox or qemu-arm.
 */
class ArmCpuModelBusyboxTest {
    static final List<String> SCRIPT = List.of("sh", "-c",
            "i=0; s=0; while [ $i -lt 300 ]; do s=$((s + i * i % 7 - (i << 2) / 3)); i=$((i + 1)); done; echo $s; "
                    + "echo hello | sha256sum; printf '%d %x %s\\n' 42 255 ok; echo abc | sed s/b/B/");

    @ParameterizedTest
    @ValueSource(strings = {"arm926", "arm1136", "cortex-a9", "cortex-a15"})
    void armelBusyboxRunsOnEveryModelAsOnQemu(String model) throws Exception {
        Path busybox = BusyboxTest.requirements(BusyboxTest.Build.ARMEL);
        BusyboxTest.Result want = BusyboxTest.inFreshDir(dir -> qemu(busybox, model, SCRIPT, dir));
        for (EngineKind engine : new EngineKind[]{EngineKind.INTERP, EngineKind.DBT}) {
            BusyboxTest.Result got = BusyboxTest.inFreshDir(dir -> dynvm(busybox, model, SCRIPT, dir, engine));
            assertEquals(want.exit(), got.exit(), got.stderr());
            assertEquals(want.text(), got.text(), model + " " + engine);
        }
        String machine = BusyboxTest.inFreshDir(dir -> dynvm(busybox, model, List.of("uname", "-m"), dir, EngineKind.DBT)).text().trim();
        assertEquals(ArmCpuModel.byName(model).machine, machine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm926", "arm1136"})
    void armhfBusyboxDiesOfSigillWithoutThumb2(String model) throws Exception {
        Path busybox = BusyboxTest.requirements(BusyboxTest.Build.ARMHF);
        BusyboxTest.Result got = BusyboxTest.inFreshDir(dir -> dynvm(busybox, model, List.of("echo", "hi"), dir, EngineKind.DBT));
        assertEquals(128 + 4, got.exit(), got.stderr());
        BusyboxTest.Result ok = BusyboxTest.inFreshDir(dir -> dynvm(busybox, "cortex-a15", List.of("echo", "hi"), dir, EngineKind.DBT));
        assertEquals("hi\n", ok.text(), ok.stderr());
    }

    @ParameterizedTest
    @ValueSource(strings = {"750", "cortex-m3"})
    void aModelOfAnotherIsaOrNoneIsRefused(String model) {
        Path busybox = BusyboxTest.busyboxPath(BusyboxTest.Build.ARMEL);
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isRegularFile(busybox), "no busybox at " + busybox);
        try {
            BusyboxTest.Result r = dynvm(busybox, model, List.of("true"), Path.of("."), EngineKind.INTERP);
            assertEquals(2, r.exit(), r.stderr());
            assertTrue(r.stderr().contains("is not one of arm's"), r.stderr());
        } catch (IllegalArgumentException e) {
            // without the PowerPC front-end on this module's class path, 750 is unknown too
            assertTrue(e.getMessage().contains("unknown CPU model '" + model + "'"), e.getMessage());
        }
    }

    static BusyboxTest.Result dynvm(Path busybox, String model, List<String> args, Path dir, EngineKind engine) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        IsaRegistry registry = new IsaRegistry().withCpu(model);
        int status = GuestLauncher.run(GuestLauncher.Request.of(busybox, args, List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), dir), registry);
        return new BusyboxTest.Result(status, out.toByteArray(), err.toString(StandardCharsets.ISO_8859_1));
    }

    static BusyboxTest.Result qemu(Path busybox, String model, List<String> args, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("qemu-arm", "-cpu", model, busybox.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        p.waitFor();
        return new BusyboxTest.Result(p.exitValue(), out, err);
    }
}

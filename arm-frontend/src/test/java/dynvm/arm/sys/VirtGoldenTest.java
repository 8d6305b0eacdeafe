package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.translator.vm.EngineKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Acceptance of system mode on {@code virt}: each bare-metal guest prints, under both engines,
 * exactly what it prints under {@code qemu-system-arm -M virt -cpu cortex-a15 -m 128M -nographic
 * -kernel} (the committed goldens; {@link VirtQemuOracleTest} re-checks them against qemu).
 * {@code compute} runs under the translator only here (5.5 G instructions); .ci/run runs it
 * interpreted too.
 */
class VirtGoldenTest {
    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
            "hello, DBT", "hello, INTERP",
            "fpu_id, DBT", "fpu_id, INTERP",
            "exceptions, DBT", "exceptions, INTERP",
            "memmap, DBT", "memmap, INTERP",
            "alignment, DBT", "alignment, INTERP",
            "mmu_short, DBT", "mmu_short, INTERP",
            "mmu_lpae, DBT", "mmu_lpae, INTERP",
            "timer_gic, DBT", "timer_gic, INTERP",
            "usermode, DBT", "usermode, INTERP",
            "paravirt, DBT", "paravirt, INTERP",
            "dtb_hello, DBT", "dtb_hello, INTERP",
            "compute, DBT"})
    void transcriptMatchesQemu(String guest, EngineKind engine) throws Exception {
        VirtGuests.Run r = VirtGuests.boot(VirtGuests.elf(guest), "virt", engine, 120);
        if (r.failure() != null) throw new AssertionError(guest + ": the vCPU failed", r.failure());
        assertEquals(VirtGuests.golden(guest), r.console(), guest + " transcript");
        assertEquals(0, r.status(), guest + " ends by powering off");
    }
}

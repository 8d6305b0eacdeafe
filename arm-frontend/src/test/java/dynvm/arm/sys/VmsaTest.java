package dynvm.arm.sys;

import static dynvm.arm.sys.VmsaAssertions.ACCESSES;
import static dynvm.arm.sys.VmsaAssertions.hex;
import static dynvm.arm.sys.VmsaAssertions.perms;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MMU-off flat mapping, and that SCTLR.M alone decides it. */
class VmsaTest {
    @ParameterizedTest(name = "TTBCR 0x{0}")
    @ValueSource(ints = {0, 0x80000000, 0x00000037, 0x80800080})
    void mmuOffIsTheFlatMappingWithEveryPermission(int ttbcr) {
        PhysicalMemoryFake mem = new PhysicalMemoryFake().busEndsAt(0);     // any walk would abort
        Regs regs = new Regs(0, ttbcr, 0x4000, 0x8000, 0, 0, 0);
        for (int va : new int[] {0, 0x00000fff, 0x12345678, 0x80000000, 0xdeadbeef, 0xffffffff}) {
            for (int access : ACCESSES) {
                for (boolean privileged : new boolean[] {true, false}) {
                    assertEquals(hex((va & 0xffff_f000L) | perms("rwx")), hex(Vmsa.translate(regs, mem, va, access, privileged)));
                }
            }
        }
        assertEquals(0, mem.reads);
    }
}

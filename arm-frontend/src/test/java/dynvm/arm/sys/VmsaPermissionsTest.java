package dynvm.arm.sys;

import static dynvm.arm.sys.VmsaAssertions.perms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.spi.sys.SystemCpu;
import org.junit.jupiter.api.Test;

/** The permission model's algebra, beyond the walk tables. */
class VmsaPermissionsTest {
    @Test
    void simplifiedModelIsTheFullModelWithAp0Set() {
        // Table B3-9 is Table B3-8 restricted to odd AP values: AP[0]=1 is the AFE=0 reading of AP[2:1]
        for (int ap21 = 0; ap21 < 4; ap21++) {
            for (boolean privileged : new boolean[] {true, false}) {
                assertEquals(VmsaPermissions.fullModel(ap21 << 1 | 1, privileged), VmsaPermissions.simplifiedModel(ap21, privileged),
                        "AP[2:1]=" + ap21 + (privileged ? " PL1" : " PL0"));
            }
        }
    }

    @Test
    void fetchNeedsReadPermission() {
        assertEquals(0, VmsaPermissions.withExecute(0, 0, true, false, false, 0));
        assertEquals(0, VmsaPermissions.withExecute(0, perms("rw-"), false, false, false, 0));
        assertEquals(perms("r-x"), VmsaPermissions.withExecute(perms("r--"), 0, true, false, false, 0));
    }

    @Test
    void pxnAndUwxnOnlyConcernPl1() {
        int sctlr = TranslationRegisters.SCTLR_UWXN;
        assertEquals(perms("rwx"), VmsaPermissions.withExecute(perms("rw-"), perms("rw-"), false, false, true, sctlr));
        assertEquals(perms("rw-"), VmsaPermissions.withExecute(perms("rw-"), perms("rw-"), true, false, false, sctlr));
        assertEquals(perms("rw-"), VmsaPermissions.withExecute(perms("rw-"), 0, true, false, true, 0));
    }

    @Test
    void permitsMapsAccessKindsToBits() {
        assertTrue(VmsaPermissions.permits(SystemCpu.PERM_READ, SystemCpu.READ));
        assertFalse(VmsaPermissions.permits(SystemCpu.PERM_READ | SystemCpu.PERM_EXEC, SystemCpu.WRITE));
        assertFalse(VmsaPermissions.permits(SystemCpu.PERM_READ | SystemCpu.PERM_WRITE, SystemCpu.FETCH));
        assertTrue(VmsaPermissions.permits(SystemCpu.PERM_EXEC, SystemCpu.FETCH));
    }
}

package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;

/** Calls into {@link Vmsa} and the expectations the walk tests share. */
final class VmsaAssertions {
    private VmsaAssertions() { }

    static final int READ = SystemCpu.READ, WRITE = SystemCpu.WRITE, FETCH = SystemCpu.FETCH;
    static final int[] ACCESSES = {READ, WRITE, FETCH};
    static final boolean PL1 = true, PL0 = false;
    static final long LARGE = SystemCpu.LARGE_PAGE;

    /** "rwx", "r-x", "---" ... as PERM_* bits. */
    static int perms(String rwx) {
        assertEquals(3, rwx.length(), rwx);
        return (rwx.charAt(0) == 'r' ? SystemCpu.PERM_READ : 0) | (rwx.charAt(1) == 'w' ? SystemCpu.PERM_WRITE : 0)
                | (rwx.charAt(2) == 'x' ? SystemCpu.PERM_EXEC : 0);
    }

    static String name(int access) {
        return switch (access) {
            case SystemCpu.READ -> "read";
            case SystemCpu.WRITE -> "write";
            default -> "fetch";
        };
    }

    static long translate(Regs regs, PhysicalMemoryFake mem, int va, int access, boolean privileged) {
        return Vmsa.translate(regs, mem, va, access, privileged);
    }

    /** The walk fails with exactly {@code status}, reported for {@code va} and {@code access}. */
    static void assertFault(int status, Regs regs, PhysicalMemoryFake mem, int va, int access, boolean privileged) {
        TranslationFault f = assertThrows(TranslationFault.class, () -> Vmsa.translate(regs, mem, va, access, privileged),
                () -> String.format("va 0x%08x %s at %s", va, name(access), privileged ? "PL1" : "PL0"));
        assertEquals(String.format("0x%03x", status), String.format("0x%03x", f.status),
                () -> String.format("status for va 0x%08x %s at %s", va, name(access), privileged ? "PL1" : "PL0"));
        assertEquals(va, f.va);
        assertEquals(access, f.access);
    }

    /**
     * For each access kind: succeeds with exactly {@code expected} (address | perms | flags) when
     * {@code expected}'s perms allow it, else fails with {@code faultStatus}.
     */
    static void assertGrants(long expected, int faultStatus, Regs regs, PhysicalMemoryFake mem, int va, boolean privileged) {
        int granted = (int) expected & 7;
        for (int access : ACCESSES) {
            int needed = access == WRITE ? SystemCpu.PERM_WRITE : access == FETCH ? SystemCpu.PERM_EXEC : SystemCpu.PERM_READ;
            if ((granted & needed) != 0) {
                assertEquals(hex(expected), hex(Vmsa.translate(regs, mem, va, access, privileged)),
                        String.format("va 0x%08x %s at %s", va, name(access), privileged ? "PL1" : "PL0"));
            } else {
                assertFault(faultStatus, regs, mem, va, access, privileged);
            }
        }
    }

    static String hex(long v) {
        return String.format("0x%x", v);
    }
}

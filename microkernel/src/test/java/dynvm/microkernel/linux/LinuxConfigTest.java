package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LinuxConfigTest {
    /**
     * Two runs in one JVM (the guest suites run two at a time) must not share pids: programs make
     * socket paths and temporary names unique with getpid(), and two runs of the same program
     * met in one unix socket, one of them then waiting in accept() for ever.
     */
    @Test
    void runsOfOneJvmGetPidRangesOfTheirOwn() {
        int a = LinuxConfig.builder().build().pid, b = LinuxConfig.builder().build().pid;
        assertNotEquals(a, b);
        assertTrue(a > 0 && b > 0);
        assertEquals(LinuxConfig.PID_RANGE, ((b - a) & 0x3fffffff), "consecutive runs are one range apart");
    }

    @Test
    void aGivenPidIsKept() {
        assertEquals(4242, LinuxConfig.builder().pid(4242).build().pid);
    }
}

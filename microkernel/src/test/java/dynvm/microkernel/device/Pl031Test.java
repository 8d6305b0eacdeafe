package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Pl031Test {
    private long now = 1_700_000_000L * 1_000_000_000L + 250_000_000L;
    private long alarmDelay = -1;
    private Runnable alarm;
    private final List<Boolean> edges = new ArrayList<>();
    private final Pl031 rtc = new Pl031(() -> now, edges::add, (delay, action) -> {
        alarmDelay = delay;
        alarm = action;
        return () -> alarm = null;
    });

    @Test
    void counterIsWallSeconds() {
        assertEquals(1_700_000_000L, rtc.read(Pl031.RTCDR, 4));
        now += 2_000_000_000L;
        assertEquals(1_700_000_002L, rtc.read(Pl031.RTCDR, 4));
        assertEquals(1, rtc.read(Pl031.RTCCR, 4), "started at reset");
    }

    @Test
    void hostClockIsNearNow() {
        Pl031 host = new Pl031(InterruptOutput.NONE, AlarmService.NONE);
        long seconds = host.read(Pl031.RTCDR, 4) & 0xffff_ffffL;
        assertTrue(Math.abs(seconds - System.currentTimeMillis() / 1000) <= 2);
    }

    @Test
    void loadSetsTheCounter() {
        rtc.write(Pl031.RTCLR, 4, 1000);
        assertEquals(1000, rtc.read(Pl031.RTCDR, 4));
        assertEquals(1000, rtc.read(Pl031.RTCLR, 4));
        now += 5_000_000_000L;
        assertEquals(1005, rtc.read(Pl031.RTCDR, 4));
    }

    @Test
    void matchRaisesTheInterruptWhenReached() {
        rtc.write(Pl031.RTCLR, 4, 100);
        rtc.write(Pl031.RTCIMSC, 4, 1);
        rtc.write(Pl031.RTCMR, 4, 103);
        assertNotNull(alarm);
        assertEquals(3_000_000_000L - 250_000_000L, alarmDelay, "to the start of second 103");
        assertEquals(0, rtc.read(Pl031.RTCRIS, 4));
        now += alarmDelay;
        alarm.run();
        assertEquals(1, rtc.read(Pl031.RTCRIS, 4));
        assertEquals(1, rtc.read(Pl031.RTCMIS, 4));
        assertEquals(List.of(true), edges);
        rtc.write(Pl031.RTCICR, 4, 1);
        assertEquals(List.of(true, false), edges);
    }

    @Test
    void matchEqualToTheCounterFiresAtOnceAndRearmingCancels() {
        rtc.write(Pl031.RTCLR, 4, 50);
        rtc.write(Pl031.RTCMR, 4, 60);
        assertNotNull(alarm);
        rtc.write(Pl031.RTCMR, 4, 50);
        assertNull(alarm, "the earlier alarm was cancelled");
        assertEquals(1, rtc.read(Pl031.RTCRIS, 4));
        assertEquals(0, rtc.read(Pl031.RTCMIS, 4), "masked");
    }

    @Test
    void primeCellIdsAreQemus() {
        int[] expected = {0x31, 0x10, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1};
        for (int i = 0; i < 8; i++) {
            assertEquals(expected[i], rtc.read(0xfe0 + 4 * i, 4));
        }
    }
}

package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The frame's windows on a made-up clock (times in ns): no threads, no waiting. */
class TimelineTest {
    final Partition a = new Partition("a", 0.7), b = new Partition("b", 0.3);

    @Test
    void idleWindowsFollowEachOtherOnTheGrid() {
        Timeline t = new Timeline(Schedule.of(10, a, b), 100);
        assertSame(a, t.owner());
        assertEquals(107, t.end());
        t.advance(107, null);
        assertSame(b, t.owner());
        assertEquals(110, t.end());
        t.advance(125, null);   // two windows later, a late wake-up changes nothing
        assertSame(a, t.owner());
        assertEquals(127, t.end());
    }

    @Test
    void anOverrunDelaysTheNextWindowAndIsPaidBackByTheOverrunner() {
        Timeline t = new Timeline(Schedule.of(10, a, b), 0);
        t.advance(9, a);                   // a held the CPU 2 ns into b's window
        assertSame(b, t.owner());
        assertEquals(12, t.end(), "b still gets its full 3 ns");
        assertEquals(2, t.debtOf(a));
        t.advance(12, b);
        assertSame(a, t.owner());
        assertEquals(17, t.end(), "a's next window is 2 ns short");
        assertEquals(0, t.debtOf(a));
    }

    @Test
    void aSinglePartitionOwesNothingToItself() {
        Partition only = new Partition("only", 0.5);
        Partition other = new Partition("other", 0.5);
        Timeline t = new Timeline(Schedule.of(10, only), 0);
        t.advance(8, only);                // into the spare window
        assertNull(t.owner());
        assertEquals(3, t.debtOf(only), "the spare window is everybody's: overrunning it is still an overrun");
        t.advance(13, null);
        assertSame(only, t.owner());
        assertEquals(15, t.end(), "paid back");

        Timeline two = new Timeline(Schedule.of(10, only, other), 0);
        two.advance(5, other);             // a donated window: other held it and ended on time
        assertSame(other, two.owner());
        assertEquals(0, two.debtOf(other), "ran into its own window: no one was robbed");
    }

    @Test
    void debtIsCappedAtOneFrame() {
        Timeline t = new Timeline(Schedule.of(10, a, b), 0);
        t.advance(1_000, a);               // a host pause of 1000 frames
        assertEquals(10, t.debtOf(a));
        assertSame(b, t.owner());
        assertEquals(1_003, t.end());
        t.advance(1_003, null);            // a's next window is repaid away entirely: b again
        assertSame(b, t.owner());
        assertEquals(1_006, t.end());
        assertEquals(3, t.debtOf(a));
        t.advance(1_006, null);
        assertSame(a, t.owner());
        assertEquals(1_010, t.end(), "the rest of the debt comes off the window after");
    }
}

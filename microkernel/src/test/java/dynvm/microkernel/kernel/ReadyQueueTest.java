package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The choice of the next thread, without any thread running. */
class ReadyQueueTest {
    final Partition a = new Partition("a", 0.4), lender = new Partition("lender", 0.4, true);
    final Scheduler scheduler = new Scheduler("rq", new HostClock(), Schedule.of(10_000_000, a, lender));
    final ReadyQueue queue = new ReadyQueue();

    KThread thread(String name, Partition p, int priority) {
        return scheduler.create(name, p, priority, self -> { });
    }

    @Test
    void highestPriorityOfTheOwnerWinsThenTheLongestWaiting() {
        KThread low = thread("low", a, 1), high1 = thread("high1", a, 5), high2 = thread("high2", a, 5);
        queue.add(low);
        queue.add(high1);
        queue.add(high2);
        assertSame(high1, queue.choose(a, null, true));
        queue.remove(high1);
        assertSame(high2, queue.choose(a, null, true));
    }

    @Test
    void theHolderKeepsTiesUntilItsQuantumIsOver() {
        KThread holder = thread("holder", a, 5), peer = thread("peer", a, 5), better = thread("better", a, 6);
        queue.add(peer);
        assertSame(holder, queue.choose(a, holder, false));
        assertSame(peer, queue.choose(a, holder, true), "round-robin");
        queue.add(better);
        assertSame(better, queue.choose(a, holder, false), "a higher priority does not wait for the quantum");
    }

    @Test
    void otherPartitionsRunOnlyInALentOrSpareWindow() {
        KThread mine = thread("mine", a, 1), lent = thread("lent", lender, 200);
        queue.add(lent);
        assertNull(queue.choose(a, null, true), "a keeps its idle window idle");
        assertSame(lent, queue.choose(null, null, true), "spare time is anybody's");
        queue.add(mine);
        assertSame(mine, queue.choose(a, null, true), "priority does not cross partitions");
        queue.remove(lent);
        assertSame(mine, queue.choose(lender, null, true), "the lender has nobody ready: its window is lent");
    }
}

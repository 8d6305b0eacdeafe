package dynvm.microkernel.kernel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class EndpointTest {
    static final long FOREVER = -1;
    static final long MS = 1_000_000;
    static final long LONG = TimeUnit.SECONDS.toNanos(20);

    final Endpoint ep = new Endpoint("test");
    /** One thread per task: blocked senders must not starve a bounded pool. */
    final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() {
        ep.close();
        threads.shutdownNow();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception { return f.get(30, TimeUnit.SECONDS); }

    /** Waits (generously) until {@code n} senders queue on the endpoint, so a test can fix their order. */
    void awaitSenders(int n) throws InterruptedException {
        for (int i = 0; i < 30_000 && ep.waitingSenders() < n; i++) Thread.sleep(1);
        assertEquals(n, ep.waitingSenders());
    }

    void awaitReceivers(int n) throws InterruptedException {
        for (int i = 0; i < 30_000 && ep.waitingReceivers() < n; i++) Thread.sleep(1);
        assertEquals(n, ep.waitingReceivers());
    }

    @Test
    void sendWaitsForAReceiverAndTheMessageArrivesIntact() throws Exception {
        byte[] data = {1, 2, 3};
        Message m = Message.of(7, 10, 20).withPayload(data);
        data[0] = 99;   // copy semantics: the sender's later writes do not travel
        CompletableFuture<IpcStatus> sent = CompletableFuture.supplyAsync(() -> ep.send(m, FOREVER), threads);
        awaitSenders(1);
        assertFalse(sent.isDone(), "no receiver yet: the sender waits");
        IpcResult r = ep.receive(FOREVER);
        assertEquals(IpcStatus.OK, get(sent));
        assertTrue(r.ok());
        assertNull(r.reply(), "a send needs no reply");
        assertEquals(7, r.message().label());
        assertArrayEquals(new long[] {10, 20}, r.message().words());
        assertArrayEquals(new byte[] {1, 2, 3}, r.message().payload());
        r.message().payload()[0] = 5;
        assertEquals(1, r.message().payload()[0], "the payload cannot be changed through an accessor");
    }

    @Test
    void aWaitingReceiverGetsTheNextSend() throws Exception {
        CompletableFuture<IpcResult> got = CompletableFuture.supplyAsync(() -> ep.receive(LONG), threads);
        awaitReceivers(1);
        assertEquals(IpcStatus.OK, ep.send(Message.of(1), 0), "a receiver waits, so even a non-blocking send succeeds");
        assertEquals(1, get(got).message().label());
    }

    @Test
    void timeoutsWithNoPartner() {
        assertEquals(IpcStatus.TIMEOUT, ep.send(Message.of(1), 0));
        assertEquals(IpcStatus.TIMEOUT, ep.send(Message.of(1), 5 * MS));
        assertEquals(IpcStatus.TIMEOUT, ep.receive(0).status());
        assertEquals(IpcStatus.TIMEOUT, ep.receive(5 * MS).status());
        assertEquals(0, ep.waitingSenders(), "a timed-out sender leaves the queue");
        assertEquals(0, ep.waitingReceivers());
        assertEquals(IpcStatus.TIMEOUT, ep.receive(0).status(), "and its message is not delivered later");
    }

    @Test
    void callWaitsForTheReply() throws Exception {
        CompletableFuture<IpcResult> server = CompletableFuture.supplyAsync(() -> {
            IpcResult req = ep.receive(LONG);
            req.reply().send(Message.of(req.message().label() + 1, req.message().word(0) * 2));
            return req;
        }, threads);
        IpcResult answer = ep.call(Message.of(41, 21), LONG);
        assertEquals(IpcStatus.OK, answer.status());
        assertEquals(42, answer.message().label());
        assertEquals(42, answer.message().word(0));
        assertFalse(get(server).reply().send(Message.of(0)), "a reply capability works once");
    }

    @Test
    void aCallerThatTimedOutCannotBeRepliedTo() throws Exception {
        CompletableFuture<IpcResult> server = CompletableFuture.supplyAsync(() -> ep.receive(LONG), threads);
        awaitReceivers(1);   // the request is taken at once; only the reply can be late
        IpcResult answer = ep.call(Message.of(1), 50 * MS);
        assertEquals(IpcStatus.TIMEOUT, answer.status());
        IpcResult req = get(server);
        assertTrue(req.ok(), "the request was taken before the timeout");
        assertFalse(req.reply().send(Message.of(2)));
    }

    @Test
    void manySendersAreServedInArrivalOrder() throws Exception {
        List<CompletableFuture<IpcStatus>> sent = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int label = i;
            sent.add(CompletableFuture.supplyAsync(() -> ep.send(Message.of(label), LONG), threads));
            awaitSenders(i + 1);   // fixes the arrival order
        }
        for (int i = 0; i < 8; i++) assertEquals(i, ep.receive(LONG).message().label());
        for (CompletableFuture<IpcStatus> f : sent) assertEquals(IpcStatus.OK, get(f));
    }

    @Test
    void closeFailsWaitersAndLaterOperations() throws Exception {
        CompletableFuture<IpcStatus> sender = CompletableFuture.supplyAsync(() -> ep.send(Message.of(1), LONG), threads);
        awaitSenders(1);
        ep.close();
        assertEquals(IpcStatus.CLOSED, get(sender));
        assertEquals(IpcStatus.CLOSED, ep.receive(LONG).status());
        assertEquals(IpcStatus.CLOSED, ep.call(Message.of(1), LONG).status());
        assertTrue(ep.isClosed());
    }

    @Test
    void anInterruptedReceiverGivesUpAndKeepsItsFlag() throws Exception {
        IpcStatus[] status = new IpcStatus[1];
        boolean[] flag = new boolean[1];
        Thread t = new Thread(() -> {
            status[0] = ep.receive(FOREVER).status();
            flag[0] = Thread.currentThread().isInterrupted();
        });
        t.start();
        for (int i = 0; i < 30_000 && ep.waitingReceivers() == 0; i++) Thread.sleep(1);
        t.interrupt();
        t.join(30_000);
        assertEquals(IpcStatus.INTERRUPTED, status[0]);
        assertTrue(flag[0]);
        assertEquals(0, ep.waitingReceivers());
    }

    @Test
    void messagesAreBounded() {
        assertThrows(IllegalArgumentException.class, () -> Message.of(0, new long[Message.MAX_WORDS + 1]));
        assertFalse(Message.of(0).hasPayload());
        assertEquals(0, Message.of(0).withPayload(null).payloadLength());
    }
}

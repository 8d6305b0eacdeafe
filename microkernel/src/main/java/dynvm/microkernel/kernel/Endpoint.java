package dynvm.microkernel.kernel;

import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A synchronous IPC endpoint, as in seL4: a rendezvous point with no buffer. A sender waits
 * until a receiver takes its message; a receiver waits until a sender comes. Waiting senders
 * are served in arrival order, and so are waiting receivers. {@link #call} is a send that then
 * waits for the answer, which the receiver gives through the one-shot {@link Reply} it got with
 * the message (seL4's reply capability): the shape of every client/server exchange, e.g. a
 * vCPU's exit to a device server or a page fault to a pager.
 *
 * <p>Every wait has a timeout in nanoseconds: negative waits forever, 0 never waits (seL4's
 * NBSend/NBRecv: succeed only if a partner is already waiting), positive bounds the whole
 * operation (for a call: the request and the reply together). A closed endpoint fails every
 * waiter and every later operation with {@link IpcStatus#CLOSED}.
 *
 * <p>A thread under a {@link Scheduler} waits through {@link Scheduler#blocking}, so that it
 * gives the CPU away while it waits.
 */
public final class Endpoint {
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Sender> senders = new ArrayDeque<>();
    private final ArrayDeque<Receiver> receivers = new ArrayDeque<>();
    private boolean closed;

    public Endpoint(String name) { this.name = name; }

    public String name() { return name; }

    /** Delivers {@code message} to a receiver, waiting for one up to {@code timeoutNanos}. */
    public IpcStatus send(Message message, long timeoutNanos) {
        return transfer(new Sender(message, false), timeoutNanos).status();
    }

    /** Sends {@code request} and waits for the receiver's {@link Reply}; the result carries the answer. */
    public IpcResult call(Message request, long timeoutNanos) {
        return transfer(new Sender(request, true), timeoutNanos);
    }

    /** Takes the next message, waiting up to {@code timeoutNanos}; a call's result carries its {@link Reply}. */
    public IpcResult receive(long timeoutNanos) {
        long deadline = deadline(timeoutNanos);
        lock.lock();
        Receiver r = null;
        try {
            if (closed) return IpcResult.of(IpcStatus.CLOSED);
            Sender s = senders.poll();
            if (s != null) return take(s);
            if (timeoutNanos == 0) return IpcResult.of(IpcStatus.TIMEOUT);
            r = new Receiver();
            receivers.add(r);
            while (r.result == null) {
                if (closed) return give(r, IpcStatus.CLOSED);
                if (!awaitUntil(deadline, timeoutNanos)) return give(r, IpcStatus.TIMEOUT);
            }
            return r.result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return r.result != null ? r.result : give(r, IpcStatus.INTERRUPTED);
        } finally {
            lock.unlock();
        }
    }

    /** Fails every waiter and every later operation with CLOSED. Idempotent. */
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isClosed() {
        lock.lock();
        try { return closed; } finally { lock.unlock(); }
    }

    /** Senders waiting for a receiver (for tests and monitoring). */
    public int waitingSenders() {
        lock.lock();
        try { return senders.size(); } finally { lock.unlock(); }
    }

    /** Receivers waiting for a sender. */
    public int waitingReceivers() {
        lock.lock();
        try { return receivers.size(); } finally { lock.unlock(); }
    }

    @Override public String toString() { return "Endpoint[" + name + "]"; }

    // ---- the rendezvous ----

    private IpcResult transfer(Sender s, long timeoutNanos) {
        long deadline = deadline(timeoutNanos);
        lock.lock();
        try {
            if (closed) return IpcResult.of(IpcStatus.CLOSED);
            Receiver r = receivers.poll();
            if (r != null) {
                r.result = take(s);
            } else {
                if (timeoutNanos == 0) return IpcResult.of(IpcStatus.TIMEOUT);
                senders.add(s);
                while (!s.taken) {
                    if (closed) return withdraw(s, IpcStatus.CLOSED);
                    if (!awaitUntil(deadline, timeoutNanos)) return withdraw(s, IpcStatus.TIMEOUT);
                }
            }
            if (!s.call) return IpcResult.of(IpcStatus.OK);
            while (!s.answered) {
                if (closed) return abandon(s, IpcStatus.CLOSED);
                if (!awaitUntil(deadline, timeoutNanos)) return abandon(s, IpcStatus.TIMEOUT);
            }
            return new IpcResult(IpcStatus.OK, s.answer, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (s.call ? s.answered : s.taken) return new IpcResult(IpcStatus.OK, s.answer, null);
            return s.taken ? abandon(s, IpcStatus.INTERRUPTED) : withdraw(s, IpcStatus.INTERRUPTED);
        } finally {
            lock.unlock();
        }
    }

    /** Under lock: a receiver takes {@code s}'s message. */
    private IpcResult take(Sender s) {
        s.taken = true;
        changed.signalAll();
        return new IpcResult(IpcStatus.OK, s.message, s.call ? s : null);
    }

    private IpcResult withdraw(Sender s, IpcStatus why) {
        senders.remove(s);
        return IpcResult.of(why);
    }

    private IpcResult abandon(Sender s, IpcStatus why) {
        s.abandoned = true;
        return IpcResult.of(why);
    }

    private IpcResult give(Receiver r, IpcStatus why) {
        receivers.remove(r);
        return IpcResult.of(why);
    }

    /** Under lock: waits for a change; false once the deadline has passed. */
    private boolean awaitUntil(long deadline, long timeoutNanos) throws InterruptedException {
        if (timeoutNanos < 0) {
            changed.await();
            return true;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) return false;
        changed.awaitNanos(left);
        return true;
    }

    private static long deadline(long timeoutNanos) {
        return timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    }

    /** A waiting sender; for a call, also the caller's reply capability. */
    private final class Sender implements Reply {
        final Message message;
        final boolean call;
        boolean taken;
        boolean answered;
        boolean abandoned;
        Message answer;

        Sender(Message message, boolean call) {
            this.message = message;
            this.call = call;
        }

        @Override
        public boolean send(Message reply) {
            lock.lock();
            try {
                if (closed || abandoned || answered) return false;
                answer = reply;
                answered = true;
                changed.signalAll();
                return true;
            } finally {
                lock.unlock();
            }
        }
    }

    private static final class Receiver {
        IpcResult result;
    }
}

package dynvm.translator.gdb;

import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.gdb.debuggee.DebugTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.gdb.debuggee.Watchpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The middle layer of the stub: all-stop execution control. It knows which threads exist and
 * which are parked, hands gdb's resume and step requests to them, and decides which stop gdb
 * hears about. Its monitor guards all of that state.
 *
 * <p>Guest threads meet it at {@link #checkpoint} (between slices of guest code), where they park
 * while the target is stopped. A stop reply is sent by the guest thread that stops first; the
 * others park at their next checkpoint (asked to come soon with {@link
 * DebugThread#requestCheckpoint}), and a stop one of them ran into meanwhile waits as its pending
 * reply until gdb resumes. A thread blocked in a system call keeps its state and parks when the
 * call returns. Ctrl-C from the protocol thread ({@link #interrupt}) stops the first thread to
 * reach a checkpoint with SIGINT, or any thread when none does soon.
 *
 * <p>A watchpoint hit is reported only after the accessing instruction completed: the next
 * checkpoint of the hitting thread steps it (with watchpoints quiet), the one after that stops.
 *
 * <p>Signals are Linux numbers here; replies carry gdb's (see {@link StopReplies}).
 */
final class StopCoordinator implements DebugEvents {
    /** How long a stop waits for the other running threads to park, so gdb reads settled registers. */
    private static final long SETTLE_NANOS = 200_000_000L;
    /** How long Ctrl-C waits for a thread to reach a checkpoint before it stops the target anyway. */
    private static final long INTERRUPT_NANOS = 300_000_000L;

    /** One thread as the coordinator sees it. Fields guarded by the coordinator's monitor unless noted. */
    private static final class Tracked {
        final DebugThread thread;
        final int id;
        /** Set at the thread's first checkpoint (watch hits are matched by host thread). */
        volatile Thread host;
        boolean parked;
        /** What gdb asked this thread to do, handed over at resume; null: stay stopped. */
        ResumeAction action;
        /** gdb asked for a single step: report when it is done. */
        boolean stepping;
        /** A watchpoint hit waiting for its instruction to complete; then its stop reply. */
        String watchReply;
        boolean watchStep;
        /** Watch hits are ignored while the hitting instruction is stepped again. Read unlocked. */
        volatile boolean quiet;
        /** A stop this thread ran into while another thread's stop was being reported. */
        String pending;

        Tracked(DebugThread thread) {
            this.thread = thread;
            this.id = thread.id();
        }
    }

    private final DebugThread initial;
    private final Consumer<String> replies;
    private final Runnable afterExit;
    private final Map<Integer, Tracked> threads = new LinkedHashMap<>();
    /** The target is held stopped: running threads park at their next checkpoint. */
    private boolean stopped = true;
    /** gdb resumed the target and waits for a stop reply. */
    private boolean waiting;
    /** Ctrl-C: the next thread at a checkpoint reports SIGINT. */
    private boolean interruptRequested;
    private volatile boolean detached;
    /** QPassSignals: Linux signals (bit sig-1) delivered at once, without a stop (gdb's "handle SIG nostop pass"). */
    private volatile long passSignals;
    private boolean exited;
    private String lastStop;
    /** The threads Hg (registers, memory) and Hc (step) selected; 0: any, -1: all. */
    private int gThread, cThread;

    /**
     * Coordinates {@code target}'s threads; stop replies go to {@code replies}, and {@code
     * afterExit} runs once the target's exit has been reported (the stub hangs up then).
     */
    StopCoordinator(DebugTarget target, Consumer<String> replies, Runnable afterExit) {
        this.initial = target.initialThread();
        this.replies = replies;
        this.afterExit = afterExit;
        this.lastStop = StopReplies.signalled(StopReplies.SIGTRAP, initial.id());
    }

    // ---- DebugEvents: called on guest threads

    @Override
    public synchronized void threadStarted(DebugThread thread) {
        threads.put(thread.id(), new Tracked(thread));
        if (stopped) thread.requestCheckpoint(); // a thread born while stopped parks at once
    }

    @Override
    public synchronized void threadEnded(int id) {
        threads.remove(id);
        notifyAll();
    }

    @Override
    public boolean checkpoint(int id) {
        if (detached) return false;
        synchronized (this) {
            Tracked r = threads.get(id);
            if (r == null) return false;
            if (r.host == null) r.host = Thread.currentThread();
            if (!stopped && r.action != null) {
                // gdb resumed the target before this thread first parked (a machine started after
                // gdb attached): this checkpoint takes the action, else a later park would
                ResumeAction a = r.action;
                r.action = null;
                r.stepping = a.step();
                return a.step();
            }
            String report = null;
            if (r.watchReply != null && !r.watchStep) {
                // complete the instruction that hit, then report
                r.watchStep = true;
                r.quiet = true;
                return true;
            }
            if (r.watchStep) {
                r.watchStep = false;
                r.quiet = false;
                r.stepping = false;
                report = r.watchReply;
                r.watchReply = null;
            } else if (r.stepping) {
                r.stepping = false;
                report = StopReplies.signalled(StopReplies.SIGTRAP, id);
            } else if (r.thread.atBreakpoint()) {
                report = StopReplies.signalled(StopReplies.SIGTRAP, id);
            } else if (interruptRequested && !stopped) {
                interruptRequested = false;
                report = StopReplies.signalled(StopReplies.SIGINT, id);
            } else if (!stopped) {
                return false;
            }
            if (report != null) stop(r, report);
            ResumeAction a = parkUntilResumed(r);
            if (a == null) return false;
            r.stepping = a.step();
            return a.step();
        }
    }

    @Override
    public int signal(int id, int signal) {
        if (detached || (passSignals & 1L << (signal - 1)) != 0) return signal;
        synchronized (this) {
            Tracked r = threads.get(id);
            if (r == null) return signal;
            stop(r, StopReplies.signalled(signal, id));
            ResumeAction a = parkUntilResumed(r);
            if (a == null) return signal;
            // gdb's C<sig> delivers sig (its choice: the same or another), plain c discards it
            r.stepping = a.step();
            return a.signal();
        }
    }

    @Override
    public boolean watchpointHit(Watchpoint w) {
        if (detached) return false;
        Thread me = Thread.currentThread();
        Tracked r = null;
        synchronized (this) {
            for (Tracked o : threads.values()) if (o.host == me) r = o;
        }
        if (r == null || r.quiet || !r.thread.inGuestCode()) return false; // system calls and signal frames are not the guest's accesses
        synchronized (this) {
            r.watchReply = StopReplies.watchpoint(w, r.id);
        }
        return true;
    }

    @Override
    public void targetExited(int status) {
        synchronized (this) {
            exited = true;
            lastStop = StopReplies.exited(status);
            if (waiting && !detached) {
                waiting = false;
                replies.accept(lastStop);
            }
        }
        afterExit.run();
    }

    /**
     * Parks {@code r} until gdb resumes it; a stop it ran into while another thread's stop was
     * reported is reported first, when gdb resumes. Null: the thread must go on without an action
     * (detach, its process ends). The monitor is held.
     */
    private ResumeAction parkUntilResumed(Tracked r) {
        for (;;) {
            ResumeAction a = park(r);
            if (a == null || r.pending == null) return a;
            String p = r.pending;
            r.pending = null;
            stop(r, p);
        }
    }

    /** Parks {@code r} until gdb resumes it (or the thread must end); the monitor is held. */
    private ResumeAction park(Tracked r) {
        r.parked = true;
        notifyAll();
        try {
            while (r.action == null && !detached && !r.thread.mustEnd()) {
                r.thread.clearCheckpointRequest();
                try {
                    wait(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
        } finally {
            r.parked = false;
            // the loop above cleared the hint a signal posted meanwhile (a timer tick) had set, and
            // a signal already pending is not posted again: look at pending signals before running on
            r.thread.requestCheckpoint();
        }
        ResumeAction a = r.action;
        r.action = null;
        return a;
    }

    /** Thread {@code r} stops for {@code reply}: the target stops, or the reply waits if it is stopped already. */
    private void stop(Tracked r, String reply) {
        if (stopped) {
            if (r.pending == null) r.pending = reply;
            return;
        }
        stopped = true;
        gThread = cThread = r.id;
        for (Tracked o : threads.values()) if (o != r) o.thread.requestCheckpoint();
        // give the others a moment to reach their checkpoints, so gdb reads settled registers
        long end = System.nanoTime() + SETTLE_NANOS;
        while (System.nanoTime() < end && threads.values().stream().anyMatch(o -> o != r && !o.parked && o.thread.inGuestCode())) {
            try {
                wait(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        lastStop = reply;
        if (waiting) {
            waiting = false;
            replies.accept(reply);
        }
    }

    // ---- called on the protocol thread

    /** Ctrl-C: stops the running target with SIGINT. */
    void interrupt() {
        synchronized (this) {
            if (stopped || exited) return;
            interruptRequested = true;
            for (Tracked r : threads.values()) r.thread.requestCheckpoint();
            // every thread blocked in a system call: stop the target anyway (each parks when its call returns)
            long end = System.nanoTime() + INTERRUPT_NANOS;
            while (interruptRequested && System.nanoTime() < end) {
                try {
                    wait(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (interruptRequested && !threads.isEmpty()) {
                interruptRequested = false;
                Tracked first = threads.values().iterator().next();
                stop(first, StopReplies.signalled(StopReplies.SIGINT, first.id));
            }
        }
    }

    /**
     * Gives each thread the first action whose thread id matches it and lets the target run; the
     * stop reply follows when it stops. After the exit, the exit is reported again instead.
     */
    synchronized void resume(List<ResumeAction.ForThread> actions) {
        if (exited) {
            replies.accept(lastStop);
            return;
        }
        for (Tracked r : threads.values()) {
            for (ResumeAction.ForThread a : actions) {
                if (a.appliesTo(r.id)) {
                    r.action = a.action();
                    break;
                }
            }
        }
        stopped = false;
        waiting = true;
        notifyAll();
    }

    /** The reply to '?': why the target is stopped (or how it ended). */
    synchronized String lastStopReply() { return lastStop; }

    /** QPassSignals: the Linux signals (bit sig-1) that are delivered without a stop from now on. */
    void setPassSignals(long set) { passSignals = set; }

    /**
     * Lets every thread run on free of the debugger, with {@code dropDebugState} (removing
     * breakpoints and watchpoints) done first under the monitor. Only the first call counts.
     */
    void detach(Runnable dropDebugState) {
        synchronized (this) {
            if (detached) return;
            dropDebugState.run();
            detached = true;
            stopped = false;
            notifyAll();
        }
    }

    // ---- threads as gdb selects them

    /** Ids of the live threads, in the order they started. */
    synchronized List<Integer> threadIds() { return new ArrayList<>(threads.keySet()); }

    synchronized boolean isAlive(int id) { return threads.containsKey(id); }

    /** Hg: the thread register and memory packets apply to. */
    synchronized void selectForInspection(int id) { gThread = id; }

    /** Hc: the thread a plain step steps. */
    synchronized void selectForStep(int id) { cThread = id; }

    /** The thread gdb inspects: the Hg one while it lives, else the first live one, else the initial thread's id. */
    synchronized int currentId() {
        if (gThread > 0 && threads.containsKey(gThread)) return gThread;
        return threads.isEmpty() ? initial.id() : threads.keySet().iterator().next();
    }

    /** The thread g/p/m apply to. */
    synchronized DebugThread inspected() {
        Tracked r = threads.get(currentId());
        return r != null ? r.thread : initial;
    }

    /** The thread a plain s/S steps: the Hc one, or the inspected one when Hc chose any or all. */
    synchronized int stepTarget() { return cThread <= 0 ? currentId() : cThread; }
}

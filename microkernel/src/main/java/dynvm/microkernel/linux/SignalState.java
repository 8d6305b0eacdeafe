package dynvm.microkernel.linux;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The process-wide half of the signal state: the 64 actions and the process-directed pending set
 * with one siginfo per pending signal (standard signals do not queue; real-time ones do not queue
 * here either, a simplification). All mutation happens under this object's monitor, so another
 * process or a timer thread may post at any time. Waiters are woken through each thread's kernel
 * notification ({@link SignalThread#recalc}), not through this monitor.
 */
public final class SignalState {
    static final int NSIG = 64, SS_ONSTACK = 1, SS_DISABLE = 2;
    static final int SIG_DFL = 0, SIG_IGN = 1;
    static final int SA_SIGINFO = 4, SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000,
            SA_RESETHAND = 0x80000000, SA_RESTORER = 0x04000000;
    static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7, SIGFPE = 8,
            SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14, SIGTERM = 15,
            SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;
    static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    final int[] handler = new int[NSIG + 1], flags = new int[NSIG + 1], restorer = new int[NSIG + 1];
    final long[] actionMask = new long[NSIG + 1];
    long pending;
    final byte[][] info = new byte[NSIG + 1][];
    final CopyOnWriteArrayList<SignalThread> threads = new CopyOnWriteArrayList<>();
    /**
     * Woken at every post: readers of a signalfd and sigtimedwait wait here for signals they have
     * blocked (a blocked signal is no notification to its thread).
     */
    final WaitQueue posted = new WaitQueue();
    /** Posts so far: edge-triggered epoll's sign of new input on a signalfd. */
    long postCount;

    static long bit(int sig) { return 1L << (sig - 1); }

    /** A new thread of this process (the main thread, or a clone) with the given blocked mask. */
    public SignalThread newThread(long mask) {
        SignalThread t = new SignalThread(this);
        t.mask = mask & ~UNBLOCKABLE;
        threads.add(t);
        return t;
    }

    /** Signals whose default action is to ignore, or to stop (which a user-mode process cannot do). */
    static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH
                || sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }

    synchronized boolean ignored(int sig) {
        return handler[sig] == SIG_IGN || handler[sig] == SIG_DFL && ignoredByDefault(sig);
    }

    /**
     * Posts {@code sig} with its siginfo bytes to {@code target} (thread-directed) or to the
     * process ({@code null}). Ignored signals are discarded unless blocked (the handler may change
     * before they are unblocked), as Linux does; a standard signal already pending is not queued
     * twice. Safe from any thread.
     */
    public synchronized void post(SignalThread target, int sig, byte[] siginfo) {
        if (sig < 1 || sig > NSIG) return;
        SignalThread blockedIn = target != null ? target : threads.isEmpty() ? null : threads.get(0);
        boolean blocked = blockedIn != null && (blockedIn.mask & bit(sig)) != 0;
        if (!blocked && ignored(sig)) return;
        if (target != null) {
            if ((target.pending & bit(sig)) == 0) { target.pending |= bit(sig); target.info[sig] = siginfo; }
        } else if ((pending & bit(sig)) == 0) {
            pending |= bit(sig);
            info[sig] = siginfo;
        }
        postCount++;
        for (SignalThread t : threads) t.recalc(); // a deliverable signal is a notification to its thread
        posted.wakeAll();
    }

    /**
     * Takes the lowest pending signal of {@code set} from {@code t}'s own pending set, then from
     * the process's, blocked or not (as signalfd and sigtimedwait do); null when none is pending.
     * The siginfo is null when the poster gave none.
     */
    synchronized Taken dequeue(SignalThread t, long set) {
        long ready = (t.pending | pending) & set & ~UNBLOCKABLE;
        if (ready == 0) return null;
        int sig = Long.numberOfTrailingZeros(ready) + 1;
        byte[] si;
        if ((t.pending & bit(sig)) != 0) { t.pending &= ~bit(sig); si = t.info[sig]; t.info[sig] = null; }
        else { pending &= ~bit(sig); si = info[sig]; info[sig] = null; }
        t.recalc();
        return new Taken(sig, si);
    }

    /** A signal taken off a pending set, with its guest-order siginfo (null: none was given). */
    record Taken(int sig, byte[] info) { }

    /**
     * Takes back {@code sig} if the instance pending (for {@code target}, or the process when
     * null) is the one posted with {@code siginfo}: a re-armed or deleted POSIX timer's stale
     * signal, which Linux drops too.
     */
    synchronized void withdraw(SignalThread target, int sig, byte[] siginfo) {
        if (target != null) {
            if (target.info[sig] != siginfo) return;
            target.pending &= ~bit(sig);
            target.info[sig] = null;
        } else {
            if (info[sig] != siginfo) return;
            pending &= ~bit(sig);
            info[sig] = null;
        }
        for (SignalThread t : threads) t.recalc();
    }

    /** Is a signal of {@code set} pending for {@code t} (its own or the process's)? */
    synchronized boolean anyPending(SignalThread t, long set) { return ((t.pending | pending) & set) != 0; }

    /** Drops pending instances of a signal that became ignored. */
    synchronized void discard(int sig) {
        pending &= ~bit(sig);
        for (SignalThread t : threads) { t.pending &= ~bit(sig); t.recalc(); }
    }

    /** fork: the child starts with the parent's actions and no pending signals (POSIX). */
    synchronized SignalState forkCopy() {
        SignalState c = new SignalState();
        System.arraycopy(handler, 0, c.handler, 0, handler.length);
        System.arraycopy(flags, 0, c.flags, 0, flags.length);
        System.arraycopy(restorer, 0, c.restorer, 0, restorer.length);
        System.arraycopy(actionMask, 0, c.actionMask, 0, actionMask.length);
        return c;
    }

    /** execve: handled signals return to their default action; ignored ones stay ignored (POSIX). */
    synchronized void resetForExec() {
        for (int sig = 1; sig <= NSIG; sig++) {
            if (handler[sig] == SIG_IGN) continue;
            handler[sig] = SIG_DFL;
            flags[sig] = restorer[sig] = 0;
            actionMask[sig] = 0;
        }
        for (SignalThread t : threads) { t.altSp = t.altSize = 0; t.altFlags = SS_DISABLE; }
    }

    /** A thread ended: process-directed signals go to the others. */
    synchronized void removeThread(SignalThread t) { threads.remove(t); }
}

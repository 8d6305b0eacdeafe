package dynvm.microkernel.linux;

import dynvm.microkernel.kernel.Clock;
import dynvm.microkernel.kernel.TimerService;
import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Linux "machine" of one run: the process table with parent/child links, the pid/tid
 * allocator (the first process keeps its configured pid, later ids count up from it), and the
 * host threads that run guest threads. Process exit, reaping, reparenting and the end of the run
 * are decided here. One per run; two runs in one JVM never share one.
 *
 * <p>Locking: {@link #lock} guards the tree and every process's exit state; guest threads waiting
 * for children (wait4, vfork) check under it and sleep on their notifications, queued in
 * {@link #exitWaiters}; host-side waits (the end of a process, execve's de_thread) wait on the
 * lock itself in slices.
 */
public final class LinuxSystem {
    final Object lock = new Object();
    /** The run's System V semaphore sets and message queues, shared by all its processes. */
    final SysvIpc sysvIpc = new SysvIpc();
    /**
     * Non-socket files in flight in SCM_RIGHTS messages, by the SO_COOKIE of the host placeholder
     * socket that carries each one (SocketSyscalls): the run's processes receive the same open file.
     */
    final ConcurrentHashMap<Long, OpenFile> inFlightFiles = new ConcurrentHashMap<>();
    private final Map<Integer, GuestProcess> processes = new HashMap<>();
    private final Set<Integer> usedIds = new HashSet<>();
    private final ConcurrentHashMap<Thread, GuestThread> byHost = new ConcurrentHashMap<>();
    private final Set<Thread> hostThreads = ConcurrentHashMap.newKeySet();
    /** Guest threads waiting for a change of the process tree (wait4, vfork); see {@link #treeChanged}. */
    final WaitQueue exitWaiters = new WaitQueue();
    private int nextId;
    private GuestProcess first;
    /** The process group the guests' terminal has in the foreground (TIOCSPGRP); the first process's at start. */
    int foregroundPgrp;
    final ExecLoader execLoader;
    /** System.nanoTime() at which the guests' CLOCK_MONOTONIC reads 1 s (see TimeSyscalls). */
    final long originNanos = System.nanoTime();
    /** The guests' CLOCK_MONOTONIC as a kernel {@link Clock}: what the run's timers count in. */
    final Clock monotonic = () -> System.nanoTime() - originNanos + 1_000_000_000L;
    /** Guards {@link #timers} and {@link #timersClosed}. */
    private final Object timerLock = new Object();
    /** The run's kernel timers (every process's ITIMER_REAL), made on first use; see {@link #timers()}. */
    private TimerService timers;
    private boolean timersClosed;

    LinuxSystem(ExecLoader loader) { this.execLoader = loader == null ? ExecLoader.NONE : loader; }

    /** The first process, with its main thread (tid = pid). */
    GuestProcess createFirst(AddressSpace as, LinuxAbi abi, LinuxConfig cfg) {
        synchronized (lock) {
            GuestProcess p = new GuestProcess(this, cfg.pid, as, abi, cfg);
            first = p;
            foregroundPgrp = p.pgid;
            nextId = cfg.pid;
            usedIds.add(cfg.pid);
            processes.put(p.pid, p);
            GuestThread t = new GuestThread(p, p.pid);
            p.mainThread = t;
            p.threads.add(t);
            return p;
        }
    }

    /** A fresh pid/tid. */
    int allocId() {
        synchronized (lock) {
            do {
                nextId = nextId >= 0x3fffffff ? 300 : nextId + 1;
            } while (usedIds.contains(nextId));
            usedIds.add(nextId);
            return nextId;
        }
    }

    /** Registers a forked process (its main thread has tid = pid). */
    GuestThread addProcess(GuestProcess child, GuestProcess parent) {
        synchronized (lock) {
            child.parent = parent;
            parent.children.add(child);
            processes.put(child.pid, child);
            GuestThread t = new GuestThread(child, child.pid);
            child.mainThread = t;
            child.threads.add(t);
            return t;
        }
    }

    /** A new thread in {@code p}. */
    GuestThread addThread(GuestProcess p, int tid) {
        synchronized (lock) {
            if (p.exiting) throw new SysErr(Errno.EAGAIN);
            GuestThread t = new GuestThread(p, tid);
            p.threads.add(t);
            return t;
        }
    }

    GuestProcess process(int pid) { synchronized (lock) { return processes.get(pid); } }

    /** The pids of the run's processes, ascending (the /proc listing). */
    int[] pids() { synchronized (lock) { return processes.keySet().stream().mapToInt(Integer::intValue).sorted().toArray(); } }

    /** Does another live process use {@code p}'s address space (a CLONE_VM child, a vfork parent)? */
    boolean sharesMemory(GuestProcess p) {
        synchronized (lock) {
            for (GuestProcess q : processes.values()) if (q != p && !q.zombie && q.as == p.as) return true;
            return false;
        }
    }

    // ---- timers

    /**
     * The run's {@link TimerService} on the guests' CLOCK_MONOTONIC ({@link #monotonic}): one per
     * run, as a VM has one, its daemon thread started by the first itimer any process arms and
     * stopped by {@link #closeTimers} (the end of the run). Null once the run's timers are closed.
     */
    TimerService timers() {
        synchronized (timerLock) {
            if (timersClosed) return null;
            if (timers == null) timers = TimerService.onHostClock("linux-" + (first == null ? 0 : first.pid), monotonic);
            return timers;
        }
    }

    /** Cancels every itimer of the run and joins the timer thread. Idempotent. */
    void closeTimers() {
        TimerService t;
        synchronized (timerLock) {
            timersClosed = true;
            t = timers;
            timers = null;
        }
        if (t != null) t.close(); // outside the lock: a callback in flight may be arming
    }

    /** Is {@code p} the run's first process (whose personality's close ends the run's timers)? */
    boolean isFirst(GuestProcess p) { synchronized (lock) { return p == first; } }

    // ---- host threads

    /**
     * Binds host thread {@code h} to {@code t} (before {@code h} runs guest code): syscalls made
     * on it act as {@code t}, and {@link #shutdown} joins it.
     */
    public void attach(GuestThread t, Thread h) {
        t.hostThread = h;
        byHost.put(h, t);
        hostThreads.removeIf(x -> !x.isAlive());
        hostThreads.add(h);
    }

    /**
     * The runner of {@code t} has stopped running it (its loop ended for any reason): the thread
     * is over, and with the last thread its process.
     */
    public void threadEnded(GuestThread t) {
        synchronized (lock) { markEnded(t); }
        t.proc.signals.removeThread(t.signals);
        Thread h = t.hostThread;
        if (h != null) byHost.remove(h, t);
    }

    /** The guest thread the calling host thread runs, or null. */
    public GuestThread current() { return byHost.get(Thread.currentThread()); }

    /** The calling thread if it belongs to {@code p}; otherwise p's main thread (unit tests call from plain threads). */
    GuestThread current(GuestProcess p) {
        GuestThread t = byHost.get(Thread.currentThread());
        return t != null && t.proc == p ? t : p.mainThread;
    }

    /** A blocking wait of the calling host thread (as its guest thread, if it runs one); see {@link Waiter}. */
    Waiter waiter() { return Waiter.of(current()); }

    // ---- signals

    /**
     * Posts {@code sig} to process {@code pid} (process-directed: any of its threads that does not
     * block it handles it) with a siginfo saying who sent it: si_code {@code code}, si_pid
     * {@code fromPid}, and for SIGCHLD si_status {@code status}. Returns 0 or -ESRCH.
     */
    public int signalProcess(int pid, int sig, int code, int fromPid, int status) {
        GuestProcess p = process(pid);
        if (p == null) return -Errno.ESRCH;
        synchronized (lock) {
            if (p.zombie) return 0;
        }
        byte[] info = java.nio.ByteBuffer.allocate(128).order(p.abi.order())
                .putInt(0, sig).putInt(8, code).putInt(12, fromPid).putInt(16, p.cfg.uid).putInt(20, status).array();
        p.signals.post(null, sig, info);
        return 0;
    }

    /** The live processes of group {@code pgid}. Caller holds the lock. */
    List<GuestProcess> group(int pgid) {
        List<GuestProcess> g = new ArrayList<>();
        for (GuestProcess q : processes.values()) if (q.pgid == pgid && !q.zombie && !q.exiting) g.add(q);
        return g;
    }

    /** Every live process. Caller holds the lock. */
    List<GuestProcess> everyone() {
        List<GuestProcess> all = new ArrayList<>();
        for (GuestProcess q : processes.values()) if (!q.zombie && !q.exiting) all.add(q);
        return all;
    }

    /** Signals a terminal generates (keys, resize): the host kernel sends them to the foreground group. */
    private static boolean fromTerminal(int sig) {
        return sig == SignalState.SIGINT || sig == SignalState.SIGQUIT || sig == SignalState.SIGTSTP
                || sig == SignalState.SIGTTIN || sig == SignalState.SIGTTOU || sig == SignalState.SIGWINCH;
    }

    /**
     * A signal the host sent to the emulator itself (kill, or a terminal key): the guests receive it
     * as their own, with si_code SI_USER. The signals a terminal generates go to the guests'
     * foreground process group (the shell's foreground job, or every process when the guest does no
     * job control); the others to the first process, the one the host started. Returns true when
     * it is a stop signal (SIGTSTP, SIGTTIN, SIGTTOU) that every receiver, the first process among
     * them, leaves at its default action: the emulator should stop itself, as qemu-user does.
     */
    public boolean hostSignal(int sig) {
        List<GuestProcess> targets;
        synchronized (lock) {
            if (first == null) return false;
            targets = fromTerminal(sig) ? group(foregroundPgrp) : first.zombie ? List.of() : List.of(first);
            if (targets.isEmpty() && fromTerminal(sig) && !first.zombie) targets = List.of(first);
        }
        boolean stop = sig == SignalState.SIGTSTP || sig == SignalState.SIGTTIN || sig == SignalState.SIGTTOU;
        for (GuestProcess q : targets) {
            synchronized (q.signals) {
                if (q.signals.handler[sig] != SignalState.SIG_DFL) stop = false;
            }
            signalProcess(q.pid, sig, 0, 0, 0);
        }
        // only when the first process itself would stop: a guest job stopping (which user mode
        // cannot model) must not stop the whole emulator, its shell included
        return stop && targets.contains(firstProcess());
    }

    private GuestProcess firstProcess() { synchronized (lock) { return first; } }

    // ---- exit

    /**
     * A process ended or released its vfork parent, or the run ends: wakes the guest threads waiting
     * for that (wait4, vfork) through their notifications, and the host-side waits on the lock.
     * Caller holds the lock.
     */
    void treeChanged() {
        lock.notifyAll();
        exitWaiters.wakeAll();
    }

    /** exit_group / fatal signal: every thread of {@code p} stops; {@code caller} (if in p) is over now. */
    void exitGroup(GuestProcess p, int status, int sig, GuestThread caller) {
        synchronized (lock) {
            p.setExit(status, sig);
            for (GuestThread t : new ArrayList<>(p.threads)) t.requestStop();
            if (caller != null && caller.proc == p) markEnded(caller);
        }
    }

    /** exit(2): only the calling thread ends: clear_child_tid is zeroed and woken, as Linux's mm_release does. */
    void exitThread(GuestThread t, int code) {
        int ctid = t.clearChildTid;
        GuestProcess p = t.proc;
        if (ctid != 0) {
            try {
                p.view.put32(ctid, 0);
                p.futexes.wake(ctid, 1, -1);
            } catch (MemoryFault | SysErr ignored) { /* Linux ignores a bad address here too */ }
        }
        synchronized (lock) {
            t.exitCode = code;
            t.requestStop();
            markEnded(t);
        }
    }

    /** execve's de_thread: the other threads of the caller's process stop (forcibly after 2 s). */
    void endOtherThreads(GuestThread self) {
        GuestProcess p = self.proc;
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (lock) {
            for (GuestThread t : p.threads) if (t != self) t.requestStop();
            while (p.threads.size() > 1 && System.nanoTime() - deadline < 0) {
                try {
                    lock.wait(GuestThread.SLICE_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            for (GuestThread t : new ArrayList<>(p.threads)) if (t != self) markEnded(t);
        }
    }

    private void markEnded(GuestThread t) {
        if (t.ended) return;
        t.ended = true;
        treeChanged();
        t.requestStop();
        GuestProcess p = t.proc;
        p.threads.remove(t);
        if (p.threads.isEmpty() && !p.zombie) {
            p.setExit(t.exitCode, 0);
            finish(p);
        }
    }

    /** The last thread of {@code p} is gone: close its descriptors, make it a zombie, tell the parent. */
    private void finish(GuestProcess p) {
        try {
            p.runExitHooks();
        } catch (RuntimeException ignored) { /* exit goes on */ }
        p.fds.closeAll();
        p.zombie = true;
        p.vforkPending = false;
        GuestProcess init = first != p && first != null && !first.zombie ? first : null;
        for (GuestProcess c : new ArrayList<>(p.children)) {
            // orphans go to the first process, or are reaped automatically when it is gone
            c.parent = init;
            if (init != null) init.children.add(c);
            else if (c.zombie) forget(c);
        }
        p.children.clear();
        GuestProcess parent = p.parent;
        if (parent == null && p != first) forget(p);
        treeChanged();
        if (parent != null && !parent.zombie) {
            int ppid = parent.pid;
            // outside the tree's consistency concerns but still under the (reentrant) lock
            // CLD_KILLED or CLD_EXITED, with the signal number or the exit code
            boolean killed = p.killedBy() != 0;
            signalProcess(ppid, SignalState.SIGCHLD, killed ? 2 : 1, p.pid, killed ? p.killedBy() : p.exitStatus());
        }
    }

    private void forget(GuestProcess p) {
        processes.remove(p.pid);
        usedIds.remove(p.pid);
    }

    /** Removes a reaped zombie. Caller holds the lock. */
    void reap(GuestProcess child) {
        child.parent.children.remove(child);
        child.parent = null;
        forget(child);
    }

    /** Waits until {@code p} has ended (all its threads); returns the shell-style status (128+sig after a signal). */
    int awaitEnd(GuestProcess p) {
        synchronized (lock) {
            while (!p.zombie) {
                try {
                    lock.wait(GuestThread.SLICE_NANOS / 1_000_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return p.killedBy() != 0 ? 128 + p.killedBy() : p.exitStatus();
        }
    }

    /**
     * Ends the run: every process still alive is killed (no SIGCHLD), and the host threads
     * running guest threads are joined (up to {@code joinMillis} each; a thread blocked in host
     * I/O is a daemon and is left behind). The run's timers are closed first, so no SIGALRM
     * arrives while it ends.
     */
    public void shutdown(long joinMillis) {
        closeTimers();
        synchronized (lock) {
            for (GuestProcess p : new ArrayList<>(processes.values()))
                if (!p.zombie) {
                    p.setExit(128 + 9, 9);
                    for (GuestThread t : p.threads) t.requestStop();
                }
            treeChanged();
        }
        for (Thread h : new ArrayList<>(hostThreads)) {
            if (h == Thread.currentThread()) continue;
            try {
                h.join(joinMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Processes not yet reaped (zombies included), for tests and diagnostics. */
    public int processCount() { synchronized (lock) { return processes.size(); } }

    /** Host threads currently running guest threads. */
    public int liveHostThreads() {
        int n = 0;
        for (Thread h : hostThreads) if (h.isAlive()) n++;
        return n;
    }

    /** Is the first process over (all its threads ended)? */
    public boolean firstEnded() { synchronized (lock) { return first.zombie; } }
}

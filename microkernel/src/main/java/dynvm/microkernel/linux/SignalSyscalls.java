package dynvm.microkernel.linux;

import static dynvm.microkernel.linux.SignalState.*;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The signal syscalls and the delivery decision. Actions live in the process's
 * {@link SignalState}, masks and alternate stacks in the calling thread's {@link SignalThread}.
 * Which signal runs which handler with which frame contents is decided here
 * ({@link #take}, {@link #force}); laying out the frame is the ISA's job (the engine calls it).
 */
final class SignalSyscalls implements Syscall.Group {
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    /** Kernel struct sigaction for rt_sigaction on ARM and PPC: handler, flags, restorer, 8-byte mask. */
    static final int SIGACTION_SIZE = 20, SIGSET_SIZE = 8, MINSIGSTKSZ = 2048, SS_AUTODISARM = 1 << 31;
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_TKILL = -6;

    private final GuestProcess p;
    private final SignalState s;

    SignalSyscalls(GuestProcess p) {
        this.p = p;
        this.s = p.signals;
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("rt_sigaction", a -> sigaction(a[0], a[1], a[2], a[3]));
        t.put("rt_sigprocmask", a -> sigprocmask(a[0], a[1], a[2], a[3]));
        t.put("rt_sigpending", a -> sigpending(a[0], a[1]));
        t.put("rt_sigsuspend", a -> {
            if (a[1] != SIGSET_SIZE) return -Errno.EINVAL;
            return suspend(readSet(a[0]));
        });
        // the old sigsuspend's mask is (mask) on some architectures, (restart, oldmask, mask) on others
        t.put("sigsuspend", a -> suspend(a[p.abi.sigsuspendMaskArg()] & 0xffffffffL));
        t.put("pause", a -> { waitForSignal(); return GuestProcess.RESTART_NOHAND; });
        t.put("sigaltstack", a -> sigaltstack(a[0], a[1]));
        t.put("kill", a -> kill(a[0], a[1]));
        t.put("tgkill", a -> a[0] == p.pid ? tkill(a[1], a[2]) : -Errno.ESRCH);
        t.put("tkill", a -> tkill(a[0], a[1]));
    }

    /**
     * kill(2): this process is posted directly; another, a process group (0: the caller's, -g:
     * group g) or everyone (-1) through the system.
     */
    private int kill(int pid, int sig) {
        if (sig < 0 || sig > NSIG) return -Errno.EINVAL;
        if (pid == p.pid) return send(null, sig, SI_USER);
        if (pid > 0) return p.sys.signalProcess(pid, sig, SI_USER, p.pid, 0);
        java.util.List<GuestProcess> targets;
        synchronized (p.sys.lock) {
            targets = pid == -1 ? p.sys.everyone() : p.sys.group(pid == 0 ? p.pgid : -pid);
        }
        if (pid == -1) targets.removeIf(q -> q == p);
        if (targets.isEmpty() && pid != -1) return -Errno.ESRCH;
        if (sig == 0) return 0;
        for (GuestProcess q : targets) {
            if (q == p) send(null, sig, SI_USER);
            else p.sys.signalProcess(q.pid, sig, SI_USER, p.pid, 0);
        }
        if (pid == -1) send(null, sig, SI_USER);
        return 0;
    }

    /** tkill/tgkill: a thread of this process. */
    private int tkill(int tid, int sig) {
        GuestThread target = null;
        synchronized (p.sys.lock) {
            for (GuestThread t : p.threads) if (t.tid == tid) target = t;
        }
        if (target == null) return -Errno.ESRCH;
        return send(target.signals, sig, SI_TKILL);
    }

    private long readSet(int addr) {
        ByteBuffer b = ByteBuffer.wrap(p.view.read(addr, 8)).order(p.view.order);
        return (b.getInt(0) & 0xffffffffL) | ((long) b.getInt(4) << 32);
    }

    private void writeSet(int addr, long set) {
        p.view.write(addr, p.view.struct(8).putInt(0, (int) set).putInt(4, (int) (set >>> 32)));
    }

    private int sigaction(int sig, int act, int oldAct, int setSize) {
        if (setSize != SIGSET_SIZE || sig < 1 || sig > NSIG) return -Errno.EINVAL;
        if (act != 0 && (sig == SIGKILL || sig == SIGSTOP)) return -Errno.EINVAL;
        ByteBuffer fresh = act != 0 ? ByteBuffer.wrap(p.view.read(act, SIGACTION_SIZE)).order(p.view.order) : null;
        if (oldAct != 0) {
            ByteBuffer o = p.view.struct(SIGACTION_SIZE);
            synchronized (s) {
                o.putInt(0, s.handler[sig]).putInt(4, s.flags[sig]).putInt(8, s.restorer[sig])
                        .putInt(12, (int) s.actionMask[sig]).putInt(16, (int) (s.actionMask[sig] >>> 32));
            }
            p.view.write(oldAct, o);
        }
        if (fresh != null) {
            synchronized (s) {
                s.handler[sig] = fresh.getInt(0);
                s.flags[sig] = fresh.getInt(4);
                s.restorer[sig] = fresh.getInt(8);
                s.actionMask[sig] = ((fresh.getInt(12) & 0xffffffffL) | ((long) fresh.getInt(16) << 32)) & ~UNBLOCKABLE;
                if (s.ignored(sig)) s.discard(sig);
            }
        }
        return 0;
    }

    private int sigprocmask(int how, int set, int oldSet, int setSize) {
        if (setSize != SIGSET_SIZE) return -Errno.EINVAL;
        long fresh = 0;
        if (set != 0) {
            if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -Errno.EINVAL;
            fresh = readSet(set);
        }
        SignalThread t = p.thread();
        long old;
        synchronized (s) { old = t.mask; }
        if (oldSet != 0) writeSet(oldSet, old);
        if (set != 0) {
            synchronized (s) {
                t.mask = switch (how) {
                    case SIG_BLOCK -> t.mask | fresh;
                    case SIG_UNBLOCK -> t.mask & ~fresh;
                    default -> fresh;
                } & ~UNBLOCKABLE;
                t.recalc();
            }
        }
        return 0;
    }

    private int sigpending(int set, int size) {
        if (size < 0 || size > SIGSET_SIZE) return -Errno.EINVAL;
        long pend;
        synchronized (s) { pend = (p.thread().pending | s.pending) & p.thread().mask; }
        byte[] b = p.view.struct(8).putInt(0, (int) pend).putInt(4, (int) (pend >>> 32)).array();
        p.view.write(set, java.util.Arrays.copyOf(b, size));
        return 0;
    }

    /** sigsuspend: the temporary mask holds until a signal has been handled; the frame saves the old one. */
    private int suspend(long mask) {
        SignalThread t = p.thread();
        synchronized (s) {
            t.savedMask = t.mask;
            t.restoreMask = true;
            t.mask = mask & ~UNBLOCKABLE;
            t.recalc();
        }
        waitForSignal();
        return GuestProcess.RESTART_NOHAND;
    }

    /**
     * Blocks until a signal is deliverable to the calling thread (or the process ends): the thread
     * sleeps on its kernel notification, which a deliverable signal or the stop request signals.
     */
    private void waitForSignal() {
        GuestThread self = p.currentThread();
        Waiter w = Waiter.of(self);
        while (!self.signals.hint() && !p.exited()) {
            if (!w.sleep(-1)) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int sigaltstack(int ss, int oss) {
        SignalThread t = p.thread();
        int sp = p.currentThread().host.stackPointer();
        synchronized (s) {
            boolean on = onAltStack(t, sp);
            if (oss != 0) {
                p.view.write(oss, p.view.struct(12).putInt(0, t.altSp)
                        .putInt(4, t.altSize == 0 ? SS_DISABLE : on ? SS_ONSTACK : t.altFlags & SS_AUTODISARM).putInt(8, t.altSize));
            }
            if (ss != 0) {
                ByteBuffer b = ByteBuffer.wrap(p.view.read(ss, 12)).order(p.view.order);
                int sp0 = b.getInt(0), flags = b.getInt(4), size = b.getInt(8);
                if (on) return -Errno.EPERM;
                int mode = flags & ~SS_AUTODISARM;
                if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) return -Errno.EINVAL;
                if (mode == SS_DISABLE) {
                    t.altSp = 0;
                    t.altSize = 0;
                    t.altFlags = SS_DISABLE;
                } else {
                    if (Integer.compareUnsigned(size, MINSIGSTKSZ) < 0) return -Errno.ENOMEM;
                    t.altSp = sp0;
                    t.altSize = size;
                    t.altFlags = flags & SS_AUTODISARM;
                }
            }
        }
        return 0;
    }

    private static boolean onAltStack(SignalThread t, int sp) {
        return t.altSize != 0 && Integer.compareUnsigned(sp - t.altSp, t.altSize) < 0 && sp != t.altSp;
    }

    private int send(SignalThread target, int sig, int code) {
        if (sig < 0 || sig > NSIG) return -Errno.EINVAL;
        if (sig == 0) return 0;
        s.post(target, sig, siginfo(sig, code, p.pid, p.cfg.uid));
        return 0;
    }

    /** A 32-bit siginfo_t: signo, errno, code, then the first two union words (pid/uid, or the fault address). */
    byte[] siginfo(int sig, int code, int w0, int w1) {
        return p.view.struct(128).putInt(0, sig).putInt(4, 0).putInt(8, code).putInt(12, w0).putInt(16, w1).array();
    }

    /**
     * Picks the next deliverable signal of {@code t}: ignored ones are dropped, a default action
     * that terminates ends the process (null is returned and the process has exited), a handler
     * gives the delivery with the mask changed as Linux changes it. Null when nothing is to run.
     */
    PendingSignal take(SignalThread t, int sp) { return take(t, sp, null); }

    /**
     * As {@link #take(SignalThread, int)}, but each dequeued signal (except SIGKILL and SIGSTOP)
     * is first shown to {@code tracer}, outside the signal lock (a debugger may hold it for long):
     * it returns the signal to act on instead, 0 to discard it, as a ptrace signal-delivery stop.
     */
    PendingSignal take(SignalThread t, int sp, java.util.function.IntUnaryOperator tracer) {
        int fatal;
        outer:
        for (;;) {
            int sig;
            byte[] info;
            synchronized (s) {
                for (;;) {
                    long ready = (t.pending | s.pending) & ~t.mask;
                    if (ready == 0) {
                        if (t.restoreMask) { t.restoreMask = false; t.mask = t.savedMask; }
                        t.recalc();
                        return null;
                    }
                    sig = Long.numberOfTrailingZeros(ready) + 1;
                    if ((t.pending & bit(sig)) != 0) { t.pending &= ~bit(sig); info = t.info[sig]; t.info[sig] = null; }
                    else { s.pending &= ~bit(sig); info = s.info[sig]; s.info[sig] = null; }
                    if (info == null) info = siginfo(sig, SI_KERNEL, 0, 0);
                    if (tracer != null && sig != SIGKILL && sig != SIGSTOP) { t.recalc(); break; }
                    int h = s.handler[sig];
                    if (h == SIG_IGN || h == SIG_DFL && ignoredByDefault(sig)) continue;
                    if (h == SIG_DFL) {
                        t.recalc();
                        fatal = sig;
                        break outer;
                    }
                    return handle(t, sig, info, sp);
                }
            }
            int to = tracer.applyAsInt(sig);
            if (to < 1 || to > NSIG) continue; // discarded
            if (to != sig) info = siginfo(to, SI_USER, p.pid, p.cfg.uid);
            synchronized (s) {
                if ((t.mask & bit(to)) != 0) { // a blocked replacement waits, as Linux requeues it
                    if ((t.pending & bit(to)) == 0) { t.pending |= bit(to); t.info[to] = info; }
                    t.recalc();
                    continue;
                }
                int h = s.handler[to];
                if (h == SIG_IGN || h == SIG_DFL && ignoredByDefault(to)) continue;
                if (h == SIG_DFL) {
                    t.recalc();
                    fatal = to;
                    break;
                }
                return handle(t, to, info, sp);
            }
        }
        p.kill(fatal); // outside the signal lock: exit takes the system lock, which may post to us
        return null;
    }

    /**
     * A synchronous fault: runs the handler when there is one and the signal is neither blocked nor
     * ignored; otherwise the process dies of it (Linux forces a blocked or ignored fault signal to
     * its default action). Null when the process was killed.
     */
    PendingSignal force(SignalThread t, int sig, int code, int addr, int sp) {
        synchronized (s) {
            int h = s.handler[sig];
            if (h != SIG_DFL && h != SIG_IGN && (t.mask & bit(sig)) == 0) return handle(t, sig, siginfo(sig, code, addr, 0), sp);
        }
        p.kill(sig);
        return null;
    }

    private PendingSignal handle(SignalThread t, int sig, byte[] info, int sp) {
        int flags = s.flags[sig], h = s.handler[sig];
        long saved = t.restoreMask ? t.savedMask : t.mask;
        t.restoreMask = false;
        t.mask |= s.actionMask[sig] | ((flags & SA_NODEFER) == 0 ? bit(sig) : 0);
        t.mask &= ~UNBLOCKABLE;
        if ((flags & SA_RESETHAND) != 0) {
            s.handler[sig] = SIG_DFL;
            s.flags[sig] &= ~SA_SIGINFO;
        }
        boolean on = onAltStack(t, sp);
        int top = sp;
        if ((flags & SA_ONSTACK) != 0 && t.altSize != 0 && !on) top = t.altSp + t.altSize;
        int ssFlags = t.altSize == 0 ? SS_DISABLE : on ? SS_ONSTACK : t.altFlags & SS_AUTODISARM;
        PendingSignal d = new PendingSignal(sig, h, flags, s.restorer[sig], saved, info, top, t.altSp, ssFlags, t.altSize);
        if ((t.altFlags & SS_AUTODISARM) != 0 && top != sp) { t.altSp = 0; t.altSize = 0; t.altFlags = SS_DISABLE; }
        t.recalc();
        return d;
    }

    /** sigreturn: the mask saved in the frame. */
    void setMask(SignalThread t, long mask) {
        synchronized (s) {
            t.mask = mask & ~UNBLOCKABLE;
            t.recalc();
        }
    }
}

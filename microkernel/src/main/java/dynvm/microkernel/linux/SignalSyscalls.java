package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Signal bookkeeping without delivery: handlers and the mask are recorded and reported back
 * faithfully, and a signal sent to ourselves either is dropped (ignored, or ignored by default),
 * stays pending while blocked, or terminates the process with 128+sig. Handlers are not run:
 * the engine has no way to enter guest code asynchronously, so a caught signal also terminates.
 */
final class SignalSyscalls implements Syscall.Group {
    static final int NSIG = 64, SIGKILL = 9, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
            SIGTTOU = 22, SIGURG = 23, SIGWINCH = 28;
    static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    static final int SIG_DFL = 0, SIG_IGN = 1;
    /** Kernel struct sigaction for rt_sigaction on ARM and PPC: handler, flags, restorer, 8-byte mask. */
    static final int SIGACTION_SIZE = 20, SIGSET_SIZE = 8, SS_DISABLE = 2;
    private static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    private final GuestProcess p;
    private final byte[][] actions = new byte[NSIG + 1][];
    private long mask, pending;

    SignalSyscalls(GuestProcess p) {
        this.p = p;
        p.signals = sig -> send(sig);
    }

    private boolean ownThread(int tid) {
        synchronized (p.sys.lock) {
            for (GuestThread t : p.threads) if (t.tid == tid) return true;
            return false;
        }
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("rt_sigaction", a -> sigaction(a[0], a[1], a[2], a[3]));
        t.put("rt_sigprocmask", a -> sigprocmask(a[0], a[1], a[2], a[3]));
        t.put("sigaltstack", a -> {
            if (a[1] != 0) p.view.write(a[1], p.view.struct(12).putInt(4, SS_DISABLE));
            return 0;
        });
        // another process is reached through LinuxSystem.signalProcess; threads share the process's disposition
        t.put("kill", a -> (a[0] == p.pid || a[0] == 0 || a[0] == -1 || a[0] == -p.pid) ? send(a[1])
                : a[0] > 0 ? (a[1] < 0 || a[1] > NSIG ? -Errno.EINVAL : p.sys.signalProcess(a[0], a[1])) : -Errno.ESRCH);
        t.put("tgkill", a -> a[0] == p.pid && ownThread(a[1]) ? send(a[2]) : -Errno.ESRCH);
        t.put("tkill", a -> ownThread(a[0]) ? send(a[1]) : -Errno.ESRCH);
    }

    static long bit(int sig) { return 1L << (sig - 1); }

    private int sigaction(int sig, int act, int oldAct, int setSize) {
        if (setSize != SIGSET_SIZE || sig < 1 || sig > NSIG) return -Errno.EINVAL;
        if (act != 0 && (sig == SIGKILL || sig == SIGSTOP)) return -Errno.EINVAL;
        byte[] fresh = act != 0 ? p.view.read(act, SIGACTION_SIZE) : null;
        if (oldAct != 0) p.view.write(oldAct, actions[sig] != null ? actions[sig] : new byte[SIGACTION_SIZE]);
        if (fresh != null) {
            actions[sig] = fresh;
            if (handler(sig) == SIG_IGN) pending &= ~bit(sig);
        }
        return 0;
    }

    private int handler(int sig) {
        return actions[sig] == null ? SIG_DFL : ByteBuffer.wrap(actions[sig]).order(p.view.order).getInt(0);
    }

    private int sigprocmask(int how, int set, int oldSet, int setSize) {
        if (setSize != SIGSET_SIZE) return -Errno.EINVAL;
        long fresh = 0;
        if (set != 0) {
            if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -Errno.EINVAL;
            ByteBuffer b = ByteBuffer.wrap(p.view.read(set, 8)).order(p.view.order);
            fresh = (b.getInt(0) & 0xffffffffL) | ((long) b.getInt(4) << 32);
        }
        long old = mask;
        if (oldSet != 0) p.view.write(oldSet, p.view.struct(8).putInt(0, (int) old).putInt(4, (int) (old >>> 32)));
        if (set != 0) {
            mask = switch (how) {
                case SIG_BLOCK -> mask | fresh;
                case SIG_UNBLOCK -> mask & ~fresh;
                default -> fresh;
            } & ~UNBLOCKABLE;
            deliverPending();
        }
        return 0;
    }

    private synchronized int send(int sig) {
        if (sig < 0 || sig > NSIG) return -Errno.EINVAL;
        if (sig == 0) return 0;
        int h = handler(sig);
        if (h == SIG_IGN || h == SIG_DFL && ignoredByDefault(sig)) return 0;
        if ((mask & bit(sig)) != 0) {
            pending |= bit(sig);
            return 0;
        }
        p.kill(sig);
        return 0;
    }

    private void deliverPending() {
        long ready = pending & ~mask;
        if (ready != 0) {
            int sig = Long.numberOfTrailingZeros(ready) + 1;
            pending &= ~bit(sig);
            p.kill(sig);
        }
    }

    /** Signals whose default action is to ignore, or to stop (which a lone user-mode process cannot do). */
    private static boolean ignoredByDefault(int sig) {
        return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH
                || sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
    }
}

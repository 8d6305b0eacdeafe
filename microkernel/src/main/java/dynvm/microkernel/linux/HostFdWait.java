package dynvm.microkernel.linux;

import dynvm.microkernel.linux.net.HostSockets;

/**
 * A guest thread waiting on a descriptor of the host (a socket, an inotify instance): poll(2) in
 * slices of {@link #SLICE_MS}, so that a signal or a stop request ends the wait within one slice
 * (a host call cannot be woken by the guest thread's notification). One copy for every file
 * backed by a host descriptor.
 */
final class HostFdWait {
    static final int SLICE_MS = 20;

    private HostFdWait() { }

    /**
     * Waits until {@code hostFd} is ready for {@code events} (or has an error or hangup): EAGAIN
     * once {@code deadline} (System.nanoTime; Long.MAX_VALUE: none) passes, ERESTARTSYS for a
     * deliverable signal, EINTR for a stop request.
     */
    static void await(LinuxSystem sys, int hostFd, int events, long deadline) {
        GuestThread t = sys.current();
        int[] pfd = new int[2];
        for (;;) {
            if (t != null) {
                if (t.stopRequested()) throw new SysErr(Errno.EINTR);
                if (t.signals.hint()) throw new SysErr(-GuestProcess.RESTART_SYS);
            }
            long left = deadline == Long.MAX_VALUE ? SLICE_MS : (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new SysErr(Errno.EAGAIN);
            pfd[0] = hostFd;
            pfd[1] = events & 0xffff;
            if (HostSockets.poll(pfd, 1, (int) Math.min(left, SLICE_MS)) > 0) return;
        }
    }

    /** The host's readiness of {@code hostFd} among {@code events} (plus POLLERR/POLLHUP), without waiting. */
    static int ready(int hostFd, int events) {
        int[] pfd = {hostFd, events & 0xffff};
        if (HostSockets.poll(pfd, 1, 0) <= 0) return 0;
        return (pfd[1] >>> 16) & 0xffff;
    }
}

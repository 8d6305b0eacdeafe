package dynvm.microkernel.linux;

import java.io.IOException;

/**
 * An in-JVM pipe: a bounded ring buffer with a read end and a write end. Reads block while it is
 * empty and a writer remains; writes block while it is full and a reader remains (O_NONBLOCK
 * gives EAGAIN instead); writing with no reader left gives EPIPE.
 */
final class Pipe {
    static final int CAPACITY = 65536;

    private final byte[] buf = new byte[CAPACITY];
    private int head, count;
    private boolean readerOpen = true, writerOpen = true;
    private final long ino;
    /** Blocking waits go through the calling guest thread (interruptible, see GuestThread.await). */
    private final LinuxSystem sys;

    Pipe(LinuxSystem sys, long ino) {
        this.sys = sys;
        this.ino = ino;
    }

    synchronized int read(byte[] b, int off, int len, boolean nonBlocking) throws IOException {
        if (len == 0) return 0;
        while (count == 0) {
            if (!writerOpen) return 0;
            if (nonBlocking) throw new SysErr(Errno.EAGAIN);
            waitInterruptibly();
        }
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) b[off + i] = buf[(head + i) % CAPACITY];
        head = (head + n) % CAPACITY;
        count -= n;
        notifyAll();
        return n;
    }

    synchronized int write(byte[] b, int off, int len, boolean nonBlocking) throws IOException {
        int done = 0;
        while (done < len) {
            if (!readerOpen) {
                if (done > 0) return done;
                throw new SysErr(Errno.EPIPE);
            }
            if (count == CAPACITY) {
                if (nonBlocking) {
                    if (done > 0) return done;
                    throw new SysErr(Errno.EAGAIN);
                }
                if (done > 0 && signalPending()) return done;
                waitInterruptibly();
                continue;
            }
            int n = Math.min(len - done, CAPACITY - count);
            for (int i = 0; i < n; i++) buf[(head + count + i) % CAPACITY] = b[off + done + i];
            count += n;
            done += n;
            notifyAll();
        }
        return done;
    }

    synchronized int available() { return count; }

    /** POLLIN/POLLOUT/POLLHUP for the read end ({@code writeEnd} false) or the write end. */
    synchronized int pollReady(boolean writeEnd) {
        if (writeEnd) return !readerOpen ? PollSyscalls.POLLERR : count < CAPACITY ? PollSyscalls.POLLOUT : 0;
        return (count > 0 ? PollSyscalls.POLLIN : 0) | (!writerOpen ? PollSyscalls.POLLHUP : 0);
    }

    synchronized void closeReader() { readerOpen = false; notifyAll(); }

    synchronized void closeWriter() { writerOpen = false; notifyAll(); }

    /**
     * Waits in slices so a signal is noticed: the call then ends with the kernel's ERESTARTSYS,
     * which the engine turns into a restart (SA_RESTART) or EINTR.
     */
    /** Does the calling guest thread have a signal to handle? (A partial write then returns what it wrote.) */
    private boolean signalPending() {
        GuestThread t = sys.current();
        return t != null && t.signals.hint();
    }

    private void waitInterruptibly() {
        int r = sys.awaitCurrent(this, GuestThread.NO_DEADLINE);
        if (r < 0) throw new SysErr(-r);
    }

    /** One end of the pipe as an open file. */
    static final class End extends OpenFile {
        private final Pipe pipe;
        private final int uid, gid;

        End(Pipe pipe, boolean writeEnd, int extraFlags, int uid, int gid) {
            super((writeEnd ? OpenFlags.O_WRONLY : OpenFlags.O_RDONLY) | extraFlags);
            this.pipe = pipe;
            this.uid = uid;
            this.gid = gid;
        }

        @Override int read(byte[] b, int off, int len) throws IOException { return pipe.read(b, off, len, nonBlocking()); }

        @Override int write(byte[] b, int off, int len) throws IOException { return pipe.write(b, off, len, nonBlocking()); }

        @Override HostStat stat() { return HostStat.synthetic(HostStat.S_IFIFO | 0600, uid, gid, 0, 0, pipe.ino); }

        @Override int available() { return pipe.available(); }

        @Override int pollReady() { return pipe.pollReady(writable()); }

        @Override void release() {
            if (writable()) pipe.closeWriter();
            else pipe.closeReader();
        }
    }
}

package dynvm.microkernel.linux;

import java.io.IOException;

/**
 * An in-JVM pipe: a bounded ring buffer with a read end and a write end. Reads block while it is
 * empty and a writer remains; writes block while it is full and a reader remains (O_NONBLOCK
 * gives EAGAIN instead); writing with no reader left gives EPIPE. A blocked reader or writer sleeps
 * on its thread's kernel notification, queued in the pipe's {@link WaitQueue}: any change of the
 * pipe, a signal or a stop request wakes it at once.
 */
final class Pipe {
    static final int CAPACITY = 65536;

    private final byte[] buf = new byte[CAPACITY];
    private int head, count;
    private long writes;
    private boolean readerOpen = true, writerOpen = true;
    private final long ino;
    /** Blocking waits sleep on the calling guest thread's notification ({@link LinuxSystem#waiter}). */
    private final LinuxSystem sys;
    /** Readers waiting for data or end of input, writers waiting for room or the reader's close. */
    private final WaitQueue waiters = new WaitQueue();

    Pipe(LinuxSystem sys, long ino) {
        this.sys = sys;
        this.ino = ino;
    }

    int read(byte[] b, int off, int len, boolean nonBlocking) throws IOException {
        if (len == 0) return 0;
        Waiter w = null;
        try {
            for (;;) {
                synchronized (this) {
                    if (count > 0) {
                        int n = Math.min(len, count);
                        for (int i = 0; i < n; i++) b[off + i] = buf[(head + i) % CAPACITY];
                        head = (head + n) % CAPACITY;
                        count -= n;
                        waiters.wakeAll();
                        return n;
                    }
                    if (!writerOpen) return 0;
                    if (nonBlocking) throw new SysErr(Errno.EAGAIN);
                    w = waiters.enqueue(w, sys);
                }
                WaitQueue.block(w);
            }
        } finally {
            if (w != null) waiters.remove(w.events);
        }
    }

    int write(byte[] b, int off, int len, boolean nonBlocking) throws IOException {
        int done = 0;
        Waiter w = null;
        try {
            for (;;) {
                synchronized (this) {
                    while (done < len) {
                        if (!readerOpen) {
                            if (done > 0) return done;
                            throw new SysErr(Errno.EPIPE);
                        }
                        if (count == CAPACITY) break;
                        int n = Math.min(len - done, CAPACITY - count);
                        for (int i = 0; i < n; i++) buf[(head + count + i) % CAPACITY] = b[off + done + i];
                        count += n;
                        done += n;
                        writes++;
                        waiters.wakeAll();
                    }
                    if (done == len) return done;
                    // full
                    if (nonBlocking) {
                        if (done > 0) return done;
                        throw new SysErr(Errno.EAGAIN);
                    }
                    if (done > 0 && signalPending()) return done;
                    w = waiters.enqueue(w, sys);
                }
                WaitQueue.block(w);
            }
        } finally {
            if (w != null) waiters.remove(w.events);
        }
    }

    synchronized int available() { return count; }

    /** Free bytes (what a write can take without waiting). */
    synchronized int room() { return CAPACITY - count; }

    /** Copies up to {@code len} queued bytes without taking them (tee); -1 when empty with a writer left, 0 at end of input. */
    synchronized int peek(byte[] b, int len) {
        if (count == 0) return writerOpen ? -1 : 0;
        int n = Math.min(len, count);
        for (int i = 0; i < n; i++) b[i] = buf[(head + i) % CAPACITY];
        return n;
    }

    /** Writes so far: edge-triggered epoll's sign of new input ({@link OpenFile#pollGeneration}). */
    synchronized long writes() { return writes; }

    /** POLLIN/POLLOUT/POLLHUP for the read end ({@code writeEnd} false) or the write end. */
    synchronized int pollReady(boolean writeEnd) {
        if (writeEnd) return !readerOpen ? PollSyscalls.POLLERR : count < CAPACITY ? PollSyscalls.POLLOUT : 0;
        return (count > 0 ? PollSyscalls.POLLIN : 0) | (!writerOpen ? PollSyscalls.POLLHUP : 0);
    }

    synchronized void closeReader() { readerOpen = false; waiters.wakeAll(); }

    synchronized void closeWriter() { writerOpen = false; waiters.wakeAll(); }

    /** Does the calling guest thread have a signal to handle? (A partial write then returns what it wrote.) */
    private boolean signalPending() {
        GuestThread t = sys.current();
        return t != null && t.signals.hint();
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

        Pipe pipe() { return pipe; }

        @Override int pollReady() { return pipe.pollReady(writable()); }

        @Override long pollGeneration() { return pipe.writes(); }

        @Override void release() {
            if (writable()) pipe.closeWriter();
            else pipe.closeReader();
        }
    }
}

package dynvm.microkernel.linux;

import dynvm.microkernel.mem.FileBacking;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An open file description: what a descriptor points at. Shared by dup'd descriptors (hence the
 * reference count), and it owns the file offset and status flags (generic O_* values). The
 * defaults describe something that can do nothing; subclasses override what they support.
 */
abstract class OpenFile implements FileBacking {
    /** Access mode and status flags, generic encoding (see {@link OpenFlags}). */
    int flags;
    /** Descriptors (in any process) pointing here. */
    private final java.util.concurrent.atomic.AtomicInteger refs = new java.util.concurrent.atomic.AtomicInteger(1);

    OpenFile(int flags) { this.flags = flags; }

    boolean readable() { return (flags & OpenFlags.O_ACCMODE) != OpenFlags.O_WRONLY; }
    boolean writable() { return (flags & OpenFlags.O_ACCMODE) != OpenFlags.O_RDONLY; }
    boolean nonBlocking() { return (flags & OpenFlags.O_NONBLOCK) != 0; }

    /** Reads at the current offset; 0 at end of file. */
    int read(byte[] b, int off, int len) throws IOException { throw new SysErr(Errno.EINVAL); }

    int write(byte[] b, int off, int len) throws IOException { throw new SysErr(Errno.EINVAL); }

    int readAt(long pos, byte[] b, int off, int len, boolean forMmap) throws IOException { throw new SysErr(Errno.ESPIPE); }

    int writeAt(long pos, byte[] b, int off, int len) throws IOException { throw new SysErr(Errno.ESPIPE); }

    /** lseek; returns the new offset. */
    long seek(long offset, int whence) throws IOException { throw new SysErr(Errno.ESPIPE); }

    void truncate(long size) throws IOException { throw new SysErr(Errno.EINVAL); }

    /** fsync (metadata too) or fdatasync; nothing to do for what has no host file. */
    void sync(boolean metadata) throws IOException {}

    abstract HostStat stat() throws IOException;

    boolean isTty() { return false; }

    /** Host path, for directory-relative lookups and fchdir; null when there is none. */
    Path path() { return null; }

    /** Bytes available without blocking (FIONREAD). */
    int available() throws IOException { return 0; }

    /**
     * poll(2) readiness, POLLIN/POLLOUT/POLLHUP bits. Files, terminals and streams are always
     * ready (a read or write would not wait for another party of this single process).
     */
    int pollReady() {
        return (readable() ? PollSyscalls.POLLIN : 0) | (writable() ? PollSyscalls.POLLOUT : 0);
    }

    /**
     * A count that changes whenever new input arrives (a pipe or eventfd write), so edge-triggered
     * epoll reports data added to what was already readable; files without events stay at 0.
     */
    long pollGeneration() { return 0; }

    /** Releases host resources once the last descriptor is closed. */
    void release() throws IOException {}

    @Override
    public int readAt(long offset, byte[] dst, int dstOff, int len) throws IOException {
        return readAt(offset, dst, dstOff, len, true);
    }

    final void retain() { refs.incrementAndGet(); }

    /** Drops one reference; releases at zero. */
    final void close() throws IOException { if (refs.decrementAndGet() == 0) release(); }
}

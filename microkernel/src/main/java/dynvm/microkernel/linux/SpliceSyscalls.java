package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * splice, tee and vmsplice with copy semantics: pipes here are in-JVM ring buffers, so "moving
 * pages" is a copy through a buffer, with Linux's rules on which ends may be what and its errno
 * values. splice moves at most one pipe's worth (64 KiB) per call, as Linux does; from a file
 * into a pipe it reads no more than the pipe has room for, so no byte read is ever lost.
 */
final class SpliceSyscalls implements Syscall.Group {
    static final int SPLICE_F_MOVE = 1, SPLICE_F_NONBLOCK = 2, SPLICE_F_MORE = 4, SPLICE_F_GIFT = 8, ALL = 15;
    static final int UIO_MAXIOV = 1024;

    private final GuestProcess p;

    SpliceSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("splice", a -> splice(a[0], a[1], a[2], a[3], a[4], a[5]));
        t.put("tee", a -> tee(a[0], a[1], a[2], a[3]));
        t.put("vmsplice", a -> vmsplice(a[0], a[1], a[2], a[3]));
    }

    private static int clamp(int len) { return len < 0 ? Pipe.CAPACITY : Math.min(len, Pipe.CAPACITY); }

    private int splice(int inFd, int inOffPtr, int outFd, int outOffPtr, int len, int flags) throws IOException {
        OpenFile in = p.fds.get(inFd), out = p.fds.get(outFd);
        if (!in.readable() || !out.writable()) return -Errno.EBADF;
        if ((flags & ~ALL) != 0) return -Errno.EINVAL;
        boolean inPipe = in instanceof Pipe.End, outPipe = out instanceof Pipe.End;
        if (!inPipe && !outPipe) return -Errno.EINVAL;
        if (inPipe && inOffPtr != 0 || outPipe && outOffPtr != 0) return -Errno.ESPIPE;
        if (inPipe && outPipe && ((Pipe.End) in).pipe() == ((Pipe.End) out).pipe()) return -Errno.EINVAL;
        if ((out.flags & OpenFlags.O_APPEND) != 0) return -Errno.EINVAL;
        if (in instanceof HostDirectory) return -Errno.EISDIR;
        int n = clamp(len);
        if (n == 0) return 0;
        boolean nb = (flags & SPLICE_F_NONBLOCK) != 0;
        long inPos = inOffPtr != 0 ? p.view.u64(inOffPtr) : -1, outPos = outOffPtr != 0 ? p.view.u64(outOffPtr) : -1;
        if (inOffPtr != 0 && inPos < 0 || outOffPtr != 0 && outPos < 0) return -Errno.EINVAL;
        if (outPipe) {
            Pipe target = ((Pipe.End) out).pipe();
            int room = target.room();
            if (room == 0 && nb) return -Errno.EAGAIN;
            if (room > 0) n = Math.min(n, room);
        }
        byte[] chunk = new byte[n];
        int got = inPipe ? ((Pipe.End) in).pipe().read(chunk, 0, n, nb || in.nonBlocking())
                : inPos >= 0 ? in.readAt(inPos, chunk, 0, n, false) : in.read(chunk, 0, n);
        if (got <= 0) return 0;
        if (outPipe) ((Pipe.End) out).pipe().write(chunk, 0, got, false);
        else if (outPos >= 0) out.writeAt(outPos, chunk, 0, got);
        else out.write(chunk, 0, got);
        if (inOffPtr != 0) p.view.put64(inOffPtr, inPos + got);
        if (outOffPtr != 0) p.view.put64(outOffPtr, outPos + got);
        return got;
    }

    /** tee: copies what the input pipe holds into the output pipe, taking nothing from it. */
    private int tee(int inFd, int outFd, int len, int flags) throws IOException {
        OpenFile in = p.fds.get(inFd), out = p.fds.get(outFd);
        if ((flags & ~ALL) != 0) return -Errno.EINVAL;
        if (!(in instanceof Pipe.End) || !(out instanceof Pipe.End) || !in.readable() || !out.writable()) return -Errno.EINVAL;
        Pipe src = ((Pipe.End) in).pipe(), dst = ((Pipe.End) out).pipe();
        if (src == dst) return -Errno.EINVAL;
        int n = clamp(len);
        if (n == 0) return 0;
        boolean nb = (flags & SPLICE_F_NONBLOCK) != 0;
        byte[] chunk = new byte[n];
        Waiter w = p.sys.waiter();
        for (;;) {
            int room = dst.room();
            int got = room == 0 ? -1 : src.peek(chunk, Math.min(n, room));
            if (got >= 0) {
                if (got > 0) dst.write(chunk, 0, got, false);
                return got;
            }
            if (nb || in.nonBlocking() && room > 0) return -Errno.EAGAIN;
            int r = w.block(System.nanoTime() + EventSyscalls.SLICE_NS);
            if (r < 0 && r != -Errno.ETIMEDOUT) return r;
        }
    }

    /** vmsplice: the iovecs into a pipe's write end, or out of its read end (a writev/readv). */
    private int vmsplice(int fd, int iov, int nr, int flags) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof Pipe.End end)) return -Errno.EBADF;
        if ((flags & ~ALL) != 0 || nr < 0 || nr > UIO_MAXIOV) return -Errno.EINVAL;
        if (nr == 0) return 0;
        ByteBuffer v = ByteBuffer.wrap(p.view.read(iov, 8 * nr)).order(p.view.order);
        boolean nb = (flags & SPLICE_F_NONBLOCK) != 0 || f.nonBlocking();
        int done = 0;
        for (int i = 0; i < nr; i++) {
            int base = v.getInt(8 * i), len = v.getInt(8 * i + 4);
            if (len < 0) return -Errno.EINVAL;
            if (len == 0) continue;
            int n;
            if (f.writable()) {
                byte[] b = p.view.read(base, len);
                try {
                    n = end.pipe().write(b, 0, len, nb || done > 0);
                } catch (SysErr e) {
                    if (done > 0) return done;
                    throw e;
                }
            } else {
                p.view.requireWritable(base, len);
                byte[] b = new byte[len];
                try {
                    n = end.pipe().read(b, 0, len, nb || done > 0);
                } catch (SysErr e) {
                    if (done > 0) return done;
                    throw e;
                }
                p.view.write(base, b, 0, n);
            }
            done += n;
            if (n < len) break;
        }
        return done;
    }
}

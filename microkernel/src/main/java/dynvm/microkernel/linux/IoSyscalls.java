package dynvm.microkernel.linux;

import dynvm.microkernel.mem.GuestMemory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Moving data through descriptors: read, write and their vectored and positioned forms, seeking,
 * directory listing, sync and truncate. Plain reads and writes go straight between the file and
 * the guest RAM array once the buffer has been checked, so large I/O costs no extra copy.
 */
final class IoSyscalls implements Syscall.Group {
    static final int IOV_MAX = 1024;
    /** Like the kernel's MAX_RW_COUNT, but smaller: one syscall moves at most this much. */
    static final int MAX_RW = 1 << 26;

    private final GuestProcess p;

    IoSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("read", a -> read(a[0], a[1], a[2]));
        t.put("write", a -> write(a[0], a[1], a[2]));
        t.put("readv", a -> readv(a[0], a[1], a[2]));
        t.put("writev", a -> writev(a[0], a[1], a[2]));
        t.put("pread64", a -> pread(a[0], a[1], a[2], p.view.pair(a[4], a[5])));
        t.put("pwrite64", a -> pwrite(a[0], a[1], a[2], p.view.pair(a[4], a[5])));
        t.put("lseek", a -> lseek(a[0], a[1], a[2]));
        t.put("_llseek", a -> llseek(a[0], a[1], a[2], a[3], a[4]));
        t.put("getdents64", a -> getdents(a[0], a[1], a[2], true));
        t.put("getdents", a -> getdents(a[0], a[1], a[2], false));
        // preadv/pwritev take the offset as explicit low and high words, not as an aligned pair
        t.put("preadv", a -> preadv(a[0], a[1], a[2], offset(a[3], a[4])));
        t.put("pwritev", a -> pwritev(a[0], a[1], a[2], offset(a[3], a[4])));
        // the *v2 forms: offset -1 means the file offset; no RWF_* flags supported
        t.put("preadv2", a -> a[5] != 0 ? -Errno.ENOTSUP
                : offset(a[3], a[4]) == -1 ? readv(a[0], a[1], a[2]) : preadv(a[0], a[1], a[2], offset(a[3], a[4])));
        t.put("pwritev2", a -> a[5] != 0 ? -Errno.ENOTSUP
                : offset(a[3], a[4]) == -1 ? writev(a[0], a[1], a[2]) : pwritev(a[0], a[1], a[2], offset(a[3], a[4])));
        t.put("sendfile", a -> sendfile(a[0], a[1], a[2], a[3], false));
        t.put("sendfile64", a -> sendfile(a[0], a[1], a[2], a[3], true));
        t.put("copy_file_range", a -> copyFileRange(a[0], a[1], a[2], a[3], a[4], a[5]));
        t.put("fsync", a -> { p.fds.get(a[0]).sync(true); return 0; });
        t.put("fdatasync", a -> { p.fds.get(a[0]).sync(false); return 0; });
        t.put("ftruncate", a -> truncate(a[0], a[1]));
        t.put("ftruncate64", a -> truncate(a[0], p.view.pair(a[2], a[3])));
    }

    private static int clampCount(int count) {
        return count < 0 ? MAX_RW : Math.min(count, MAX_RW);
    }

    /** Largest bounce buffer for reads and writes into aliased (shared) pages. */
    private static final int BOUNCE = 1 << 20;

    int read(int fd, int buf, int count) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.readable()) return -Errno.EBADF;
        int len = clampCount(count);
        if (len == 0) return 0;
        p.view.requireWritable(buf, len);
        GuestMemory mem = p.view.mem;
        if (mem.aliased(buf, len)) { // shared memory pages are not in the window's array: through a bounce buffer
            byte[] b = new byte[Math.min(len, BOUNCE)];
            int done = 0;
            for (;;) {
                int n = f.read(b, 0, Math.min(b.length, len - done));
                if (n > 0) mem.write(buf + done, b, 0, n);
                if (n <= 0) return done > 0 ? done : n;
                done += n;
                // only a regular file reads on without waiting; a pipe or socket returns what it had
                if (done == len || n < b.length || !(f instanceof HostFile)) return done;
            }
        }
        byte[] ram = mem.ram; // straight into the window; a growth meanwhile is made good after
        int n = f.read(ram, buf - mem.base, len);
        mem.directWriteDone(ram, buf, n);
        mem.discardCode(buf, n);
        return n;
    }

    int write(int fd, int buf, int count) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.writable()) return -Errno.EBADF;
        int len = clampCount(count);
        if (len == 0) return 0;
        p.view.requireReadable(buf, len);
        if (p.view.mem.aliased(buf, len)) { // through a bounce buffer, in pieces for a regular file
            if (!(f instanceof HostFile) || len <= BOUNCE) return f.write(p.view.read(buf, len), 0, len);
            int done = 0;
            while (done < len) {
                int k = Math.min(BOUNCE, len - done);
                int n = f.write(p.view.read(buf + done, k), 0, k);
                if (n <= 0) return done > 0 ? done : n;
                done += n;
                if (n < k) break;
            }
            return done;
        }
        // (a growth of a shared memory meanwhile leaves this array as it was at the copy: a guest
        // thread storing into the buffer while it is written races with the write anyway)
        return f.write(p.view.mem.ram, buf - p.view.mem.base, len);
    }

    /** The (base, length) pairs of a guest iovec array. */
    private int[] iovecs(int iov, int cnt) {
        if (cnt < 0 || cnt > IOV_MAX) throw new SysErr(Errno.EINVAL);
        ByteBuffer b = ByteBuffer.wrap(p.view.read(iov, 8 * cnt)).order(p.view.order);
        int[] v = new int[2 * cnt];
        long total = 0;
        for (int i = 0; i < 2 * cnt; i++) v[i] = b.getInt(4 * i);
        for (int i = 0; i < cnt; i++) {
            if (v[2 * i + 1] < 0) throw new SysErr(Errno.EINVAL);
            total += v[2 * i + 1];
        }
        if (total > Integer.MAX_VALUE) throw new SysErr(Errno.EINVAL);
        return v;
    }

    private int readv(int fd, int iov, int cnt) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.readable()) return -Errno.EBADF;
        int[] v = iovecs(iov, cnt);
        for (int i = 0; i < cnt; i++) p.view.requireWritable(v[2 * i], v[2 * i + 1]);
        int total = 0;
        for (int i = 0; i < cnt; i++) {
            int len = v[2 * i + 1];
            if (len == 0) continue;
            int n = read(fd, v[2 * i], len);
            total += n;
            if (n < len) break;
        }
        return total;
    }

    /** Gathers first, so a stream sees one write (and one flush) per syscall. */
    private int writev(int fd, int iov, int cnt) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.writable()) return -Errno.EBADF;
        int[] v = iovecs(iov, cnt);
        int total = 0;
        for (int i = 0; i < cnt; i++) total += v[2 * i + 1];
        byte[] all = new byte[total];
        int at = 0;
        for (int i = 0; i < cnt; i++) {
            p.view.mem.read(v[2 * i], all, at, v[2 * i + 1]);
            at += v[2 * i + 1];
        }
        return total == 0 ? 0 : f.write(all, 0, total);
    }

    private int pread(int fd, int buf, int count, long pos) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.readable()) return -Errno.EBADF;
        if (pos < 0) return -Errno.EINVAL;
        int len = clampCount(count);
        p.view.requireWritable(buf, len);
        byte[] tmp = new byte[len];
        int n = f.readAt(pos, tmp, 0, len, false);
        p.view.write(buf, tmp, 0, n);
        return n;
    }

    private int pwrite(int fd, int buf, int count, long pos) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.writable()) return -Errno.EBADF;
        if (pos < 0) return -Errno.EINVAL;
        int len = clampCount(count);
        return writeAt(f, pos, p.view.read(buf, len), len);
    }

    /** Like Linux, a positioned write to an O_APPEND file goes to the end whatever the offset. */
    private static int writeAt(OpenFile f, long pos, byte[] b, int len) throws IOException {
        if ((f.flags & OpenFlags.O_APPEND) != 0 && f instanceof HostFile) pos = f.stat().size();
        return f.writeAt(pos, b, 0, len);
    }

    private static long offset(int lo, int hi) { return ((long) hi << 32) | (lo & 0xffffffffL); }

    private int preadv(int fd, int iov, int cnt, long pos) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.readable()) return -Errno.EBADF;
        int[] v = iovecs(iov, cnt);
        if (pos < 0) return -Errno.EINVAL;
        for (int i = 0; i < cnt; i++) p.view.requireWritable(v[2 * i], v[2 * i + 1]);
        int total = 0;
        for (int i = 0; i < cnt; i++) {
            int len = v[2 * i + 1];
            if (len == 0) continue;
            byte[] tmp = new byte[len];
            int n = f.readAt(pos + total, tmp, 0, len, false);
            p.view.write(v[2 * i], tmp, 0, n);
            total += n;
            if (n < len) break;
        }
        return total;
    }

    private int pwritev(int fd, int iov, int cnt, long pos) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.writable()) return -Errno.EBADF;
        int[] v = iovecs(iov, cnt);
        if (pos < 0) return -Errno.EINVAL;
        int total = 0;
        for (int i = 0; i < cnt; i++) total += v[2 * i + 1];
        byte[] all = new byte[total];
        for (int i = 0, at = 0; i < cnt; at += v[2 * i + 1], i++) p.view.mem.read(v[2 * i], all, at, v[2 * i + 1]);
        return total == 0 ? 0 : writeAt(f, pos, all, total);
    }

    /**
     * sendfile: copies from {@code in} (at *offset when given, which is then advanced, else at its
     * file offset) to {@code out}, in chunks, stopping at end of input.
     */
    private int sendfile(int outFd, int inFd, int offPtr, int count, boolean off64) throws IOException {
        OpenFile in = p.fds.get(inFd), out = p.fds.get(outFd);
        if (!in.readable() || !out.writable()) return -Errno.EBADF;
        if ((out.flags & OpenFlags.O_APPEND) != 0) return -Errno.EINVAL;
        if (in instanceof HostDirectory) return -Errno.EINVAL;
        long pos = -1;
        if (offPtr != 0) {
            pos = off64 ? p.view.u64(offPtr) : p.view.u32(offPtr);
            p.view.requireWritable(offPtr, off64 ? 8 : 4);
            if (pos < 0) return -Errno.EINVAL;
            if (in instanceof Pipe.End) return -Errno.ESPIPE;
        }
        int len = clampCount(count);
        byte[] chunk = new byte[Math.min(len, 1 << 16)];
        int done = 0;
        while (done < len) {
            int want = Math.min(chunk.length, len - done);
            int n = pos < 0 ? in.read(chunk, 0, want) : in.readAt(pos + done, chunk, 0, want, false);
            if (n <= 0) break;
            out.write(chunk, 0, n);
            done += n;
            if (n < want) break;
        }
        if (offPtr != 0) {
            if (off64) p.view.put64(offPtr, pos + done);
            else p.view.put32(offPtr, (int) (pos + done));
        }
        return done;
    }

    /** copy_file_range between regular files; offsets from the loff_t pointers when given. */
    private int copyFileRange(int inFd, int inOffPtr, int outFd, int outOffPtr, int count, int flags) throws IOException {
        if (flags != 0) return -Errno.EINVAL;
        OpenFile in = p.fds.get(inFd), out = p.fds.get(outFd);
        if (!in.readable() || !out.writable() || (out.flags & OpenFlags.O_APPEND) != 0) return -Errno.EBADF;
        if (in instanceof HostDirectory || out instanceof HostDirectory) return -Errno.EISDIR;
        if (!(in instanceof HostFile) || !(out instanceof HostFile)) return -Errno.EINVAL;
        long inPos = inOffPtr != 0 ? p.view.u64(inOffPtr) : in.seek(0, HostFile.SEEK_CUR);
        long outPos = outOffPtr != 0 ? p.view.u64(outOffPtr) : out.seek(0, HostFile.SEEK_CUR);
        if (inPos < 0 || outPos < 0) return -Errno.EINVAL;
        int len = clampCount(count);
        if (in.path() != null && in.path().equals(out.path()) && inPos < outPos + len && outPos < inPos + len)
            return -Errno.EINVAL;
        byte[] chunk = new byte[Math.min(len, 1 << 16)];
        int done = 0;
        while (done < len) {
            int n = in.readAt(inPos + done, chunk, 0, Math.min(chunk.length, len - done), false);
            if (n <= 0) break;
            out.writeAt(outPos + done, chunk, 0, n);
            done += n;
        }
        if (inOffPtr != 0) p.view.put64(inOffPtr, inPos + done);
        else in.seek(inPos + done, HostFile.SEEK_SET);
        if (outOffPtr != 0) p.view.put64(outOffPtr, outPos + done);
        else out.seek(outPos + done, HostFile.SEEK_SET);
        return done;
    }

    private int lseek(int fd, int off, int whence) throws IOException {
        long pos = p.fds.get(fd).seek(off, whence);
        return pos > Integer.MAX_VALUE ? -Errno.EOVERFLOW : (int) pos;
    }

    private int llseek(int fd, int hi, int lo, int result, int whence) throws IOException {
        OpenFile f = p.fds.get(fd);
        p.view.requireWritable(result, 8);
        long pos = f.seek(((long) hi << 32) | (lo & 0xffffffffL), whence);
        p.view.put64(result, pos);
        return 0;
    }

    /**
     * getdents64 (struct linux_dirent64: d_ino, d_off, d_reclen, d_type, name; 8-byte aligned) or
     * the old getdents (struct linux_dirent: 32-bit d_ino and d_off, d_reclen, name, NUL, then
     * d_type in the record's last byte; 4-byte aligned). d_off is the offset of the next entry,
     * which lseek accepts to resume there. EINVAL when not even one record fits.
     */
    private int getdents(int fd, int dirp, int count, boolean is64) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof HostDirectory dir)) return -Errno.ENOTDIR;
        List<HostDirectory.Entry> entries = dir.entries();
        int cap = Math.min(clampCount(count), 1 << 16);
        p.view.requireWritable(dirp, cap);
        ByteBuffer out = ByteBuffer.allocate(cap).order(p.view.order);
        int used = 0;
        while (dir.position < entries.size()) {
            HostDirectory.Entry e = entries.get(dir.position);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int reclen = is64 ? (19 + name.length + 1 + 7) & ~7 : (10 + name.length + 2 + 3) & ~3;
            if (used + reclen > out.capacity()) {
                if (used == 0) return -Errno.EINVAL;
                break;
            }
            if (is64) {
                out.putLong(used, e.ino());
                out.putLong(used + 8, dir.position + 1);
                out.putShort(used + 16, (short) reclen);
                out.put(used + 18, (byte) e.type());
                out.put(used + 19, name);
            } else {
                if ((e.ino() >>> 32) != 0) {
                    if (used == 0) return -Errno.EOVERFLOW;
                    break;
                }
                out.putInt(used, (int) e.ino());
                out.putInt(used + 4, dir.position + 1);
                out.putShort(used + 8, (short) reclen);
                out.put(used + 10, name);
                out.put(used + reclen - 1, (byte) e.type());
            }
            used += reclen;
            dir.position++;
        }
        p.view.write(dirp, out.array(), 0, used);
        return used;
    }

    private int truncate(int fd, long size) throws IOException {
        if (size < 0) return -Errno.EINVAL;
        p.fds.get(fd).truncate(size);
        return 0;
    }
}

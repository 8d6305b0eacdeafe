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
        t.put("getdents64", a -> getdents64(a[0], a[1], a[2]));
        t.put("fsync", a -> { p.fds.get(a[0]); return 0; });
        t.put("fdatasync", a -> { p.fds.get(a[0]); return 0; });
        t.put("ftruncate", a -> truncate(a[0], a[1]));
        t.put("ftruncate64", a -> truncate(a[0], p.view.pair(a[2], a[3])));
    }

    private static int clampCount(int count) {
        return count < 0 ? MAX_RW : Math.min(count, MAX_RW);
    }

    int read(int fd, int buf, int count) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.readable()) return -Errno.EBADF;
        int len = clampCount(count);
        if (len == 0) return 0;
        p.view.requireWritable(buf, len);
        GuestMemory mem = p.view.mem;
        int n = f.read(mem.ram, buf - mem.base, len);
        mem.discardCode(buf, n);
        return n;
    }

    int write(int fd, int buf, int count) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!f.writable()) return -Errno.EBADF;
        int len = clampCount(count);
        if (len == 0) return 0;
        p.view.requireReadable(buf, len);
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
        return f.writeAt(pos, p.view.read(buf, len), 0, len);
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

    /** struct linux_dirent64 records: d_ino, d_off, d_reclen, d_type, then the NUL-terminated name, 8-byte aligned. */
    private int getdents64(int fd, int dirp, int count) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof HostDirectory dir)) return -Errno.ENOTDIR;
        List<HostDirectory.Entry> entries = dir.entries();
        int cap = clampCount(count);
        p.view.requireWritable(dirp, Math.min(cap, 1 << 16));
        ByteBuffer out = ByteBuffer.allocate(Math.min(cap, 1 << 16)).order(p.view.order);
        int used = 0;
        while (dir.position < entries.size()) {
            HostDirectory.Entry e = entries.get(dir.position);
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + name.length + 1 + 7) & ~7;
            if (used + reclen > out.capacity()) {
                if (used == 0) return -Errno.EINVAL;
                break;
            }
            out.putLong(used, e.ino());
            out.putLong(used + 8, dir.position + 1);
            out.putShort(used + 16, (short) reclen);
            out.put(used + 18, (byte) e.type());
            out.put(used + 19, name);
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

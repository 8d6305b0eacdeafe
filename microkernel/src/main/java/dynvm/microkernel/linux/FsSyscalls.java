package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * File metadata and file-system calls: timestamps (utimensat, utimes, utime, futimesat), owners
 * (the chown family), mknod, truncate by path, statfs, the sync family, and the advisory calls
 * (flock, fadvise, sync_file_range, readahead, fallocate) that only validate their arguments.
 * 64-bit arguments arrive as two registers in memory order at the same indexes on ARM EABI and
 * PPC32 (both align them to a register pair starting at an even argument index).
 */
final class FsSyscalls implements Syscall.Group {
    static final int UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;
    static final int LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;
    static final int STATFS_SIZE = 64, STATFS64_SIZE = 88;
    static final int ST_RDONLY = 1, ST_VALID = 0x20;
    private static final long NS = 1_000_000_000L;

    private final GuestProcess p;

    FsSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        int cwd = PathResolver.AT_FDCWD;
        t.put("utimensat", a -> utimensat(a[0], a[1], a[2], a[3], false));
        t.put("utimensat_time64", a -> utimensat(a[0], a[1], a[2], a[3], true));
        t.put("utimes", a -> futimesat(cwd, a[0], a[1]));
        t.put("futimesat", a -> futimesat(a[0], a[1], a[2]));
        t.put("utime", a -> utime(a[0], a[1]));
        // on some architectures chown, lchown and fchown are the old 16-bit-id calls; the *32 calls never are
        boolean id16 = p.abi.chownTakes16BitIds();
        t.put("chown", a -> chown(cwd, a[0], id(a[1], id16), id(a[2], id16), 0));
        t.put("lchown", a -> chown(cwd, a[0], id(a[1], id16), id(a[2], id16), StatSyscalls.AT_SYMLINK_NOFOLLOW));
        t.put("fchown", a -> fchown(a[0], id(a[1], id16), id(a[2], id16)));
        t.put("chown32", a -> chown(cwd, a[0], a[1], a[2], 0));
        t.put("lchown32", a -> chown(cwd, a[0], a[1], a[2], StatSyscalls.AT_SYMLINK_NOFOLLOW));
        t.put("fchown32", a -> fchown(a[0], a[1], a[2]));
        t.put("fchownat", a -> chown(a[0], a[1], a[2], a[3], a[4]));
        t.put("mknod", a -> mknodat(cwd, a[0], a[1]));
        t.put("mknodat", a -> mknodat(a[0], a[1], a[2]));
        t.put("truncate", a -> truncate(a[0], a[1]));
        t.put("truncate64", a -> truncate(a[0], p.view.pair(a[2], a[3])));
        t.put("statfs", a -> statfs(statfsOf(p.paths.resolve(cwd, p.view.path(a[0]))), a[1], STATFS_SIZE));
        t.put("fstatfs", a -> statfs(statfsOf(p.fds.get(a[0])), a[1], STATFS_SIZE));
        t.put("statfs64", a -> statfs64(statfsOf(p.paths.resolve(cwd, p.view.path(a[0]))), a[1], a[2]));
        t.put("fstatfs64", a -> statfs64(statfsOf(p.fds.get(a[0])), a[1], a[2]));
        t.put("sync", a -> 0);
        t.put("syncfs", a -> { p.fds.get(a[0]); return 0; });
        t.put("flock", a -> flock(a[0], a[1]));
        // fadvise64 (PPC32): fd, pad, offset pair, 32-bit len, advice; the *64_64 forms put advice second
        t.put("fadvise64", a -> fadvise(a[0], p.view.pair(a[2], a[3]), a[4], a[5]));
        t.put("fadvise64_64", a -> fadvise(a[0], p.view.pair(a[2], a[3]), p.view.pair(a[4], a[5]), a[1]));
        t.put("arm_fadvise64_64", a -> fadvise(a[0], p.view.pair(a[2], a[3]), p.view.pair(a[4], a[5]), a[1]));
        t.put("sync_file_range2", a -> syncFileRange(a[0], p.view.pair(a[2], a[3]), p.view.pair(a[4], a[5]), a[1]));
        t.put("readahead", a -> readahead(a[0], p.view.pair(a[2], a[3])));
        t.put("fallocate", a -> fallocate(a[0], a[1], p.view.pair(a[2], a[3]), p.view.pair(a[4], a[5])));
    }

    /** A 16-bit id with (uid16_t)-1 widened to -1. */
    private static int id(int v, boolean id16) {
        if (!id16) return v;
        return (v & 0xffff) == 0xffff ? -1 : v & 0xffff;
    }

    // ---- timestamps

    private int utimensat(int dirfd, int pathPtr, int timesPtr, int flags, boolean time64) throws IOException {
        FileTime[] ft = {null, null};
        if (timesPtr != 0) {
            int size = time64 ? 16 : 8;
            ByteBuffer b = ByteBuffer.wrap(p.view.read(timesPtr, 2 * size)).order(p.view.order);
            long[] sec = new long[2], nsec = new long[2];
            for (int i = 0; i < 2; i++) {
                sec[i] = time64 ? b.getLong(i * size) : b.getInt(i * size);
                nsec[i] = time64 ? b.getLong(i * size + 8) : b.getInt(i * size + 4);
            }
            // both omitted: Linux does not even look at the path
            if (nsec[0] == UTIME_OMIT && nsec[1] == UTIME_OMIT) return 0;
            for (int i = 0; i < 2; i++) {
                if (nsec[i] == UTIME_OMIT) continue;
                if (nsec[i] == UTIME_NOW) ft[i] = FileTime.from(Instant.now());
                else if (nsec[i] < 0 || nsec[i] >= NS) return -Errno.EINVAL;
                else ft[i] = FileTime.from(Instant.ofEpochSecond(sec[i], nsec[i]));
            }
        } else {
            FileTime now = FileTime.from(Instant.now());
            ft[0] = ft[1] = now;
        }
        if (pathPtr == 0 && dirfd != PathResolver.AT_FDCWD) {
            // futimens: the descriptor itself
            if ((flags & StatSyscalls.AT_SYMLINK_NOFOLLOW) != 0) return -Errno.EINVAL;
            return setTimes(p.fds.get(dirfd).path(), ft, true);
        }
        if ((flags & ~(StatSyscalls.AT_SYMLINK_NOFOLLOW | StatSyscalls.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        if (pathPtr == 0) return -Errno.EFAULT;
        String name = p.view.path(pathPtr);
        if (name.isEmpty() && (flags & StatSyscalls.AT_EMPTY_PATH) != 0)
            return setTimes(dirfd == PathResolver.AT_FDCWD ? p.paths.cwd() : p.fds.get(dirfd).path(), ft, true);
        Path host = p.paths.resolveHost(dirfd, name);
        HostStat s = HostStat.of(host, (flags & StatSyscalls.AT_SYMLINK_NOFOLLOW) == 0);
        if (name.endsWith("/") && !s.isDir()) return -Errno.ENOTDIR;
        return setTimes(host, ft, (flags & StatSyscalls.AT_SYMLINK_NOFOLLOW) == 0);
    }

    /** Sets atime ({@code ft[0]}) and mtime ({@code ft[1]}); null leaves one alone. No host file (pipe, stream): nothing to do. */
    private static int setTimes(Path host, FileTime[] ft, boolean follow) throws IOException {
        if (host == null) return 0;
        LinkOption[] lo = follow ? new LinkOption[0] : new LinkOption[]{LinkOption.NOFOLLOW_LINKS};
        Files.getFileAttributeView(host, BasicFileAttributeView.class, lo).setTimes(ft[1], ft[0], null);
        return 0;
    }

    /** utimes/futimesat: two struct timevals, or NULL for now. */
    private int futimesat(int dirfd, int pathPtr, int tvPtr) throws IOException {
        FileTime[] ft = new FileTime[2];
        if (tvPtr != 0) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(tvPtr, 16)).order(p.view.order);
            for (int i = 0; i < 2; i++) {
                long sec = b.getInt(8 * i), usec = b.getInt(8 * i + 4);
                if (usec < 0 || usec >= 1_000_000) return -Errno.EINVAL;
                ft[i] = FileTime.from(Instant.ofEpochSecond(sec, usec * 1000));
            }
        } else {
            ft[0] = ft[1] = FileTime.from(Instant.now());
        }
        Path host = p.paths.resolveHost(dirfd, p.view.path(pathPtr));
        HostStat.of(host, true);
        return setTimes(host, ft, true);
    }

    /** utime: struct utimbuf {actime, modtime}, or NULL for now. */
    private int utime(int pathPtr, int bufPtr) throws IOException {
        FileTime[] ft = new FileTime[2];
        if (bufPtr != 0) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(bufPtr, 8)).order(p.view.order);
            ft[0] = FileTime.from(Instant.ofEpochSecond(b.getInt(0)));
            ft[1] = FileTime.from(Instant.ofEpochSecond(b.getInt(4)));
        } else {
            ft[0] = ft[1] = FileTime.from(Instant.now());
        }
        Path host = p.paths.resolveHost(PathResolver.AT_FDCWD, p.view.path(pathPtr));
        HostStat.of(host, true);
        return setTimes(host, ft, true);
    }

    // ---- owners

    /**
     * The guest is an unprivileged user: a chown that changes nothing (ids -1 or equal to the
     * current ones) succeeds, anything else is EPERM.
     */
    private int chown(int dirfd, int pathPtr, int uid, int gid, int flags) throws IOException {
        if ((flags & ~(StatSyscalls.AT_SYMLINK_NOFOLLOW | StatSyscalls.AT_EMPTY_PATH)) != 0) return -Errno.EINVAL;
        HostStat s = new StatSyscalls(p).lookup(dirfd, pathPtr, flags);
        return chownCheck(s, uid, gid);
    }

    private int fchown(int fd, int uid, int gid) throws IOException {
        return chownCheck(p.fds.get(fd).stat(), uid, gid);
    }

    private static int chownCheck(HostStat s, int uid, int gid) {
        boolean same = (uid == -1 || uid == s.uid()) && (gid == -1 || gid == s.gid());
        return same ? 0 : -Errno.EPERM;
    }

    // ---- mknod

    /** Regular files only: devices need privileges, and FIFOs and sockets have no host equivalent here (EPERM). */
    private int mknodat(int dirfd, int pathPtr, int mode) throws IOException {
        int type = mode & HostStat.S_IFMT;
        Path host = p.paths.resolveHost(dirfd, p.view.path(pathPtr));
        switch (type) {
            case 0: case HostStat.S_IFREG:
                new FdSyscalls(p).open(host, OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_WRONLY, mode).close();
                return 0;
            case HostStat.S_IFCHR: case HostStat.S_IFBLK: case HostStat.S_IFIFO: case HostStat.S_IFSOCK:
                if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) return -Errno.EEXIST;
                HostStat.of(host.toAbsolutePath().getParent(), true);
                return -Errno.EPERM;
            case HostStat.S_IFDIR:
                return -Errno.EPERM;
            default:
                return -Errno.EINVAL;
        }
    }

    // ---- truncate by path

    private int truncate(int pathPtr, long size) throws IOException {
        if (size < 0) return -Errno.EINVAL;
        String name = p.view.path(pathPtr);
        Path host = p.paths.resolveHost(PathResolver.AT_FDCWD, name);
        HostStat s = HostStat.of(host, true);
        if (s.isDir()) return -Errno.EISDIR;
        if ((s.mode() & HostStat.S_IFMT) != HostStat.S_IFREG) return -Errno.EINVAL;
        if (!Files.isWritable(host)) return -Errno.EACCES;
        try (FileChannel ch = FileChannel.open(host, StandardOpenOption.WRITE)) {
            if (size < ch.size()) ch.truncate(size);
            else if (size > ch.size()) ch.write(ByteBuffer.allocate(1), size - 1);
        }
        return 0;
    }

    // ---- statfs

    /** The numbers of a struct statfs, from the host's FileStore. */
    record FsInfo(long type, long bsize, long blocks, long bfree, long bavail, long files, long ffree,
                  int fsid0, int fsid1, long namelen, long frsize, long flags) {}

    private FsInfo statfsOf(OpenFile f) throws IOException {
        Path host = f.path();
        if (host == null) {
            // pipes and the standard streams: pipefs, as Linux reports for a pipe
            return new FsInfo(0x50495045L, 4096, 0, 0, 0, 0, 0, 0, 0, 255, 4096, ST_VALID);
        }
        return statfsOf(host);
    }

    private FsInfo statfsOf(Path host) throws IOException {
        HostStat s = HostStat.of(host, true);
        FileStore fs = Files.getFileStore(host);
        long bsize;
        try {
            bsize = fs.getBlockSize();
        } catch (UnsupportedOperationException e) {
            bsize = 4096;
        }
        if (bsize <= 0) bsize = 4096;
        long blocks = fs.getTotalSpace() / bsize, bfree = fs.getUnallocatedSpace() / bsize, bavail = fs.getUsableSpace() / bsize;
        long flags = ST_VALID | (fs.isReadOnly() ? ST_RDONLY : 0);
        int fsid0 = (int) HostStat.encodeDev(s.devMajor(), s.devMinor());
        // the JDK does not report inode counts: 0, as Linux does for file systems without them
        return new FsInfo(magic(fs.type()), bsize, blocks, bfree, bavail, 0, 0, fsid0, 0, 255, bsize, flags);
    }

    /** f_type for the host's file-system type name (linux/magic.h). */
    static long magic(String type) {
        switch (type.toLowerCase(Locale.ROOT)) {
            case "ext2": case "ext3": case "ext4": return 0xEF53;
            case "tmpfs": return 0x01021994;
            case "btrfs": return 0x9123683EL;
            case "xfs": return 0x58465342;
            case "overlay": return 0x794C7630;
            case "nfs": case "nfs4": return 0x6969;
            case "proc": return 0x9FA0;
            case "sysfs": return 0x62656572;
            case "devtmpfs": return 0x01021994;
            case "zfs": return 0x2FC12FC1;
            case "f2fs": return 0xF2F52010L;
            case "vfat": case "msdos": return 0x4d44;
            case "fuse": case "fuseblk": return 0x65735546;
            case "9p": return 0x01021997;
            case "squashfs": return 0x73717368;
            case "ramfs": return 0x858458f6L;
            default: return 0xEF53;
        }
    }

    /** struct statfs (32-bit words): EOVERFLOW when a count does not fit, as on a 32-bit kernel. */
    private int statfs(FsInfo i, int buf, int size) {
        long wide = i.blocks() | i.bfree() | i.bavail() | i.bsize() | i.frsize() | i.files() | i.ffree();
        if ((wide & 0xffffffff00000000L) != 0) return -Errno.EOVERFLOW;
        ByteBuffer b = p.view.struct(size);
        b.putInt(0, (int) i.type()).putInt(4, (int) i.bsize()).putInt(8, (int) i.blocks()).putInt(12, (int) i.bfree())
                .putInt(16, (int) i.bavail()).putInt(20, (int) i.files()).putInt(24, (int) i.ffree())
                .putInt(28, i.fsid0()).putInt(32, i.fsid1()).putInt(36, (int) i.namelen()).putInt(40, (int) i.frsize())
                .putInt(44, (int) i.flags());
        p.view.write(buf, b);
        return 0;
    }

    /**
     * struct statfs64: the same layout everywhere, but packed to 84 bytes on some architectures
     * ({@link LinuxAbi#statfs64Size}). glibc passes 88 there too, which the kernel's wrapper
     * accepts as the packed size.
     */
    private int statfs64(FsInfo i, int size, int buf) {
        int real = p.abi.statfs64Size();
        if (size != STATFS64_SIZE && size != real) return -Errno.EINVAL;
        ByteBuffer b = p.view.struct(real);
        b.putInt(0, (int) i.type()).putInt(4, (int) i.bsize()).putLong(8, i.blocks()).putLong(16, i.bfree())
                .putLong(24, i.bavail()).putLong(32, i.files()).putLong(40, i.ffree())
                .putInt(48, i.fsid0()).putInt(52, i.fsid1()).putInt(56, (int) i.namelen()).putInt(60, (int) i.frsize())
                .putInt(64, (int) i.flags());
        p.view.write(buf, b);
        return 0;
    }

    // ---- advisory calls

    /** Locks are per process and nobody else can hold one: flock always succeeds once validated. */
    private int flock(int fd, int op) {
        p.fds.get(fd);
        int kind = op & ~LOCK_NB;
        if (kind != LOCK_SH && kind != LOCK_EX && kind != LOCK_UN) return -Errno.EINVAL;
        return 0;
    }

    private int fadvise(int fd, long offset, long len, int advice) {
        OpenFile f = p.fds.get(fd);
        if (f instanceof Pipe.End) return -Errno.ESPIPE;
        if (advice < 0 || advice > 5 || len < 0) return -Errno.EINVAL;
        return 0;
    }

    private int syncFileRange(int fd, long offset, long nbytes, int flags) {
        OpenFile f = p.fds.get(fd);
        if ((flags & ~7) != 0 || offset < 0 || nbytes < 0 || offset + nbytes < 0) return -Errno.EINVAL;
        if (f instanceof Pipe.End) return -Errno.ESPIPE;
        return 0;
    }

    private int readahead(int fd, long offset) {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof HostFile) || !f.readable()) return f.readable() ? -Errno.EINVAL : -Errno.EBADF;
        return 0;
    }

    /** Mode 0 (allocate, extending the size) only. */
    private int fallocate(int fd, int mode, long offset, long len) throws IOException {
        OpenFile f = p.fds.get(fd);
        if (offset < 0 || len <= 0) return -Errno.EINVAL;
        if (!f.writable()) return -Errno.EBADF;
        if (f instanceof Pipe.End) return -Errno.ESPIPE;
        if (f instanceof HostDirectory) return -Errno.EISDIR;
        if (!(f instanceof HostFile)) return -Errno.ENODEV;
        if (mode != 0) return -Errno.ENOTSUP;
        long end = offset + len;
        if (end < 0) return -Errno.EFBIG;
        if (end > f.stat().size()) f.truncate(end);
        return 0;
    }
}

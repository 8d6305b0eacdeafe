package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** The fields of a Linux stat, architecture-neutral; filled from the host or made up for streams and pipes. */
record HostStat(int devMajor, int devMinor, long ino, int mode, int nlink, int uid, int gid,
                int rdevMajor, int rdevMinor, long size, int blksize, long blocks,
                long atimeSec, int atimeNsec, long mtimeSec, int mtimeNsec, long ctimeSec, int ctimeNsec) {

    static final int S_IFMT = 0170000, S_IFSOCK = 0140000, S_IFLNK = 0120000, S_IFREG = 0100000, S_IFBLK = 060000,
            S_IFDIR = 040000, S_IFCHR = 020000, S_IFIFO = 010000;

    boolean isDir() { return (mode & S_IFMT) == S_IFDIR; }

    /** stat (follow = true) or lstat of a host path. Uses the JDK's "unix" view, falling back to basic attributes. */
    static HostStat of(Path p, boolean follow) throws IOException {
        LinkOption[] opts = follow ? new LinkOption[0] : new LinkOption[]{LinkOption.NOFOLLOW_LINKS};
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:*", opts);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return ofBasic(Files.readAttributes(p, BasicFileAttributes.class, opts));
        }
        long dev = (Long) a.get("dev"), rdev = (Long) a.get("rdev"), size = (Long) a.get("size");
        Instant at = ((FileTime) a.get("lastAccessTime")).toInstant(), mt = ((FileTime) a.get("lastModifiedTime")).toInstant(),
                ct = ((FileTime) a.get("ctime")).toInstant();
        long[] blocks = HostBlocks.of(p.toString(), follow); // the host's own count; estimated when it cannot say
        return new HostStat(major(dev), minor(dev), (Long) a.get("ino"), (Integer) a.get("mode"), (Integer) a.get("nlink"),
                (Integer) a.get("uid"), (Integer) a.get("gid"), major(rdev), minor(rdev), size,
                blocks == null ? 4096 : (int) blocks[0], blocks == null ? (size + 511) / 512 : blocks[1],
                at.getEpochSecond(), at.getNano(), mt.getEpochSecond(), mt.getNano(), ct.getEpochSecond(), ct.getNano());
    }

    private static HostStat ofBasic(BasicFileAttributes b) {
        int type = b.isDirectory() ? S_IFDIR : b.isSymbolicLink() ? S_IFLNK : b.isRegularFile() ? S_IFREG : S_IFCHR;
        Instant at = b.lastAccessTime().toInstant(), mt = b.lastModifiedTime().toInstant();
        Object key = b.fileKey();
        return new HostStat(0, 1, key == null ? 1 : key.hashCode() & 0x7fffffffL, type | 0644, 1, 0, 0, 0, 0, b.size(), 4096,
                (b.size() + 511) / 512, at.getEpochSecond(), at.getNano(), mt.getEpochSecond(), mt.getNano(),
                mt.getEpochSecond(), mt.getNano());
    }

    /** A made-up stat for something with no host file (terminal, pipe): mode and device number only. */
    static HostStat synthetic(int mode, int uid, int gid, int rdevMajor, int rdevMinor, long ino) {
        long now = System.currentTimeMillis() / 1000;
        return new HostStat(0, 13, ino, mode, 1, uid, gid, rdevMajor, rdevMinor, 0, 4096, 0, now, 0, now, 0, now, 0);
    }

    // glibc's dev_t encoding on the host
    static int major(long dev) { return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL)); }
    static int minor(long dev) { return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL)); }

    /** The kernel's new_encode_dev, which 32-bit stat64 reports. */
    static long encodeDev(int major, int minor) {
        return (minor & 0xffL) | ((major & 0xfffL) << 8) | ((minor & ~0xffL & 0xffffffffL) << 12);
    }
}

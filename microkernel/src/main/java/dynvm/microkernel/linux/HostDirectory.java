package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An open host directory. The listing is read once, on the first getdents64 after open or
 * rewind, and the file offset is the index of the next entry (which is also each entry's d_off).
 */
class HostDirectory extends OpenFile {
    /** One directory entry as getdents64 reports it. */
    record Entry(long ino, int type, String name) {}

    static final int DT_UNKNOWN = 0, DT_FIFO = 1, DT_CHR = 2, DT_DIR = 4, DT_BLK = 6, DT_REG = 8, DT_LNK = 10, DT_SOCK = 12;

    private final Path path;
    private List<Entry> entries;
    int position;

    HostDirectory(Path path, int flags) {
        super(flags);
        this.path = path;
    }

    /** The entries, "." and ".." first. */
    List<Entry> entries() throws IOException {
        if (entries == null) {
            List<Entry> list = new ArrayList<>();
            list.add(new Entry(HostStat.of(path, true).ino(), DT_DIR, "."));
            Path parent = path.getParent() == null ? path : path.getParent();
            list.add(new Entry(HostStat.of(parent, true).ino(), DT_DIR, ".."));
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(path)) {
                for (Path p : ds) {
                    long ino = 0;
                    int type = DT_UNKNOWN;
                    try {
                        HostStat s = HostStat.of(p, false);
                        ino = s.ino();
                        type = dtype(s.mode());
                    } catch (IOException vanished) {
                        continue;
                    }
                    list.add(new Entry(ino, type, p.getFileName().toString()));
                }
            }
            entries = list;
        }
        return entries;
    }

    static int dtype(int mode) {
        return switch (mode & HostStat.S_IFMT) {
            case HostStat.S_IFDIR -> DT_DIR;
            case HostStat.S_IFREG -> DT_REG;
            case HostStat.S_IFLNK -> DT_LNK;
            case HostStat.S_IFCHR -> DT_CHR;
            case HostStat.S_IFBLK -> DT_BLK;
            case HostStat.S_IFIFO -> DT_FIFO;
            case HostStat.S_IFSOCK -> DT_SOCK;
            default -> DT_UNKNOWN;
        };
    }

    @Override int read(byte[] b, int off, int len) { throw new SysErr(Errno.EISDIR); }

    @Override int readAt(long pos, byte[] b, int off, int len, boolean forMmap) {
        throw new SysErr(forMmap ? Errno.ENODEV : Errno.EISDIR);
    }

    /** Offsets are entry indexes (what getdents reports as d_off); seeking to 0 re-reads the directory. */
    @Override long seek(long offset, int whence) {
        long to = switch (whence) {
            case HostFile.SEEK_SET -> offset;
            case HostFile.SEEK_CUR -> position + offset;
            default -> throw new SysErr(Errno.EINVAL);
        };
        if (to < 0) throw new SysErr(Errno.EINVAL);
        if (to == 0) entries = null;
        position = (int) Math.min(to, Integer.MAX_VALUE);
        return position;
    }

    @Override HostStat stat() throws IOException { return HostStat.of(path, true); }

    @Override Path path() { return path; }

    /** No poll method in Linux either: always readable and writable. */
    @Override int pollReady() { return PollSyscalls.DEFAULT_POLLMASK; }
}

package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A regular host file behind a FileChannel. O_APPEND is done here because the JDK will not combine APPEND with READ. */
class HostFile extends OpenFile {
    static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

    private final FileChannel ch;
    private final Path path;

    HostFile(FileChannel ch, Path path, int flags) {
        super(flags);
        this.ch = ch;
        this.path = path;
    }

    @Override int read(byte[] b, int off, int len) throws IOException {
        int n = ch.read(ByteBuffer.wrap(b, off, len));
        return Math.max(n, 0);
    }

    @Override int write(byte[] b, int off, int len) throws IOException {
        if ((flags & OpenFlags.O_APPEND) != 0) ch.position(ch.size());
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) ch.write(bb);
        return len;
    }

    @Override int readAt(long pos, byte[] b, int off, int len, boolean forMmap) throws IOException {
        int total = 0;
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) {
            int n = ch.read(bb, pos + total);
            if (n <= 0) break;
            total += n;
        }
        return total;
    }

    @Override int writeAt(long pos, byte[] b, int off, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(b, off, len);
        while (bb.hasRemaining()) ch.write(bb, pos + (bb.position() - off));
        return len;
    }

    @Override long seek(long offset, int whence) throws IOException {
        if (whence == SEEK_DATA || whence == SEEK_HOLE) {
            // no holes known: all data up to the end, one hole at the end
            long size = ch.size();
            if (offset < 0 || offset >= size) throw new SysErr(Errno.ENXIO);
            long to = whence == SEEK_DATA ? offset : size;
            ch.position(to);
            return to;
        }
        long base = switch (whence) {
            case SEEK_SET -> 0;
            case SEEK_CUR -> ch.position();
            case SEEK_END -> ch.size();
            default -> throw new SysErr(Errno.EINVAL);
        };
        long to = base + offset;
        if (to < 0) throw new SysErr(Errno.EINVAL);
        ch.position(to);
        return to;
    }

    @Override void truncate(long size) throws IOException {
        if (!writable()) throw new SysErr(Errno.EINVAL);
        if (size < ch.size()) ch.truncate(size);
        else if (size > ch.size()) ch.write(ByteBuffer.allocate(1), size - 1);
    }

    @Override void sync(boolean metadata) throws IOException { ch.force(metadata); }

    @Override HostStat stat() throws IOException { return HostStat.of(path, true); }

    @Override Path path() { return path; }

    /** No poll method in Linux either: always readable and writable. */
    @Override int pollReady() { return PollSyscalls.DEFAULT_POLLMASK; }

    @Override int available() throws IOException { return (int) Math.max(0, Math.min(Integer.MAX_VALUE, ch.size() - ch.position())); }

    @Override void release() throws IOException { ch.close(); }
}

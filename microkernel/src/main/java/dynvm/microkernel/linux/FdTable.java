package dynvm.microkernel.linux;

import java.io.IOException;

/**
 * The descriptor table of one guest process: descriptor number to open file, plus the
 * close-on-exec bit. Synchronized: threads made with CLONE_FILES share it.
 */
final class FdTable {
    static final int MAX_FDS = 1024;

    private final OpenFile[] files = new OpenFile[MAX_FDS];
    private final boolean[] cloexec = new boolean[MAX_FDS];

    /** The open file for {@code fd}, or EBADF. */
    synchronized OpenFile get(int fd) {
        if (fd < 0 || fd >= MAX_FDS || files[fd] == null) throw new SysErr(Errno.EBADF);
        return files[fd];
    }

    /** The open descriptors, ascending (/proc/PID/fd). */
    synchronized int[] openFds() {
        int n = 0;
        for (OpenFile f : files) if (f != null) n++;
        int[] out = new int[n];
        for (int fd = 0, i = 0; fd < MAX_FDS; fd++) if (files[fd] != null) out[i++] = fd;
        return out;
    }

    synchronized boolean isOpen(int fd) { return fd >= 0 && fd < MAX_FDS && files[fd] != null; }

    /** Installs {@code f} at the lowest free descriptor {@code >= min}; EMFILE when full. */
    synchronized int install(OpenFile f, int min, boolean closeOnExec) {
        for (int fd = Math.max(min, 0); fd < MAX_FDS; fd++) {
            if (files[fd] == null) {
                files[fd] = f;
                cloexec[fd] = closeOnExec;
                return fd;
            }
        }
        throw new SysErr(Errno.EMFILE);
    }

    /** Puts {@code f} at exactly {@code fd}, closing what was there. */
    synchronized void installAt(int fd, OpenFile f, boolean closeOnExec) throws IOException {
        if (fd < 0 || fd >= MAX_FDS) throw new SysErr(Errno.EBADF);
        OpenFile old = files[fd];
        files[fd] = f;
        cloexec[fd] = closeOnExec;
        if (old != null) old.close();
    }

    /** Another descriptor for the same open file (dup, F_DUPFD). */
    synchronized int dup(int fd, int min, boolean closeOnExec) {
        OpenFile f = get(fd);
        int nfd = install(f, min, closeOnExec);
        f.retain();
        return nfd;
    }

    synchronized void close(int fd) throws IOException {
        OpenFile f = get(fd);
        files[fd] = null;
        cloexec[fd] = false;
        f.close();
    }

    synchronized boolean cloexec(int fd) { get(fd); return cloexec[fd]; }

    synchronized void setCloexec(int fd, boolean on) { get(fd); cloexec[fd] = on; }

    /** A copy for fork: the same open files (one more reference each), close-on-exec bits kept. */
    synchronized FdTable copy() {
        FdTable t = new FdTable();
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (files[fd] != null) {
                files[fd].retain();
                t.files[fd] = files[fd];
                t.cloexec[fd] = cloexec[fd];
            }
        }
        return t;
    }

    /** execve: closes the close-on-exec descriptors. */
    synchronized void closeOnExec() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (files[fd] != null && cloexec[fd]) {
                try { close(fd); } catch (IOException | SysErr ignored) { /* exec goes on */ }
            }
        }
    }

    /** Closes everything (process exit), flushing the standard streams. */
    synchronized void closeAll() {
        for (int fd = 0; fd < MAX_FDS; fd++) {
            if (files[fd] != null) {
                try { close(fd); } catch (IOException | SysErr ignored) { /* exit goes on */ }
            }
        }
    }
}

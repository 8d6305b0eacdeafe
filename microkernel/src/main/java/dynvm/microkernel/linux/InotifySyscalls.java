package dynvm.microkernel.linux;

import java.nio.file.Path;
import java.util.Map;

/**
 * inotify_init, inotify_init1, inotify_add_watch and inotify_rm_watch, on the host's inotify
 * ({@link HostInotify}, {@link InotifyFile}). A watched path is the guest's, resolved as open
 * resolves it (the working directory, the sysroot for an absolute path); the watch descriptors and
 * event masks are the host's, which are Linux's on every architecture. Reading, poll, select and
 * epoll go through the {@link InotifyFile}.
 */
final class InotifySyscalls implements Syscall.Group {
    static final int IN_NONBLOCK = OpenFlags.O_NONBLOCK, IN_CLOEXEC = OpenFlags.O_CLOEXEC;

    private final GuestProcess p;

    InotifySyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("inotify_init", a -> init(0));
        t.put("inotify_init1", a -> init(a[0]));
        t.put("inotify_add_watch", a -> addWatch(a[0], a[1], a[2]));
        t.put("inotify_rm_watch", a -> rmWatch(a[0], a[1]));
    }

    private int init(int flags) {
        if ((flags & ~(IN_NONBLOCK | IN_CLOEXEC)) != 0) return -Errno.EINVAL;
        if (!HostInotify.AVAILABLE) return -Errno.ENOSYS;
        int fd = HostInotify.inotify_init1(HostInotify.IN_NONBLOCK | HostInotify.IN_CLOEXEC);
        if (fd < 0) return -HostInotify.errno();
        InotifyFile f = new InotifyFile(p.sys, fd, p.abi.order(), (flags & IN_NONBLOCK) != 0, p.cfg.uid, p.cfg.gid,
                p.nextSyntheticIno++);
        try {
            return p.fds.install(f, 0, (flags & IN_CLOEXEC) != 0);
        } catch (SysErr e) {
            HostInotify.close(fd);
            throw e;
        }
    }

    private InotifyFile inotify(int fd) {
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof InotifyFile i)) throw new SysErr(Errno.EINVAL);
        return i;
    }

    /** Every bit inotify_add_watch knows (ALL_INOTIFY_BITS): a mask with none of them is EINVAL. */
    static final int ALL_BITS = 0xfff | 0x2000 | 0x4000 | 0x8000 | 0x01000000 | 0x02000000 | 0x04000000
            | 0x10000000 | 0x20000000 | 0x40000000 | 0x80000000;
    static final int IN_MASK_CREATE = 0x10000000, IN_MASK_ADD = 0x20000000;

    /** Linux's order: the mask (EINVAL), the descriptor (EBADF, EINVAL), then the path (EFAULT, ENOENT, ...). */
    private int addWatch(int fd, int pathPtr, int mask) {
        if ((mask & ALL_BITS) == 0 || (mask & (IN_MASK_CREATE | IN_MASK_ADD)) == (IN_MASK_CREATE | IN_MASK_ADD))
            return -Errno.EINVAL;
        InotifyFile f = inotify(fd);
        String path = p.view.path(pathPtr);
        Path host = p.paths.resolve(PathResolver.AT_FDCWD, path);
        int wd = HostInotify.inotify_add_watch(f.hostFd, host.toString(), mask);
        return wd < 0 ? -HostInotify.errno() : wd;
    }

    private int rmWatch(int fd, int wd) {
        int r = HostInotify.inotify_rm_watch(inotify(fd).hostFd, wd);
        return r < 0 ? -HostInotify.errno() : 0;
    }
}

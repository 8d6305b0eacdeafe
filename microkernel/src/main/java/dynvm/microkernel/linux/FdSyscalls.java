package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static dynvm.microkernel.linux.OpenFlags.*;

/** Creating, duplicating and controlling descriptors: open, close, dup, pipe, fcntl, ioctl. */
final class FdSyscalls implements Syscall.Group {
    static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6,
            F_SETLKW = 7, F_SETOWN = 8, F_GETOWN = 9, F_GETLK64 = 12, F_SETLK64 = 13, F_SETLKW64 = 14,
            F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_DUPFD_CLOEXEC = 1030,
            F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032;
    static final short F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;

    private final GuestProcess p;

    FdSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("open", a -> openat(PathResolver.AT_FDCWD, a[0], a[1], a[2]));
        t.put("openat", a -> openat(a[0], a[1], a[2], a[3]));
        t.put("creat", a -> openat(PathResolver.AT_FDCWD, a[0], fromGeneric(p.abi, O_CREAT | O_WRONLY | O_TRUNC), a[1]));
        t.put("close", a -> { p.fds.close(a[0]); return 0; });
        t.put("dup", a -> p.fds.dup(a[0], 0, false));
        t.put("dup2", a -> dup3(a[0], a[1], 0, true));
        t.put("dup3", a -> dup3(a[0], a[1], a[2], false));
        t.put("pipe", a -> pipe2(a[0], 0));
        t.put("pipe2", a -> pipe2(a[0], a[1]));
        t.put("fcntl", a -> fcntl(a[0], a[1], a[2]));
        t.put("fcntl64", a -> fcntl(a[0], a[1], a[2]));
        t.put("ioctl", a -> ioctl(a[0], a[1], a[2]));
    }

    int openat(int dirfd, int pathPtr, int guestFlags, int mode) throws IOException {
        String name = p.view.path(pathPtr);
        int f = toGeneric(p.abi, guestFlags);
        ProcFs proc = new ProcFs(p);
        ProcFs.Node node = proc.lookup(dirfd, name, (f & O_NOFOLLOW) == 0);
        if (node != null) return p.fds.install(proc.open(node, f, mode, this), 0, (f & O_CLOEXEC) != 0);
        Path host = p.paths.resolve(dirfd, name);
        return p.fds.install(open(host, f, mode), 0, (f & O_CLOEXEC) != 0);
    }

    /** The host side of open(2), with the checks the JDK would not make the Linux way. */
    OpenFile open(Path host, int f, int mode) throws IOException {
        int acc = f & O_ACCMODE;
        if (acc == 3) throw new SysErr(Errno.EINVAL);
        boolean nofollow = (f & O_NOFOLLOW) != 0, create = (f & O_CREAT) != 0;
        LinkOption[] lo = nofollow ? new LinkOption[]{LinkOption.NOFOLLOW_LINKS} : new LinkOption[0];
        boolean exists = Files.exists(host, lo) || Files.isSymbolicLink(host) && nofollow;
        if (exists && create && (f & O_EXCL) != 0) throw new SysErr(Errno.EEXIST);
        if (exists && nofollow && Files.isSymbolicLink(host)) throw new SysErr(Errno.ELOOP);
        int kept = f & ~(O_CREAT | O_EXCL | O_TRUNC | O_NOCTTY | O_CLOEXEC);
        if (exists && Files.isDirectory(host)) {
            if (acc != O_RDONLY || create) throw new SysErr(Errno.EISDIR);
            return new HostDirectory(host.toAbsolutePath().normalize(), kept);
        }
        if ((f & O_DIRECTORY) != 0) throw new SysErr(exists ? Errno.ENOTDIR : Errno.ENOENT);
        if (p.cfg.hostStdio != null && exists && isTerminal(host))
            return HostDescriptor.openTerminal(p.sys, p.cfg.hostStdio, host.toString(), f, p.cfg.uid, p.cfg.gid);
        Set<OpenOption> opts = new HashSet<>();
        if (acc != O_WRONLY) opts.add(StandardOpenOption.READ);
        if (acc != O_RDONLY) opts.add(StandardOpenOption.WRITE);
        if (create) opts.add((f & O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        if ((f & O_TRUNC) != 0 && acc != O_RDONLY) opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        if (nofollow) opts.add(LinkOption.NOFOLLOW_LINKS);
        FileChannel ch;
        if (create && !exists) {
            try {
                var perms = PosixFilePermissions.fromString(rwx(mode & ~p.umask & 0777));
                ch = FileChannel.open(host, opts, PosixFilePermissions.asFileAttribute(perms));
                // the host's umask was applied as well: only the guest's counts
                if (!perms.equals(Files.getPosixFilePermissions(host))) Files.setPosixFilePermissions(host, perms);
            } catch (UnsupportedOperationException noPosix) {
                ch = FileChannel.open(host, opts);
            }
        } else {
            ch = FileChannel.open(host, opts);
        }
        return new HostFile(ch, host.toAbsolutePath().normalize(), kept);
    }

    /** A terminal device the host opens for the guest: the controlling terminal or a pseudo-terminal. */
    private static boolean isTerminal(Path host) {
        String n = host.toAbsolutePath().normalize().toString();
        return n.equals("/dev/tty") || n.startsWith("/dev/pts/") && !n.equals("/dev/pts/ptmx");
    }

    /** "rwxr-x---" for 0750. */
    static String rwx(int mode) {
        StringBuilder sb = new StringBuilder(9);
        for (int shift = 6; shift >= 0; shift -= 3) {
            sb.append((mode >> shift & 4) != 0 ? 'r' : '-');
            sb.append((mode >> shift & 2) != 0 ? 'w' : '-');
            sb.append((mode >> shift & 1) != 0 ? 'x' : '-');
        }
        return sb.toString();
    }

    private int dup3(int oldFd, int newFd, int flags, boolean dup2) throws IOException {
        OpenFile f = p.fds.get(oldFd);
        if (oldFd == newFd) {
            if (dup2) return newFd;
            throw new SysErr(Errno.EINVAL);
        }
        if ((flags & ~O_CLOEXEC) != 0) throw new SysErr(Errno.EINVAL);
        if (newFd < 0 || newFd >= FdTable.MAX_FDS) throw new SysErr(Errno.EBADF);
        f.retain();
        p.fds.installAt(newFd, f, (flags & O_CLOEXEC) != 0);
        return newFd;
    }

    private int pipe2(int fdsPtr, int guestFlags) {
        int f = toGeneric(p.abi, guestFlags);
        if ((f & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) != 0) throw new SysErr(Errno.EINVAL);
        p.view.requireWritable(fdsPtr, 8);
        Pipe pipe = new Pipe(p.sys, p.nextSyntheticIno++);
        boolean cloexec = (f & O_CLOEXEC) != 0;
        int status = f & O_NONBLOCK;
        int r = p.fds.install(new Pipe.End(pipe, false, status, p.cfg.uid, p.cfg.gid), 0, cloexec);
        int w = p.fds.install(new Pipe.End(pipe, true, status, p.cfg.uid, p.cfg.gid), 0, cloexec);
        p.view.write(fdsPtr, p.view.struct(8).putInt(0, r).putInt(4, w));
        return 0;
    }

    private int fcntl(int fd, int cmd, int arg) {
        OpenFile f = p.fds.get(fd);
        switch (cmd) {
            case F_DUPFD: case F_DUPFD_CLOEXEC:
                if (arg < 0 || arg >= FdTable.MAX_FDS) throw new SysErr(Errno.EINVAL);
                return p.fds.dup(fd, arg, cmd == F_DUPFD_CLOEXEC);
            case F_GETFD: return p.fds.cloexec(fd) ? 1 : 0;
            case F_SETFD: p.fds.setCloexec(fd, (arg & 1) != 0); return 0;
            case F_GETFL: return fromGeneric(p.abi, f.flags);
            case F_SETFL:
                f.flags = (f.flags & ~SETFL_MASK) | (toGeneric(p.abi, arg) & SETFL_MASK);
                return 0;
            case F_GETLK: case F_GETLK64: case F_OFD_GETLK: {
                // nobody else can hold a lock: report the region as unlocked, the rest left as given
                int type = lockType(arg);
                if (type == F_UNLCK) return -Errno.EINVAL;
                p.view.write(arg, p.view.struct(2).putShort(0, F_UNLCK));
                return 0;
            }
            case F_SETLK: case F_SETLKW: case F_SETLK64: case F_SETLKW64: case F_OFD_SETLK: case F_OFD_SETLKW: {
                int type = lockType(arg);
                if (type == F_RDLCK && !f.readable() || type == F_WRLCK && !f.writable()) return -Errno.EBADF;
                return 0;
            }
            case F_GETOWN: return 0;
            case F_SETOWN: return 0;
            case F_GETPIPE_SZ: return Pipe.CAPACITY;
            case F_SETPIPE_SZ: return Pipe.CAPACITY;
            default: return -Errno.EINVAL;
        }
    }

    /** l_type of a struct flock or flock64 (both start with it); EINVAL unless F_RDLCK, F_WRLCK or F_UNLCK. */
    private int lockType(int arg) {
        p.view.requireReadable(arg, 16);
        int type = (short) (p.view.u32(arg) >> (p.abi.bigEndian() ? 16 : 0));
        if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) throw new SysErr(Errno.EINVAL);
        return type;
    }

    private int ioctl(int fd, int req, int arg) throws IOException {
        OpenFile f = p.fds.get(fd);
        LinuxAbi.Ioctls io = p.abi.ioctls();
        if (req == io.fionbio()) {
            if (p.view.u32(arg) != 0) f.flags |= O_NONBLOCK;
            else f.flags &= ~O_NONBLOCK;
            return 0;
        }
        if (req == io.fioclex() || req == io.fionclex()) {
            p.fds.setCloexec(fd, req == io.fioclex());
            return 0;
        }
        if (req == io.fionread() && f instanceof HostDirectory) return -Errno.ENOTTY;
        if (req == io.fionread()) {
            p.view.put32(arg, f.available());
            return 0;
        }
        if (!f.isTty()) return -Errno.ENOTTY;
        if (req == io.tiocgpgrp()) {
            synchronized (p.sys.lock) { p.view.put32(arg, p.sys.foregroundPgrp); }
            return 0;
        }
        if (req == io.tiocspgrp()) {
            int pg = p.view.u32(arg);
            synchronized (p.sys.lock) {
                if (pg < 0) return -Errno.EINVAL;
                if (p.sys.group(pg).stream().noneMatch(q -> q.sid == p.sid)) return -Errno.EPERM;
                p.sys.foregroundPgrp = pg;
            }
            return 0;
        }
        if (req == io.tiocsctty()) return 0; // the terminal already is the guests' controlling terminal
        if (f instanceof HostDescriptor hd) return hostTerminal(hd, req, arg);
        if (req == io.tcgets()) {
            p.view.write(arg, StructWriter.termios(p.abi));
        } else if (req == io.tiocgwinsz()) {
            p.view.write(arg, StructWriter.winsize(p.abi, envInt("LINES", 24), envInt("COLUMNS", 80)));
        } else if (req == io.tcsets() || req == io.tcsetsw() || req == io.tcsetsf() || req == io.tiocswinsz()) {
            p.view.requireReadable(arg, 8);
        } else {
            return -Errno.ENOTTY;
        }
        return 0;
    }

    /** Terminal control of a real terminal: the host's termios and window size, translated to the guest's encoding. */
    private int hostTerminal(HostDescriptor hd, int req, int arg) {
        LinuxAbi.Ioctls io = p.abi.ioctls();
        HostStdio host = hd.host();
        int fd = hd.hostFd();
        if (req == io.tcgets()) {
            byte[] t = new byte[HostStdio.TERMIOS_SIZE];
            int r = host.getTermios(fd, t);
            if (r < 0) return r;
            p.view.write(arg, TermiosCodec.toGuest(p.abi, t));
            return 0;
        }
        if (req == io.tcsets() || req == io.tcsetsw() || req == io.tcsetsf()) {
            java.nio.ByteBuffer g = java.nio.ByteBuffer.wrap(p.view.read(arg, p.abi.termios().size()));
            byte[] current = new byte[HostStdio.TERMIOS_SIZE];
            int r = host.getTermios(fd, current);
            if (r < 0) return r;
            int action = req == io.tcsets() ? HostStdio.TCSANOW : req == io.tcsetsw() ? HostStdio.TCSADRAIN : HostStdio.TCSAFLUSH;
            return host.setTermios(fd, action, TermiosCodec.toHost(p.abi, g, current));
        }
        if (req == io.tiocgwinsz()) {
            int[] w = host.windowSize(fd);
            if (w == null) return -Errno.ENOTTY;
            p.view.write(arg, p.view.struct(8).putShort(0, (short) w[0]).putShort(2, (short) w[1])
                    .putShort(4, (short) w[2]).putShort(6, (short) w[3]));
            return 0;
        }
        if (req == io.tiocswinsz()) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(p.view.read(arg, 8)).order(p.view.order);
            return host.setWindowSize(fd, new int[]{b.getShort(0) & 0xffff, b.getShort(2) & 0xffff, b.getShort(4) & 0xffff, b.getShort(6) & 0xffff});
        }
        return -Errno.ENOTTY;
    }

    private static int envInt(String name, int dflt) {
        try {
            String v = System.getenv(name);
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}

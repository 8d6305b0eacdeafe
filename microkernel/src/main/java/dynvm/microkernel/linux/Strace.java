package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.MemoryFault;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * qemu -strace style trace lines, one per call: {@code PID name(arg,arg,...) = result}. As in
 * qemu-user: pointers are {@code 0x%08x} (or NULL), path strings quoted in full, written data
 * quoted up to 40 bytes with "..." after, flags symbolic (O_*, AT_*, PROT_*, MAP_*, CLONE_*,
 * F_*, SEEK_*, signals, ioctl names), failures {@code -1 errno=N (strerror text)}, addresses
 * returned by brk/mmap in hex, exit calls without a result. Calls without a format show their six
 * arguments in decimal (qemu's fallback); numbers the front-end has no name for show as
 * {@code Unknown syscall N}, and, unlike qemu, every line ends with the result the guest got, so
 * unsupported calls are visible as {@code = -1 errno=38 (Function not implemented)}. Arguments
 * are read before the call runs, since the call may change them.
 *
 * <p>As in qemu, the line of a call that may block (read, poll, wait4, futex, nanosleep, ...) is
 * printed and flushed when the call starts and its {@code = result} when it returns, so a blocked
 * guest shows where it waits; other calls print their whole line at once. Every process and
 * thread of a run writes to one stream: when another line comes between a call's start and its
 * result, the result is printed on a line of its own that repeats the call, so no line is ever
 * torn. The pid starts every line (qemu prints its own pid, which is the guest's first process;
 * here each process shows its own).
 */
final class Strace {
    /** Bytes of a written buffer shown (qemu's MAX_PRINT_BUF). */
    static final int MAX_PRINT_BUF = 40;

    /**
     * Argument formats, one letter per argument: d decimal, x %#x, p pointer, s path string,
     * b buffer whose length is the next argument, f directory fd, F open flags, o file mode,
     * O file mode shown only when the previous open flags create, a access mode, A AT_* flags,
     * U unlinkat flags, L linkat flags, P PROT_*, M MAP_*, w lseek whence, i ioctl request,
     * C clone flags, S signal, R renameat2 flags, X statx mask, c fcntl command (with its argument).
     */
    private static final Map<String, String> FORMATS = new HashMap<>();

    private static void f(String fmt, String... names) {
        for (String n : names) FORMATS.put(n, fmt);
    }

    static {
        f("d", "exit", "exit_group", "close", "fchdir", "fsync", "fdatasync", "syncfs", "dup", "alarm");
        f("dbd", "write");
        f("dpd", "read", "readv", "writev", "getdents", "getdents64");
        f("dbdzq", "pwrite64");
        f("dpdzq", "pread64");
        f("dpdl", "preadv", "pwritev");
        f("dpdlx", "preadv2", "pwritev2");
        f("szq", "truncate64");
        f("dzq", "ftruncate64");
        f("ddqq", "fallocate", "fadvise64_64", "arm_fadvise64_64", "sync_file_range2");
        f("dzqdd", "fadvise64");
        f("dzqd", "readahead");
        f("sFO", "open");
        f("fsFO", "openat");
        f("so", "creat", "mkdir", "chmod");
        f("fso", "mkdirat", "fchmodat");
        f("sox", "mknod");
        f("fsox", "mknodat");
        f("do", "fchmod");
        f("o", "umask");
        f("ddw", "lseek");
        f("dddpw", "_llseek");
        f("sp", "stat64", "lstat64", "stat", "lstat", "statfs", "utimes", "utime", "truncate");
        f("sdp", "statfs64");
        f("dp", "fstat64", "fstat", "fstatfs", "getrlimit", "ugetrlimit", "setrlimit", "getrusage",
                "clock_gettime", "clock_gettime64", "clock_getres", "clock_getres_time64");
        f("ddp", "fstatfs64");
        f("fspA", "fstatat64", "newfstatat");
        f("fsAXp", "statx");
        f("sa", "access");
        f("fsa", "faccessat");
        f("fsaA", "faccessat2");
        f("fspA", "utimensat", "utimensat_time64");
        f("fsp", "futimesat");
        f("s", "unlink", "rmdir", "chdir");
        f("fsU", "unlinkat");
        f("ss", "rename", "symlink", "link");
        f("fsfs", "renameat");
        f("fsfsR", "renameat2");
        f("sfs", "symlinkat");
        f("fsfsL", "linkat");
        f("spd", "readlink");
        f("fspd", "readlinkat");
        f("pd", "getcwd", "munmap", "set_robust_list");
        f("sdd", "chown", "lchown", "chown32", "lchown32");
        f("ddd", "fchown", "fchown32");
        f("fsddA", "fchownat");
        f("dd", "ftruncate", "flock", "dup2", "tkill");
        f("dS", "kill");
        f("ddF", "dup3");
        f("ddS", "tgkill");
        f("p", "pipe", "brk", "uname", "set_tid_address", "sysinfo", "times", "time");
        f("pF", "pipe2");
        f("dc", "fcntl", "fcntl64");
        f("dip", "ioctl");
        f("pdPMdd", "mmap", "mmap2");
        f("pdP", "mprotect");
        f("pdd", "madvise", "msync");
        f("ddpd", "sendfile", "sendfile64");
        f("dpdpdx", "copy_file_range");
        f("pdd", "poll");
        f("pdpp", "ppoll", "ppoll_time64");
        f("dpppp", "_newselect", "select");
        f("dppppp", "pselect6", "pselect6_time64");
        f("Sppd", "rt_sigaction");
        f("dppd", "rt_sigprocmask");
        f("pp", "sigaltstack", "gettimeofday", "nanosleep");
        f("ddpp", "clock_nanosleep", "clock_nanosleep_time64", "prlimit64");
        f("pdxx", "rseq");
        f("dpd", "signalfd");
        f("dpdF", "signalfd4");
        f("pppd", "rt_sigtimedwait", "rt_sigtimedwait_time64");
        f("dpp", "timer_create");
        f("ddpp", "timer_settime", "timer_settime64");
        f("dp", "timer_gettime", "timer_gettime64");
        f("d", "timer_getoverrun", "timer_delete");
        f("sx", "memfd_create");
        f("pddxp", "mremap");
        f("pd", "mlock", "munlock");
        f("pdx", "mlock2");
        f("pdp", "mincore");
        f("x", "mlockall", "personality");
        f("pp", "capget", "capset");
        f("", "munlockall");
        f("dpdpdx", "splice");
        f("dddx", "tee");
        f("dpdx", "vmsplice");
        f("xdo", "semget");
        f("dpd", "semop");
        f("dpdp", "semtimedop", "semtimedop_time64");
        f("dddx", "semctl");
        f("xo", "msgget");
        f("dpdx", "msgsnd");
        f("dpddx", "msgrcv");
        f("ddp", "msgctl");
        f("ddddpd", "ipc");
        f("xdo", "shmget");
        f("dpx", "shmat");
        f("p", "shmdt");
        f("ddp", "shmctl");
        f("", "inotify_init");
        f("d", "inotify_init1"); // as qemu prints it
        f("dsx", "inotify_add_watch");
        f("dd", "inotify_rm_watch");
        f("pdx", "getrandom");
        f("ddp", "sched_getaffinity");
        f("Cpppp", "clone");
        f("pdddpd", "futex", "futex_time64");
        f("dpdp", "wait4");
        f("spp", "execve");
        f("", "sched_yield", "getpid", "gettid", "getppid", "getuid", "geteuid", "getgid", "getegid", "getuid32",
                "geteuid32", "getgid32", "getegid32", "getpgrp", "sync", "fork", "vfork", "setsid", "pause");
    }

    /** Calls that may wait: their line is shown before they run. */
    private static final java.util.Set<String> BLOCKING = java.util.Set.of(
            "read", "readv", "pread64", "preadv", "preadv2", "write", "writev", "pwrite64", "pwritev", "pwritev2",
            "poll", "ppoll", "ppoll_time64", "select", "_newselect", "pselect6", "pselect6_time64",
            "epoll_wait", "epoll_pwait", "wait4", "waitid", "waitpid", "nanosleep", "clock_nanosleep",
            "clock_nanosleep_time64", "futex", "futex_time64", "pause", "sigsuspend", "rt_sigsuspend",
            "rt_sigtimedwait", "rt_sigtimedwait_time64", "accept", "accept4", "connect", "recv", "recvfrom",
            "recvmsg", "recvmmsg", "send", "sendto", "sendmsg", "sendmmsg", "flock", "fcntl", "fcntl64",
            "open", "openat", "msgrcv", "msgsnd", "semop", "semtimedop", "ioctl", "splice", "tee", "sendfile", "sendfile64");

    /**
     * The stream shared by the run's processes and threads, and which thread's call line stands
     * open (printed without its result yet). One per stream, found by identity.
     */
    private static final class Sink {
        final PrintStream out;
        Thread open;
        Sink(PrintStream out) { this.out = out; }
    }

    private static final Map<PrintStream, Sink> SINKS = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private final PrintStream out;
    private final Sink sink;
    /** The traced process: execve replaces its view and ABI, so they are read per call. */
    private final GuestProcess proc;
    private GuestView view;
    private LinuxAbi abi;
    private final int pid;

    Strace(PrintStream out, GuestProcess proc) {
        this.out = out;
        this.sink = SINKS.computeIfAbsent(out, Sink::new);
        this.proc = proc;
        this.pid = proc.pid;
    }

    /**
     * The {@code PID name(args)} part, formatted before the call runs; shown at once for a call
     * that may block.
     */
    String call(String name, int nr, int[] a) {
        String line = format(name, nr, a);
        if (name != null && BLOCKING.contains(name)) {
            synchronized (sink) {
                if (sink.open != null) out.println(); // another thread's call is still waiting
                out.print(line);
                out.flush();
                sink.open = Thread.currentThread();
            }
        }
        return line;
    }

    private String format(String name, int nr, int[] a) {
        view = proc.view;
        abi = proc.abi;
        StringBuilder sb = new StringBuilder().append(pid).append(' ');
        if (name == null) return sb.append("Unknown syscall ").append(nr).toString();
        String sock = SocketStrace.call(name, a, view, abi);
        if (sock != null) return sb.append(sock).toString();
        String fmt = FORMATS.get(name);
        sb.append(name).append('(');
        if (fmt == null) {
            for (int i = 0; i < 6; i++) sb.append(i > 0 ? "," : "").append(a[i]);
            return sb.append(')').toString();
        }
        boolean first = true;
        for (int i = 0, ai = 0; i < fmt.length() && ai < a.length; i++, ai++) {
            char k = fmt.charAt(i);
            if (k == 'z') continue;   // the padding register before an aligned 64-bit pair
            if (k == 'O' && (OpenFlags.toGeneric(abi, a[ai - 1]) & (OpenFlags.O_CREAT | OpenFlags.O_TMPFILE)) == 0) continue;
            if (!first) sb.append(',');
            first = false;
            if (k == 'c') { fcntl(sb, a[ai], a[ai + 1]); break; }
            if (k == 'q' || k == 'l') {
                // a 64-bit argument in two registers: memory order (q) or low word first (l)
                long v = k == 'q' ? view.pair(a[ai], a[ai + 1]) : ((long) a[ai + 1] << 32) | (a[ai] & 0xffffffffL);
                sb.append(v);
                ai++;
                continue;
            }
            sb.append(arg(k, a[ai], ai + 1 < a.length ? a[ai + 1] : 0));
        }
        return sb.append(')').toString();
    }

    private String arg(char kind, int v, int next) {
        switch (kind) {
            case 'd': return Integer.toString(v);
            case 'x': return v == 0 ? "0" : "0x" + Integer.toHexString(v);
            case 'o': case 'O': return mode(v);
            case 'p': return pointer(v);
            case 'f': return v == PathResolver.AT_FDCWD ? "AT_FDCWD" : Integer.toString(v);
            case 'F': return openFlags(abi, v);
            case 'a': return v == 0 ? "F_OK" : flags(v, ACCESS);
            case 'A': return flags(v, AT_FLAGS);
            case 'U': return flags(v, UNLINK_FLAGS);
            case 'L': return flags(v, LINK_FLAGS);
            case 'R': return flags(v, RENAME_FLAGS);
            case 'X': return flags(v, STATX_MASK);
            case 'P': return v == 0 ? "PROT_NONE" : flags(v, PROT);
            case 'M': return flags(v, mmapFlags(abi.mmapFlags()));
            case 'C': return cloneFlags(v);
            case 'S': return signal(v);
            case 'w': return v >= 0 && v < WHENCE.length ? WHENCE[v] : Integer.toString(v);
            case 'i': return ioctl(v);
            case 'b': return buffer(v, next);
            case 's': return string(v);
            default: return "0x" + Integer.toHexString(v);
        }
    }

    /** Prints the finished line. Exit calls, which do not return, end without a result. */
    void result(String call, String name, int r) {
        if ("exit".equals(name) || "exit_group".equals(name)) { finish(call, ""); return; }
        String res;
        boolean address = isAddress(name);
        if (r < 0 && r >= -4095 && !(address && !AddressSpace.isError(r))) {
            res = "-1 errno=" + (-r) + " (" + Errno.message(-r) + ")";
        } else {
            res = address ? String.format("0x%08x", r) : Integer.toString(r);
        }
        finish(call, " = " + res);
    }

    /** Ends the call's line: after its open start when that is still the last output, else whole. */
    private void finish(String call, String result) {
        synchronized (sink) {
            Thread me = Thread.currentThread();
            if (sink.open == me) {
                out.println(result);
            } else {
                if (sink.open != null) out.println();
                out.println(call + result);
            }
            sink.open = null;
            out.flush();
        }
    }

    private static boolean isAddress(String name) {
        return "brk".equals(name) || "mmap".equals(name) || "mmap2".equals(name) || "mremap".equals(name)
                || "shmat".equals(name);
    }

    static String pointer(int v) { return v == 0 ? "NULL" : String.format("0x%08x", v); }

    private String string(int addr) {
        if (addr == 0) return "NULL";
        try {
            String latin1 = view.mem.readCString(addr, GuestView.PATH_MAX + 1);
            return quote(latin1.getBytes(StandardCharsets.ISO_8859_1), latin1.length(), latin1.length());
        } catch (MemoryFault | SysErr e) {
            return pointer(addr);
        }
    }

    private String buffer(int addr, int len) {
        if (addr == 0 || len < 0) return pointer(addr);
        int shown = Math.min(len, MAX_PRINT_BUF);
        try {
            return quote(view.read(addr, shown), shown, len);
        } catch (MemoryFault e) {
            return pointer(addr);
        }
    }

    /** Printable bytes as they are, others as a backslash and octal (as qemu does), "..." when cut short. */
    private static String quote(byte[] b, int n, int total) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < n; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) sb.append((char) c);
            else sb.append('\\').append(Integer.toOctalString(c));
        }
        sb.append('"');
        if (n < total) sb.append("...");
        return sb.toString();
    }

    /** 0644; with the file type when one is set (S_IFREG|0644). */
    private static String mode(int v) {
        String type = switch (v & HostStat.S_IFMT) {
            case HostStat.S_IFSOCK -> "S_IFSOCK"; case HostStat.S_IFLNK -> "S_IFLNK"; case HostStat.S_IFREG -> "S_IFREG";
            case HostStat.S_IFBLK -> "S_IFBLK"; case HostStat.S_IFDIR -> "S_IFDIR"; case HostStat.S_IFCHR -> "S_IFCHR";
            case HostStat.S_IFIFO -> "S_IFIFO"; default -> null;
        };
        int rest = v & ~HostStat.S_IFMT;
        String oct = rest == 0 ? "0" : "0" + Integer.toOctalString(rest);
        if (type == null) return oct;
        return rest == 0 ? type : type + "|" + oct;
    }

    private void fcntl(StringBuilder sb, int cmd, int arg) {
        String name = FCNTL.get(cmd);
        sb.append(name != null ? name : Integer.toString(cmd));
        switch (cmd) {
            case FdSyscalls.F_GETFD: case FdSyscalls.F_GETFL: case FdSyscalls.F_GETOWN: case FdSyscalls.F_GETPIPE_SZ: case 11:
                return;
            case FdSyscalls.F_SETFL:
                sb.append(',').append(openFlags(abi, arg));
                return;
            case FdSyscalls.F_GETLK: case FdSyscalls.F_SETLK: case FdSyscalls.F_SETLKW: case FdSyscalls.F_GETLK64:
            case FdSyscalls.F_SETLK64: case FdSyscalls.F_SETLKW64: case FdSyscalls.F_OFD_GETLK: case FdSyscalls.F_OFD_SETLK:
            case FdSyscalls.F_OFD_SETLKW:
                sb.append(',').append(pointer(arg));
                return;
            default:
                sb.append(',').append(arg);
        }
    }

    private String ioctl(int req) {
        LinuxAbi.Ioctls x = abi.ioctls();
        if (req == x.tcgets()) return "TCGETS";
        if (req == x.tcsets()) return "TCSETS";
        if (req == x.tcsetsw()) return "TCSETSW";
        if (req == x.tcsetsf()) return "TCSETSF";
        if (req == x.tiocgwinsz()) return "TIOCGWINSZ";
        if (req == x.tiocswinsz()) return "TIOCSWINSZ";
        if (req == x.fionread()) return "FIONREAD";
        if (req == x.fionbio()) return "FIONBIO";
        if (req == x.fioclex()) return "FIOCLEX";
        if (req == x.fionclex()) return "FIONCLEX";
        if (req == x.tiocgpgrp()) return "TIOCGPGRP";
        if (req == x.tiocspgrp()) return "TIOCSPGRP";
        if (req == x.tiocsctty()) return "TIOCSCTTY";
        return "0x" + Integer.toHexString(req);
    }

    /** O_RDONLY|O_CREAT|... in the guest's encoding, qemu's order. */
    static String openFlags(LinuxAbi abi, int f) {
        int g = OpenFlags.toGeneric(abi, f);
        String acc = switch (g & OpenFlags.O_ACCMODE) {
            case OpenFlags.O_WRONLY -> "O_WRONLY"; case OpenFlags.O_RDWR -> "O_RDWR"; case OpenFlags.O_RDONLY -> "O_RDONLY"; default -> "0x3";
        };
        int rest = g & ~OpenFlags.O_ACCMODE;
        if (rest == 0) return acc;
        return acc + "|" + flags(rest, OPEN);
    }

    /** Names of the set bits in table order, the remainder in hex; a value with no named bit all in hex. */
    private static String flags(int v, Object[] table) {
        StringBuilder sb = new StringBuilder();
        int rest = v;
        for (int i = 0; i < table.length; i += 2) {
            int bit = (Integer) table[i];
            if (bit != 0 && (rest & bit) == bit) {
                if (sb.length() > 0) sb.append('|');
                sb.append((String) table[i + 1]);
                rest &= ~bit;
            }
        }
        if (sb.length() == 0) return v == 0 ? "0" : "0x" + Integer.toHexString(v);
        if (rest != 0) sb.append("|0x").append(Integer.toHexString(rest));
        return sb.toString();
    }

    private static String cloneFlags(int v) {
        int sig = v & 0xff;
        String s = flags(v & ~0xff, CLONE);
        if (sig == 0) return s;
        return (v & ~0xff) == 0 ? signal(sig) : s + "|" + signal(sig);
    }

    static String signal(int sig) {
        return sig >= 1 && sig < SIGNALS.length ? SIGNALS[sig] : Integer.toString(sig);
    }

    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT",
            "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM",
            "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
            "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};

    private static final String[] WHENCE = {"SEEK_SET", "SEEK_CUR", "SEEK_END", "SEEK_DATA", "SEEK_HOLE"};

    private static final Object[] OPEN = {
            OpenFlags.O_APPEND, "O_APPEND", OpenFlags.O_CREAT, "O_CREAT", OpenFlags.O_DIRECTORY, "O_DIRECTORY",
            OpenFlags.O_EXCL, "O_EXCL", OpenFlags.O_LARGEFILE, "O_LARGEFILE", OpenFlags.O_NOCTTY, "O_NOCTTY",
            OpenFlags.O_NOFOLLOW, "O_NOFOLLOW", OpenFlags.O_NONBLOCK, "O_NONBLOCK", OpenFlags.O_SYNC, "O_SYNC",
            OpenFlags.O_DSYNC, "O_DSYNC", OpenFlags.O_TRUNC, "O_TRUNC", OpenFlags.O_DIRECT, "O_DIRECT",
            OpenFlags.O_NOATIME, "O_NOATIME", OpenFlags.O_CLOEXEC, "O_CLOEXEC", OpenFlags.O_PATH, "O_PATH",
            OpenFlags.O_TMPFILE, "O_TMPFILE", 020000, "FASYNC"};
    private static final Object[] ACCESS = {4, "R_OK", 2, "W_OK", 1, "X_OK"};
    private static final Object[] AT_FLAGS = {0x200, "AT_EACCESS", 0x1000, "AT_EMPTY_PATH", 0x800, "AT_NO_AUTOMOUNT",
            0x100, "AT_SYMLINK_NOFOLLOW", 0x2000, "AT_STATX_FORCE_SYNC", 0x4000, "AT_STATX_DONT_SYNC"};
    private static final Object[] UNLINK_FLAGS = {0x200, "AT_REMOVEDIR"};
    private static final Object[] LINK_FLAGS = {0x400, "AT_SYMLINK_FOLLOW", 0x1000, "AT_EMPTY_PATH"};
    private static final Object[] RENAME_FLAGS = {1, "RENAME_NOREPLACE", 2, "RENAME_EXCHANGE", 4, "RENAME_WHITEOUT"};
    private static final Object[] STATX_MASK = {0x7ff, "STATX_BASIC_STATS", 0xfff, "STATX_ALL", 1, "STATX_TYPE",
            2, "STATX_MODE", 4, "STATX_NLINK", 8, "STATX_UID", 0x10, "STATX_GID", 0x20, "STATX_ATIME", 0x40, "STATX_MTIME",
            0x80, "STATX_CTIME", 0x100, "STATX_INO", 0x200, "STATX_SIZE", 0x400, "STATX_BLOCKS", 0x800, "STATX_BTIME",
            0x1000, "STATX_MNT_ID", 0x2000, "STATX_DIOALIGN"};
    private static final Object[] PROT = {4, "PROT_EXEC", 1, "PROT_READ", 2, "PROT_WRITE",
            0x01000000, "PROT_GROWSDOWN", 0x02000000, "PROT_GROWSUP"};
    /** MAP_* names in qemu's order; MAP_LOCKED and MAP_NORESERVE are numbered per architecture (asm/mman.h). */
    private static Object[] mmapFlags(LinuxAbi.MmapFlagBits arch) {
        return new Object[] {1, "MAP_SHARED", 2, "MAP_PRIVATE", 0x20, "MAP_ANONYMOUS",
                0x800, "MAP_DENYWRITE", 0x10, "MAP_FIXED", 0x100, "MAP_GROWSDOWN", 0x1000, "MAP_EXECUTABLE",
                arch.locked(), "MAP_LOCKED", 0x10000, "MAP_NONBLOCK", arch.noreserve(), "MAP_NORESERVE", 0x8000, "MAP_POPULATE",
                0x20000, "MAP_STACK", 0x100000, "MAP_FIXED_NOREPLACE"};
    }
    private static final Object[] CLONE = {0x100, "CLONE_VM", 0x200, "CLONE_FS", 0x400, "CLONE_FILES",
            0x800, "CLONE_SIGHAND", 0x1000, "CLONE_PIDFD", 0x2000, "CLONE_PTRACE", 0x4000, "CLONE_VFORK",
            0x8000, "CLONE_PARENT", 0x10000, "CLONE_THREAD", 0x20000, "CLONE_NEWNS", 0x40000, "CLONE_SYSVSEM",
            0x80000, "CLONE_SETTLS", 0x100000, "CLONE_PARENT_SETTID", 0x200000, "CLONE_CHILD_CLEARTID",
            0x400000, "CLONE_DETACHED", 0x800000, "CLONE_UNTRACED", 0x1000000, "CLONE_CHILD_SETTID",
            0x2000000, "CLONE_NEWCGROUP", 0x4000000, "CLONE_NEWUTS", 0x8000000, "CLONE_NEWIPC",
            0x10000000, "CLONE_NEWUSER", 0x20000000, "CLONE_NEWPID", 0x40000000, "CLONE_NEWNET", 0x80000000, "CLONE_IO"};
    private static final Map<Integer, String> FCNTL = Map.ofEntries(
            Map.entry(0, "F_DUPFD"), Map.entry(1, "F_GETFD"), Map.entry(2, "F_SETFD"), Map.entry(3, "F_GETFL"),
            Map.entry(4, "F_SETFL"), Map.entry(5, "F_GETLK"), Map.entry(6, "F_SETLK"), Map.entry(7, "F_SETLKW"),
            Map.entry(8, "F_SETOWN"), Map.entry(9, "F_GETOWN"), Map.entry(10, "F_SETSIG"), Map.entry(11, "F_GETSIG"),
            Map.entry(12, "F_GETLK64"), Map.entry(13, "F_SETLK64"), Map.entry(14, "F_SETLKW64"),
            Map.entry(36, "F_OFD_GETLK"), Map.entry(37, "F_OFD_SETLK"), Map.entry(38, "F_OFD_SETLKW"),
            Map.entry(1030, "F_DUPFD_CLOEXEC"), Map.entry(1031, "F_SETPIPE_SZ"), Map.entry(1032, "F_GETPIPE_SZ"));
}

package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The guest's view of /proc, as qemu-user fakes it (linux-user/syscall.c, {@code is_proc_myself}
 * and the {@code fake_open} table) and further: the host's /proc describes the JVM (x86
 * /proc/cpuinfo, the JVM's descriptors and maps), which is wrong for the guest and leaks host
 * state. Emulated, for {@code self} and for every pid of this run's processes:
 * <ul>
 * <li>{@code /proc/self} (a link to the caller's pid), {@code /proc/PID/} with {@code exe} and
 *     {@code cwd} (links), {@code fd/} (one link per guest descriptor: the file's path,
 *     {@code pipe:[N]}, {@code socket:[N]}, {@code anon_inode:[eventfd]}...; opening one opens
 *     the same file again, or for what has no path shares the open file as a dup does),
 *     {@code fdinfo/}, {@code auxv} (the loader's bytes), {@code cmdline}, {@code environ},
 *     {@code comm}, {@code stat}, {@code statm}, {@code status}, {@code maps} (the guest's
 *     mappings; only the heap is named);</li>
 * <li>{@code /proc/cpuinfo}: the CPU model's text ({@link LinuxAbi#cpuinfo});</li>
 * <li>{@code /dev/fd}, {@code /dev/stdin}, {@code /dev/stdout}, {@code /dev/stderr}: links to
 *     /proc/self/fd as udev makes them, so they name the guest's descriptors, not the JVM's;</li>
 * <li>the /proc directory itself lists the host's entries less its process directories, plus
 *     the guest's pids; a numeric name that is no guest process is ENOENT.</li>
 * </ul>
 * {@code /proc/PID/mounts}, {@code mountinfo}, {@code limits} and {@code cgroup} are the host's
 * (the JVM runs in the same namespace and limits); every other /proc file (meminfo, stat,
 * uptime, sys/...) is passed through. {@code /proc/PID/task/} lists one {@code TID/} per guest
 * thread, each showing its process's files (no per-thread stat), and {@code /proc/thread-self}
 * links to the caller's; {@code /sys/devices/system/cpu/online}, {@code possible} and
 * {@code present} say "0" (one CPU, as sched_getaffinity says), the rest of /sys is the host's.
 * Not emulated: {@code smaps}, writes to anything here (EACCES).
 */
final class ProcFs {
    /** What a program was started with: /proc/PID/cmdline, environ and auxv. */
    record Started(List<String> argv, List<String> envp, byte[] auxv) { }

    /** A name under /proc that the personality answers. */
    sealed interface Node permits File, Dir, Link, Host { }

    /** A read-only file whose bytes are made when it is opened (or stat'ed: size 0, as Linux says). */
    record File(String name, Supplier<byte[]> content) implements Node { }

    /** A directory listed when read. */
    record Dir(String name, Supplier<List<HostDirectory.Entry>> entries) implements Node { }

    /**
     * A symbolic link: {@code target} is what readlink says; following it reaches {@code file}
     * (a guest descriptor's open file), else {@code host} (a host path), else {@code proc} (a
     * name under /proc: /proc/self).
     */
    record Link(String name, String target, OpenFile file, Path host, String proc, int mode) implements Node { }

    /** A host file that stands for it (mountinfo and the like). */
    record Host(Path path) implements Node { }

    private static final String[] PID_ENTRIES = {"auxv", "cgroup", "cmdline", "comm", "cwd", "environ", "exe", "fd",
            "fdinfo", "limits", "maps", "mountinfo", "mounts", "stat", "statm", "status", "task"};
    /** What /proc/PID/task/TID/ lists: its process's files (the personality keeps no per-thread stat). */
    private static final String[] TASK_ENTRIES = {"auxv", "cgroup", "cmdline", "comm", "cwd", "environ", "exe", "fd",
            "fdinfo", "limits", "maps", "mountinfo", "mounts", "stat", "statm", "status"};
    /**
     * sysfs's CPU lists: one CPU, as sched_getaffinity and /proc/cpuinfo say (docs/cpu-models.md),
     * so glibc's get_nprocs (sysconf(_SC_NPROCESSORS_ONLN), python's os.cpu_count) agrees with them.
     */
    static final List<String> SYS_CPU_FILES = List.of("/sys/devices/system/cpu/online",
            "/sys/devices/system/cpu/possible", "/sys/devices/system/cpu/present");
    private static final int MAX_LINKS = 8;

    private final GuestProcess p;

    ProcFs(GuestProcess p) { this.p = p; }

    /**
     * The node for guest path {@code name} relative to {@code dirfd}, following a final link when
     * {@code follow}; null when the name is not under /proc or /proc passes it through to the host.
     * ENOENT for a name under an emulated directory that does not exist.
     */
    Node lookup(int dirfd, String name, boolean follow) {
        String abs = p.paths.procName(dirfd, name);
        if (abs == null) return null;
        if (name.endsWith("/")) follow = true;   // a trailing slash resolves a final link, as in Linux
        for (int hops = 0; hops < MAX_LINKS; hops++) {
            Node n = node(abs);
            if (n instanceof Link l && follow && l.proc() != null) {
                abs = l.proc();
                continue;
            }
            return n;
        }
        throw new SysErr(Errno.ELOOP);
    }

    /** The node of a normalized absolute name under /proc, links not followed. */
    private Node node(String abs) {
        if (abs.startsWith("/dev/")) {
            // the host's /dev/fd -> /proc/self/fd and /dev/stdin -> /proc/self/fd/0 (udev's links)
            String target = switch (abs) {
                case "/dev/stdin" -> "/proc/self/fd/0";
                case "/dev/stdout" -> "/proc/self/fd/1";
                case "/dev/stderr" -> "/proc/self/fd/2";
                default -> "/proc/self/fd";
            };
            return new Link(abs, target, null, null, target, 0777);
        }
        if (abs.startsWith("/sys/")) return SYS_CPU_FILES.contains(abs) ? new File(abs, () -> "0\n".getBytes(StandardCharsets.US_ASCII)) : null;
        String[] c = abs.substring(1).split("/");   // c[0] == "proc"
        if (c.length == 1) return new Dir(abs, this::rootEntries);
        String top = c[1];
        if (top.equals("cpuinfo") && c.length == 2) return new File(abs, this::cpuinfo);
        if (top.equals("self")) {
            String target = "/proc/" + p.pid + rest(c, 2);
            if (c.length == 2) return new Link(abs, Integer.toString(p.pid), null, null, target, 0777);
            return node(target);
        }
        if (top.equals("thread-self")) {
            GuestThread t = p.currentThread();
            String target = p.pid + "/task/" + (t != null ? t.tid : p.pid);
            if (c.length == 2) return new Link(abs, target, null, null, "/proc/" + target, 0777);
            return node("/proc/" + target + rest(c, 2));
        }
        if (!isNumber(top)) return null;
        GuestProcess q = p.sys.process(Integer.parseInt(top));
        if (q == null || !top.equals(Integer.toString(q.pid))) throw new SysErr(Errno.ENOENT);
        if (c.length == 2) return new Dir(abs, () -> names(q, PID_ENTRIES));
        String e = c[2];
        if (c.length == 3) return pidEntry(q, abs, e);
        if (e.equals("task")) {
            // task/TID/: one per guest thread of q, showing q's own files
            if (!isNumber(c[3]) || !tids(q).contains(Integer.parseInt(c[3])) || (c.length > 4 && c[4].equals("task")))
                throw new SysErr(Errno.ENOENT);
            if (c.length == 4) return new Dir(abs, () -> names(q, TASK_ENTRIES));
            return node("/proc/" + q.pid + rest(c, 4));
        }
        if (c.length == 4 && (e.equals("fd") || e.equals("fdinfo"))) {
            if (!isNumber(c[3])) throw new SysErr(Errno.ENOENT);
            int fd = Integer.parseInt(c[3]);
            OpenFile f;
            try {
                f = q.fds.get(fd);
            } catch (SysErr badFd) {
                throw new SysErr(Errno.ENOENT);
            }
            if (e.equals("fdinfo")) return new File(abs, () -> fdinfo(q, fd, f));
            int mode = 0100 | (f.readable() ? 0400 : 0) | (f.writable() ? 0200 : 0);
            Path host = f.path() != null && !(f instanceof ProcDirectory) ? f.path() : null;
            return new Link(abs, linkOf(f), f, host, f instanceof ProcDirectory d ? d.path().toString() : null, mode);
        }
        if (c.length > 3 && (e.equals("cwd") || e.equals("exe"))) return new Host(Path.of(target(q, e), rest(c, 3).substring(1)));
        throw new SysErr(c.length > 3 && pidEntry(q, abs, e) instanceof File ? Errno.ENOTDIR : Errno.ENOENT);
    }

    private Node pidEntry(GuestProcess q, String abs, String e) {
        return switch (e) {
            case "auxv" -> new File(abs, () -> q.started.auxv().clone());
            case "cmdline" -> new File(abs, () -> nulJoined(q.started.argv()));
            case "environ" -> new File(abs, () -> nulJoined(q.started.envp()));
            case "comm" -> new File(abs, () -> (comm(q) + "\n").getBytes(StandardCharsets.UTF_8));
            case "stat" -> new File(abs, () -> stat(q).getBytes(StandardCharsets.UTF_8));
            case "statm" -> new File(abs, () -> statm(q).getBytes(StandardCharsets.UTF_8));
            case "status" -> new File(abs, () -> status(q).getBytes(StandardCharsets.UTF_8));
            case "maps" -> new File(abs, () -> maps(q).getBytes(StandardCharsets.UTF_8));
            case "exe", "cwd" -> {
                String t = target(q, e);
                yield new Link(abs, t, null, Path.of(t), null, 0777);
            }
            case "fd" -> new Dir(abs, () -> fdEntries(q, HostDirectory.DT_LNK));
            case "fdinfo" -> new Dir(abs, () -> fdEntries(q, HostDirectory.DT_REG));
            case "task" -> new Dir(abs, () -> taskEntries(q));
            case "mounts", "mountinfo", "limits", "cgroup" -> new Host(Path.of("/proc/self/" + e));
            default -> throw new SysErr(Errno.ENOENT);
        };
    }

    private static String target(GuestProcess q, String e) {
        return e.equals("exe") ? q.paths.exe().toString() : q.paths.cwd().toString();
    }

    // ---- opening and describing nodes

    /** open(2) of a node with generic flags {@code f}. */
    OpenFile open(Node n, int f, int mode, FdSyscalls opener) throws IOException {
        int acc = f & OpenFlags.O_ACCMODE;
        boolean write = acc != OpenFlags.O_RDONLY || (f & (OpenFlags.O_CREAT | OpenFlags.O_TRUNC)) != 0;
        int kept = f & ~(OpenFlags.O_CREAT | OpenFlags.O_EXCL | OpenFlags.O_TRUNC | OpenFlags.O_NOCTTY | OpenFlags.O_CLOEXEC);
        if ((f & (OpenFlags.O_CREAT | OpenFlags.O_EXCL)) == (OpenFlags.O_CREAT | OpenFlags.O_EXCL)) throw new SysErr(Errno.EEXIST);
        if (n instanceof File file) {
            if ((f & OpenFlags.O_DIRECTORY) != 0) throw new SysErr(Errno.ENOTDIR);
            if (write) throw new SysErr(Errno.EACCES);
            return new ProcFile(file.content().get(), kept, ino(file.name()), p.cfg.uid, p.cfg.gid);
        }
        if (n instanceof Dir dir) {
            if (write) throw new SysErr(Errno.EISDIR);
            return new ProcDirectory(Path.of(dir.name()), kept, dir.entries(), stat(n));
        }
        if (n instanceof Host h) return opener.open(h.path(), f, mode);
        Link l = (Link) n;
        if ((f & OpenFlags.O_NOFOLLOW) != 0) throw new SysErr(Errno.ELOOP);
        if (l.host() != null) return opener.open(l.host(), f, mode);
        if (l.file() == null) throw new SysErr(Errno.ENOENT);
        // what has no path (pipe, socket, eventfd) is shared as a dup shares it
        l.file().retain();
        return l.file();
    }

    /** stat of a node (a followed link is the caller's business: {@link #follow}). */
    HostStat stat(Node n) throws IOException {
        if (n instanceof File f) return HostStat.synthetic(HostStat.S_IFREG | 0444, p.cfg.uid, p.cfg.gid, 0, 0, ino(f.name()));
        if (n instanceof Dir d) return HostStat.synthetic(HostStat.S_IFDIR | 0555, p.cfg.uid, p.cfg.gid, 0, 0, ino(d.name()));
        if (n instanceof Link l) return HostStat.synthetic(HostStat.S_IFLNK | l.mode(), p.cfg.uid, p.cfg.gid, 0, 0, ino(l.name()));
        return HostStat.of(((Host) n).path(), true);
    }

    /** stat(2) (follow) or lstat(2) of a node. */
    HostStat stat(Node n, boolean follow) throws IOException {
        if (follow && n instanceof Link l) {
            if (l.file() != null && l.host() == null) return l.file().stat();
            if (l.host() != null) return HostStat.of(l.host(), true);
        }
        return stat(n);
    }

    /** readlink(2): the target, EINVAL for anything but a link. */
    static String readlink(Node n) {
        if (n instanceof Link l) return l.target();
        if (n instanceof Host h) {
            try {
                return Files.readSymbolicLink(h.path()).toString();
            } catch (IOException | UnsupportedOperationException e) {
                throw new SysErr(Errno.EINVAL);
            }
        }
        throw new SysErr(Errno.EINVAL);
    }

    /** What /proc/PID/fd/N says of an open file, as Linux's d_path and the anon-inode names put it. */
    String linkOf(OpenFile f) {
        if (f instanceof EventFd) return "anon_inode:[eventfd]";
        if (f instanceof EpollFile) return "anon_inode:[eventpoll]";
        if (f instanceof TimerFd) return "anon_inode:[timerfd]";
        if (f instanceof SignalFd) return "anon_inode:[signalfd]";
        if (f instanceof HostDescriptor h) {
            String s = h.hostLink();
            if (s != null) return s;
        }
        Path path = f.path();
        if (path != null) {
            Path root = p.cfg.sysroot;
            if (root != null && path.startsWith(root) && !path.equals(root)) return "/" + root.relativize(path);
            return path.toString();
        }
        try {
            HostStat s = f.stat();
            return switch (s.mode() & HostStat.S_IFMT) {
                case HostStat.S_IFSOCK -> "socket:[" + s.ino() + "]";
                case HostStat.S_IFCHR -> s.rdevMajor() == 136 ? "/dev/pts/" + s.rdevMinor() : "/dev/char/" + s.rdevMajor() + ":" + s.rdevMinor();
                case HostStat.S_IFIFO -> "pipe:[" + s.ino() + "]";
                default -> "anon_inode:[" + f.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT) + "]";
            };
        } catch (IOException | SysErr e) {
            return "anon_inode:[unknown]";
        }
    }

    // ---- contents

    private byte[] cpuinfo() {
        String text = p.abi.cpuinfo();
        return (text != null ? text : "processor\t: 0\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The host's /proc less its pid directories and self links, with this run's pids and self. */
    private List<HostDirectory.Entry> rootEntries() {
        List<HostDirectory.Entry> out = new ArrayList<>();
        out.add(new HostDirectory.Entry(1, HostDirectory.DT_DIR, "."));
        out.add(new HostDirectory.Entry(2, HostDirectory.DT_DIR, ".."));
        for (int pid : p.sys.pids()) out.add(new HostDirectory.Entry(ino("/proc/" + pid), HostDirectory.DT_DIR, Integer.toString(pid)));
        out.add(new HostDirectory.Entry(ino("/proc/self"), HostDirectory.DT_LNK, "self"));
        out.add(new HostDirectory.Entry(ino("/proc/thread-self"), HostDirectory.DT_LNK, "thread-self"));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path e : ds) {
                String n = e.getFileName().toString();
                if (isNumber(n) || n.equals("self") || n.equals("thread-self")) continue;
                int type = n.equals("cpuinfo") || !Files.isDirectory(e) ? HostDirectory.DT_REG : HostDirectory.DT_DIR;
                out.add(new HostDirectory.Entry(ino("/proc/" + n), type, n));
            }
        } catch (IOException | RuntimeException noHostProc) {
            out.add(new HostDirectory.Entry(ino("/proc/cpuinfo"), HostDirectory.DT_REG, "cpuinfo"));
        }
        return out;
    }

    private List<HostDirectory.Entry> names(GuestProcess q, String[] entries) {
        List<HostDirectory.Entry> out = new ArrayList<>();
        out.add(new HostDirectory.Entry(ino("/proc/" + q.pid), HostDirectory.DT_DIR, "."));
        out.add(new HostDirectory.Entry(1, HostDirectory.DT_DIR, ".."));
        for (String e : entries) {
            int type = e.equals("fd") || e.equals("fdinfo") || e.equals("task") ? HostDirectory.DT_DIR
                    : e.equals("exe") || e.equals("cwd") ? HostDirectory.DT_LNK : HostDirectory.DT_REG;
            out.add(new HostDirectory.Entry(ino("/proc/" + q.pid + "/" + e), type, e));
        }
        return out;
    }

    /** The tids of q's guest threads (its pid alone before any thread registered). */
    private static List<Integer> tids(GuestProcess q) {
        List<Integer> out = new ArrayList<>();
        synchronized (q.sys.lock) {
            for (GuestThread t : q.threads) out.add(t.tid);
        }
        if (out.isEmpty()) out.add(q.pid);
        out.sort(null);
        return out;
    }

    private List<HostDirectory.Entry> taskEntries(GuestProcess q) {
        String dir = "/proc/" + q.pid + "/task";
        List<HostDirectory.Entry> out = new ArrayList<>();
        out.add(new HostDirectory.Entry(ino(dir), HostDirectory.DT_DIR, "."));
        out.add(new HostDirectory.Entry(ino("/proc/" + q.pid), HostDirectory.DT_DIR, ".."));
        for (int tid : tids(q)) out.add(new HostDirectory.Entry(ino(dir + "/" + tid), HostDirectory.DT_DIR, Integer.toString(tid)));
        return out;
    }

    private List<HostDirectory.Entry> fdEntries(GuestProcess q, int type) {
        String dir = "/proc/" + q.pid + (type == HostDirectory.DT_LNK ? "/fd" : "/fdinfo");
        List<HostDirectory.Entry> out = new ArrayList<>();
        out.add(new HostDirectory.Entry(ino(dir), HostDirectory.DT_DIR, "."));
        out.add(new HostDirectory.Entry(ino("/proc/" + q.pid), HostDirectory.DT_DIR, ".."));
        for (int fd : q.fds.openFds()) out.add(new HostDirectory.Entry(ino(dir + "/" + fd), type, Integer.toString(fd)));
        return out;
    }

    private static byte[] fdinfo(GuestProcess q, int fd, OpenFile f) {
        long pos;
        try {
            pos = f.seek(0, HostFile.SEEK_CUR);
        } catch (IOException | SysErr unseekable) {
            pos = 0;
        }
        int flags = f.flags | (cloexec(q, fd) ? OpenFlags.O_CLOEXEC : 0);
        return String.format("pos:\t%d%nflags:\t0%o%nmnt_id:\t0%nino:\t%d%n", pos, OpenFlags.fromGeneric(q.abi, flags) & 0xffffffffL,
                inoOf(f)).replace(System.lineSeparator(), "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean cloexec(GuestProcess q, int fd) {
        try {
            return q.fds.cloexec(fd);
        } catch (SysErr closed) {
            return false;
        }
    }

    private static long inoOf(OpenFile f) {
        try {
            return f.stat().ino();
        } catch (IOException | SysErr e) {
            return 0;
        }
    }

    private static byte[] nulJoined(List<String> list) {
        StringBuilder sb = new StringBuilder();
        for (String s : list) sb.append(s).append('\0');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The program's file name cut to 15 bytes, as Linux names a task at execve. */
    private static String comm(GuestProcess q) {
        String n;
        try {
            n = q.paths.exe().getFileName().toString();
        } catch (SysErr noExe) {
            String a = q.started.argv().isEmpty() ? q.cfg.argv0 : q.started.argv().get(0);
            n = a.substring(a.lastIndexOf('/') + 1);
        }
        return n.length() > 15 ? n.substring(0, 15) : n;
    }

    private static int ppid(GuestProcess q) {
        synchronized (q.sys.lock) {
            if (q.parent != null) return q.parent.pid;
        }
        return q.pid == q.cfg.pid ? (int) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L).longValue() : 1;
    }

    private static int threads(GuestProcess q) {
        synchronized (q.sys.lock) { return Math.max(1, q.threads.size()); }
    }

    private static long vsize(GuestProcess q) {
        long total = 0;
        for (long[] r : q.as.regions()) total += r[1] - r[0];
        return total;
    }

    /** The 52 fields of fs/proc/array.c's do_task_stat; what the personality does not keep is 0. */
    private static String stat(GuestProcess q) {
        int pgrp, sid;
        synchronized (q.sys.lock) {
            pgrp = q.pgid;
            sid = q.sid;
        }
        long vsize = vsize(q), pages = vsize / 4096;
        long[] f = new long[52 - 3];   // fields 4..52
        f[0] = ppid(q);
        f[1] = pgrp;
        f[2] = sid;
        f[4] = -1;                     // tpgid
        f[5] = 0x400000;               // PF_RANDOMIZE... flags as a plain user process
        f[14] = 20;                    // priority
        f[16] = threads(q);
        f[19] = vsize;
        f[20] = pages;
        f[21] = 0xffffffffL;           // rsslim (RLIM_INFINITY)
        f[34] = 17;                    // exit_signal SIGCHLD
        StringBuilder sb = new StringBuilder().append(q.pid).append(" (").append(comm(q)).append(") R");
        for (long v : f) sb.append(' ').append(v);
        return sb.append('\n').toString();
    }

    private static String statm(GuestProcess q) {
        long pages = vsize(q) / 4096;
        return pages + " " + pages + " 0 0 0 " + pages + " 0\n";
    }

    private static String status(GuestProcess q) {
        int uid = q.cfg.uid, gid = q.cfg.gid;
        long kb = vsize(q) / 1024;
        return "Name:\t" + comm(q) + "\n"
                + String.format("Umask:\t%04o\n", q.umask)
                + "State:\tR (running)\n"
                + "Tgid:\t" + q.pid + "\nNgid:\t0\nPid:\t" + q.pid + "\nPPid:\t" + ppid(q) + "\nTracerPid:\t0\n"
                + "Uid:\t" + uid + "\t" + uid + "\t" + uid + "\t" + uid + "\n"
                + "Gid:\t" + gid + "\t" + gid + "\t" + gid + "\t" + gid + "\n"
                + "FDSize:\t" + Math.max(64, Integer.highestOneBit(Math.max(1, q.fds.openFds().length)) * 2) + "\n"
                + "Groups:\t\n"
                + "VmPeak:\t" + String.format("%8d", kb) + " kB\nVmSize:\t" + String.format("%8d", kb) + " kB\n"
                + "VmRSS:\t" + String.format("%8d", kb) + " kB\n"
                + "Threads:\t" + threads(q) + "\n"
                + "SigQ:\t0/4096\n"
                + "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n";
    }

    /**
     * fs/proc/task_mmu.c's show_map_vma: the name column starts at 73 (32-bit); the heap is named,
     * and its pieces are one line as Linux merges the brk area's adjacent anonymous mappings.
     */
    private static String maps(GuestProcess q) {
        AddressSpace as = q.as;
        long brk = as.brkBase() & 0xffffffffL, brkEnd = as.currentBrk() & 0xffffffffL;
        List<long[]> regions = new ArrayList<>();
        for (long[] r : as.regions()) {
            long[] last = regions.isEmpty() ? null : regions.get(regions.size() - 1);
            boolean heap = r[0] < brkEnd && r[1] > brk;
            if (last != null && heap && last[1] == r[0] && last[2] == r[2] && last[0] < brkEnd && last[1] > brk) last[1] = r[1];
            else regions.add(r.clone());
        }
        StringBuilder sb = new StringBuilder();
        for (long[] r : regions) {
            int prot = (int) r[2];
            int start = sb.length();
            sb.append(String.format("%08x-%08x %c%c%cp %08x %02x:%02x %d ", r[0], r[1],
                    (prot & AddressSpace.PROT_READ) != 0 ? 'r' : '-', (prot & AddressSpace.PROT_WRITE) != 0 ? 'w' : '-',
                    (prot & AddressSpace.PROT_EXEC) != 0 ? 'x' : '-', 0, 0, 0, 0));
            if (brkEnd > brk && r[0] < brkEnd && r[1] > brk) {
                while (sb.length() - start < 73) sb.append(' ');
                sb.append("[heap]");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    // ---- helpers

    private static String rest(String[] c, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < c.length; i++) sb.append('/').append(c[i]);
        return sb.toString();
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** A stable inode number for a /proc name (Linux makes them up too). */
    static long ino(String name) { return 0x10000L + (name.hashCode() & 0x7fffffffL); }

    /** An open /proc file: the bytes made at open, read-only, seekable. */
    static final class ProcFile extends OpenFile {
        private final byte[] data;
        private final long ino;
        private final int uid, gid;
        private long pos;

        ProcFile(byte[] data, int flags, long ino, int uid, int gid) {
            super(flags);
            this.data = data;
            this.ino = ino;
            this.uid = uid;
            this.gid = gid;
        }

        @Override synchronized int read(byte[] b, int off, int len) {
            int n = readAt(pos, b, off, len, false);
            pos += n;
            return n;
        }

        @Override int readAt(long at, byte[] b, int off, int len, boolean forMmap) {
            if (at >= data.length) return 0;
            int n = (int) Math.min(len, data.length - at);
            System.arraycopy(data, (int) at, b, off, n);
            return n;
        }

        @Override int write(byte[] b, int off, int len) { throw new SysErr(Errno.EBADF); }

        @Override synchronized long seek(long offset, int whence) {
            long to = switch (whence) {
                case HostFile.SEEK_SET -> offset;
                case HostFile.SEEK_CUR -> pos + offset;
                case HostFile.SEEK_END -> data.length + offset;
                default -> throw new SysErr(Errno.EINVAL);
            };
            if (to < 0) throw new SysErr(Errno.EINVAL);
            pos = to;
            return pos;
        }

        @Override HostStat stat() { return HostStat.synthetic(HostStat.S_IFREG | 0444, uid, gid, 0, 0, ino); }

        @Override int available() { return (int) Math.max(0, Math.min(Integer.MAX_VALUE, data.length - pos)); }
    }

    /** An open /proc directory: listed afresh on open and on every rewind. */
    static final class ProcDirectory extends HostDirectory {
        private final Supplier<List<Entry>> lister;
        private final HostStat stat;
        private List<Entry> entries;

        ProcDirectory(Path name, int flags, Supplier<List<Entry>> lister, HostStat stat) {
            super(name, flags);
            this.lister = lister;
            this.stat = stat;
        }

        @Override synchronized List<Entry> entries() {
            if (entries == null) entries = lister.get();
            return entries;
        }

        @Override synchronized long seek(long offset, int whence) {
            long to = super.seek(offset, whence);
            if (to == 0) entries = null;
            return to;
        }

        @Override HostStat stat() { return stat; }
    }
}

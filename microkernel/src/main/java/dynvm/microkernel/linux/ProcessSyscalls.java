package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/** Identity, limits and housekeeping of a guest process: ids, uname, rlimits, affinity, getrandom. */
final class ProcessSyscalls implements Syscall.Group {
    static final int RLIMIT_CPU = 0, RLIMIT_STACK = 3, RLIMIT_CORE = 4, RLIMIT_NPROC = 6, RLIMIT_NOFILE = 7,
            RLIMIT_MEMLOCK = 8, RLIMIT_SIGPENDING = 11, RLIMIT_MSGQUEUE = 12, RLIMIT_NICE = 13, RLIMIT_RTPRIO = 14,
            RLIM_NLIMITS = 16;
    static final long RLIM_INFINITY = -1L;
    static final int GRND_ALLOWED = 1 | 2 | 4;

    private final GuestProcess p;
    /** [resource][0 = soft, 1 = hard] */
    private final long[][] limits = new long[RLIM_NLIMITS][];
    private java.util.Random random;

    ProcessSyscalls(GuestProcess p) {
        this.p = p;
        for (int i = 0; i < RLIM_NLIMITS; i++) limits[i] = new long[]{RLIM_INFINITY, RLIM_INFINITY};
        limits[RLIMIT_STACK][0] = 8L << 20;
        limits[RLIMIT_CORE][0] = 0;
        limits[RLIMIT_NPROC] = new long[]{4096, 4096};
        limits[RLIMIT_NOFILE] = new long[]{FdTable.MAX_FDS, FdTable.MAX_FDS};
        limits[RLIMIT_MEMLOCK] = new long[]{8L << 20, 8L << 20};
        limits[RLIMIT_SIGPENDING] = new long[]{4096, 4096};
        limits[RLIMIT_MSGQUEUE] = new long[]{819200, 819200};
        limits[RLIMIT_NICE] = new long[]{0, 0};
        limits[RLIMIT_RTPRIO] = new long[]{0, 0};
    }

    @Override
    public void register(Map<String, Syscall> t) {
        LinuxConfig c = p.cfg;
        // exit, ids of the process tree, clone/fork/execve/wait: TaskSyscalls
        t.put("getpgrp", a -> { synchronized (p.sys.lock) { return p.pgid; } });
        t.put("getpgid", a -> ids(a[0], false));
        t.put("getsid", a -> ids(a[0], true));
        t.put("setpgid", a -> setpgid(a[0], a[1]));
        t.put("setsid", a -> setsid());
        for (String n : new String[]{"getuid", "geteuid", "getuid32", "geteuid32"}) t.put(n, a -> c.uid);
        for (String n : new String[]{"getgid", "getegid", "getgid32", "getegid32"}) t.put(n, a -> c.gid);
        t.put("getgroups", a -> 0);
        t.put("getgroups32", a -> 0);
        t.put("uname", a -> { p.view.write(a[0], StructWriter.utsname(p.abi, "dynvm")); return 0; });
        t.put("getrlimit", a -> getrlimit(a[0], a[1], 0x7fffffffL));
        t.put("ugetrlimit", a -> getrlimit(a[0], a[1], 0xffffffffL));
        t.put("setrlimit", a -> setrlimit(a[0], a[1]));
        t.put("prlimit64", a -> prlimit64(a[0], a[1], a[2], a[3]));
        t.put("sched_yield", a -> { Thread.yield(); return 0; });
        t.put("sched_getaffinity", a -> getaffinity(a[1], a[2]));
        t.put("sched_setaffinity", a -> 0);
        t.put("getrandom", a -> getrandom(a[0], a[1], a[2]));
        t.put("set_robust_list", a -> a[1] == 12 ? 0 : -Errno.EINVAL);
        t.put("sysinfo", a -> sysinfo(a[0]));
    }

    /** getpgid/getsid of {@code pid} (0: the caller); ESRCH when there is no such process. */
    private int ids(int pid, boolean session) {
        GuestProcess q = pid == 0 ? p : p.sys.process(pid);
        if (q == null) return -Errno.ESRCH;
        synchronized (p.sys.lock) { return session ? q.sid : q.pgid; }
    }

    /**
     * setpgid: the caller or one of its children joins group {@code pgid} (0: its own pid), in
     * the same session; a session leader cannot move (EPERM), as Linux checks.
     */
    private int setpgid(int pid, int pgid) {
        if (pgid < 0) return -Errno.EINVAL;
        GuestProcess q = pid == 0 || pid == p.pid ? p : p.sys.process(pid);
        synchronized (p.sys.lock) {
            if (q == null || q != p && q.parent != p) return -Errno.ESRCH;
            int g = pgid == 0 ? q.pid : pgid;
            if (g == q.pgid) return 0;
            if (q.sid != p.sid || q.sid == q.pid) return -Errno.EPERM;
            if (g != q.pid && p.sys.group(g).stream().noneMatch(m -> m.sid == p.sid)) return -Errno.EPERM;
            q.pgid = g;
            return 0;
        }
    }

    /** setsid: a new session and group led by the caller; EPERM for a group leader. */
    private int setsid() {
        synchronized (p.sys.lock) {
            if (p.pgid == p.pid) return -Errno.EPERM;
            p.pgid = p.pid;
            p.sid = p.pid;
            return p.pid;
        }
    }

    private long[] limit(int res) {
        if (res < 0 || res >= RLIM_NLIMITS) throw new SysErr(Errno.EINVAL);
        return limits[res];
    }

    /** 32-bit struct rlimit; values above {@code max32} (including infinity) are reported as {@code max32}. */
    private int getrlimit(int res, int buf, long max32) {
        long[] l = limit(res);
        p.view.write(buf, p.view.struct(8).putInt(0, (int) clamp(l[0], max32)).putInt(4, (int) clamp(l[1], max32)));
        return 0;
    }

    private static long clamp(long v, long max32) { return v == RLIM_INFINITY || v > max32 ? max32 : v; }

    private int setrlimit(int res, int buf) {
        long[] l = limit(res);
        ByteBuffer b = ByteBuffer.wrap(p.view.read(buf, 8)).order(p.view.order);
        long soft = widen(b.getInt(0)), hard = widen(b.getInt(4));
        return store(l, soft, hard);
    }

    private static long widen(int v) { return v == -1 ? RLIM_INFINITY : v & 0xffffffffL; }

    private static int store(long[] l, long soft, long hard) {
        if (Long.compareUnsigned(soft, hard) > 0) return -Errno.EINVAL;
        l[0] = soft;
        l[1] = hard;
        return 0;
    }

    private int prlimit64(int pid, int res, int newPtr, int oldPtr) {
        if (pid != 0 && pid != p.pid) return -Errno.ESRCH;
        long[] l = limit(res);
        long[] wanted = null;
        if (newPtr != 0) {
            ByteBuffer b = ByteBuffer.wrap(p.view.read(newPtr, 16)).order(p.view.order);
            wanted = new long[]{b.getLong(0), b.getLong(8)};
        }
        if (oldPtr != 0) p.view.write(oldPtr, p.view.struct(16).putLong(0, l[0]).putLong(8, l[1]));
        return wanted == null ? 0 : store(l, wanted[0], wanted[1]);
    }

    /** One vCPU: CPU 0 only. Returns the size of the kernel's mask, as the raw syscall does. */
    private int getaffinity(int len, int mask) {
        if (len < 4 || (len & 3) != 0) return -Errno.EINVAL;
        p.view.write(mask, p.view.struct(4).putInt(0, 1));
        return 4;
    }

    private int getrandom(int buf, int len, int flags) {
        if ((flags & ~GRND_ALLOWED) != 0) return -Errno.EINVAL;
        int n = Math.min(len < 0 ? Integer.MAX_VALUE : len, 1 << 25);
        p.view.requireWritable(buf, n);
        // with -seed the sequence is reproducible (a forked child starts it afresh)
        if (random == null) random = p.cfg.randomSeed == null ? HostRandom.create() : new java.util.Random(p.cfg.randomSeed);
        byte[] b = new byte[n];
        random.nextBytes(b);
        p.view.write(buf, b);
        return n;
    }

    /** struct sysinfo for 32-bit: uptime, loads, memory sizes (in units of 1 byte), process count. */
    private int sysinfo(int buf) {
        ByteBuffer b = p.view.struct(64);
        b.putInt(0, (int) uptimeSeconds());
        long ram = p.as.memory().size & 0xffffffffL;
        b.putInt(16, (int) ram);
        b.putInt(20, (int) (ram / 2));
        b.putShort(40, (short) 1);
        b.putInt(52, 1);
        p.view.write(buf, b);
        return 0;
    }

    /** JVM uptime stands in for system uptime. */
    private static long uptimeSeconds() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000 + 1;
    }
}

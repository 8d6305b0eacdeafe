package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tasks: exit and exit_group, pid/tid/ppid, set_tid_address, clone/fork/vfork, execve and
 * wait4/waitpid. The CPU side of clone and execve is the engine's ({@link ThreadHost}); the
 * process tree is the {@link LinuxSystem}'s.
 */
final class TaskSyscalls implements Syscall.Group {
    static final int CSIGNAL = 0xff, CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800,
            CLONE_PIDFD = 0x1000, CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000,
            CLONE_THREAD = 0x10000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
            CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000,
            CLONE_CHILD_SETTID = 0x01000000, CLONE_IO = 0x80000000;
    private static final int SUPPORTED = CSIGNAL | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE
            | CLONE_VFORK | CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID
            | CLONE_CHILD_CLEARTID | CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO;
    static final int WNOHANG = 1, WUNTRACED = 2, WCONTINUED = 8, WNOTHREAD = 0x20000000, WALL = 0x40000000, WCLONE = 0x80000000;
    /** struct rusage on a 32-bit ABI: two timevals and fourteen longs. */
    static final int RUSAGE_SIZE = 72;
    private static final int MAX_ARGS = 1 << 17;

    private final GuestProcess p;

    TaskSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("exit", a -> { p.sys.exitThread(p.currentThread(), a[0]); return 0; });
        t.put("exit_group", a -> { p.exit(a[0]); return 0; });
        t.put("getpid", a -> p.pid);
        t.put("gettid", a -> p.currentThread().tid);
        t.put("getppid", a -> getppid());
        t.put("set_tid_address", a -> {
            GuestThread self = p.currentThread();
            self.clearChildTid = a[0];
            return self.tid;
        });
        // ARM and PowerPC both select CLONE_BACKWARDS: (flags, stack, parent_tid, tls, child_tid)
        t.put("clone", a -> clone(a[0], a[1], a[2], a[3], a[4]));
        t.put("fork", a -> clone(SignalState.SIGCHLD, 0, 0, 0, 0));
        // vfork as fork (a copied address space) whose parent waits until the child execs or exits
        t.put("vfork", a -> clone(CLONE_VFORK | SignalState.SIGCHLD, 0, 0, 0, 0));
        t.put("execve", a -> execve(a[0], a[1], a[2]));
        t.put("wait4", a -> wait4(a[0], a[1], a[2], a[3]));
        t.put("waitpid", a -> wait4(a[0], a[1], a[2], 0));
    }

    private int getppid() {
        synchronized (p.sys.lock) {
            if (p.parent != null) return p.parent.pid;
        }
        // the first process: its parent is outside the guest world
        return p.pid == p.cfg.pid ? (int) ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(1L).longValue() : 1;
    }

    private int clone(int flags, int stack, int ptid, int tls, int ctid) {
        if ((flags & ~SUPPORTED) != 0) return -Errno.EINVAL;
        if ((flags & CLONE_THREAD) != 0 && (flags & CLONE_SIGHAND) == 0) return -Errno.EINVAL;
        if ((flags & CLONE_SIGHAND) != 0 && (flags & CLONE_VM) == 0) return -Errno.EINVAL;
        LinuxSystem sys = p.sys;
        GuestThread self = p.currentThread();
        boolean vm = (flags & CLONE_VM) != 0, vfork = (flags & CLONE_VFORK) != 0;
        GuestThread child;
        GuestProcess childProc;
        if ((flags & CLONE_THREAD) != 0) {
            p.as.memory().shareBetweenThreads();
            childProc = p;
            child = sys.addThread(p, sys.allocId());
        } else {
            AddressSpace as = vm ? p.as : p.as.copy();
            if (vm) as.memory().shareBetweenThreads();
            FdTable fds = (flags & CLONE_FILES) != 0 ? p.fds : p.fds.copy();
            childProc = new GuestProcess(p, sys.allocId(), as, fds);
            new LinuxPersonality(childProc);
            GuestProcess parent = p;
            synchronized (sys.lock) {
                if ((flags & CLONE_PARENT) != 0 && p.parent != null) parent = p.parent;
                childProc.vforkPending = vfork;
            }
            child = sys.addProcess(childProc, parent);
        }
        synchronized (p.signals) { // the new thread starts with the caller's blocked mask
            child.signals.mask = self.signals.mask;
        }
        try {
            if ((flags & CLONE_PARENT_SETTID) != 0) p.view.put32(ptid, child.tid);
            if ((flags & CLONE_CHILD_SETTID) != 0) childProc.view.put32(ctid, child.tid);
            if ((flags & CLONE_CHILD_CLEARTID) != 0) child.clearChildTid = ctid;
            self.host.spawn(child, stack, (flags & CLONE_SETTLS) != 0, tls);
        } catch (RuntimeException e) {
            sys.threadEnded(child);
            throw e;
        }
        if (vfork) {
            // like Linux, the wait is killable but not interrupted by other signals
            Waiter w = Waiter.of(self);
            sys.exitWaiters.add(w.events); // the child's execve or end wakes us (LinuxSystem.treeChanged)
            try {
                for (;;) {
                    synchronized (sys.lock) {
                        if (!childProc.vforkPending || self.stopRequested()) break;
                    }
                    if (!w.sleep(-1)) break;
                }
            } finally {
                sys.exitWaiters.remove(w.events);
            }
        }
        return child.tid;
    }

    private int wait4(int pid, int statusPtr, int options, int rusage) {
        if ((options & ~(WNOHANG | WUNTRACED | WCONTINUED | WNOTHREAD | WALL | WCLONE)) != 0) return -Errno.EINVAL;
        GuestThread self = p.currentThread();
        LinuxSystem sys = p.sys;
        Waiter w = null;
        try {
            for (;;) {
                synchronized (sys.lock) {
                    GuestProcess found = null;
                    boolean any = false;
                    // pid 0 and -pgid: every child is in our process group
                    for (GuestProcess c : p.children) {
                        if (pid > 0 && c.pid != pid) continue;
                        any = true;
                        if (c.zombie) { found = c; break; }
                    }
                    if (!any) return -Errno.ECHILD;
                    if (found != null) {
                        if (statusPtr != 0) p.view.put32(statusPtr, found.waitStatus());
                        if (rusage != 0) p.view.write(rusage, new byte[RUSAGE_SIZE]);
                        sys.reap(found);
                        return found.pid;
                    }
                    if ((options & WNOHANG) != 0) return 0;
                    if (w == null) { // a child's end wakes us through the notification (LinuxSystem.treeChanged)
                        w = Waiter.of(self);
                        sys.exitWaiters.add(w.events);
                    }
                }
                int r = w.block(GuestThread.NO_DEADLINE);
                if (r < 0) return r;
            }
        } finally {
            if (w != null) sys.exitWaiters.remove(w.events);
        }
    }

    private int execve(int pathPtr, int argvPtr, int envpPtr) {
        String path = p.view.path(pathPtr);
        List<String> argv = strings(argvPtr), envp = strings(envpPtr);
        // /proc/self/fd/N (glibc's fexecve) and /proc/PID/exe name the guest's files, not the JVM's
        ProcFs.Node node = new ProcFs(p).lookup(PathResolver.AT_FDCWD, path, true);
        Path host = node instanceof ProcFs.Link l && l.host() != null ? l.host()
                : node instanceof ProcFs.Host h ? h.path()
                : node != null ? null : p.paths.resolve(PathResolver.AT_FDCWD, path);
        if (host == null) return -Errno.EACCES;
        ExecLoader.Image img;
        try {
            img = p.sys.execLoader.load(path, host, argv, envp, p.paths.cwd());
        } catch (ExecLoader.Failure f) {
            return -f.errno;
        }
        GuestThread self = p.currentThread();
        p.sys.endOtherThreads(self);
        p.runExecHooks();
        p.signals.resetForExec();
        p.fds.closeOnExec();
        p.abi = img.abi();
        p.as = img.space();
        p.view = new GuestView(img.space().memory(), p.abi.order());
        p.futexes = new Futexes();
        p.paths.setExe(img.exePath());
        p.started = new ProcFs.Started(argv, envp, img.auxv());
        self.clearChildTid = 0;
        synchronized (p.sys.lock) {
            if (p.vforkPending) {
                p.vforkPending = false;
                p.sys.treeChanged();
            }
        }
        self.host.exec(img);
        return 0;
    }

    /** A NULL-terminated array of string pointers (argv, envp); NULL itself is an empty list. */
    private List<String> strings(int arrayPtr) {
        List<String> out = new ArrayList<>();
        if (arrayPtr == 0) return out;
        for (int i = 0; ; i++) {
            if (i >= MAX_ARGS) throw new SysErr(Errno.E2BIG);
            int s = p.view.u32(arrayPtr + 4 * i);
            if (s == 0) return out;
            String latin1 = p.as.memory().readCString(s, 1 << 17);
            out.add(new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
    }
}

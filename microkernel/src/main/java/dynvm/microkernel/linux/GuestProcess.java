package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

/**
 * The state shared by the syscall groups of one guest process: its address space, ABI facts,
 * configuration, descriptors, paths and exit status. One per personality; nothing static.
 */
final class GuestProcess {
    final AddressSpace as;
    final LinuxArch arch;
    final LinuxConfig cfg;
    final GuestView view;
    final FdTable fds = new FdTable();
    final PathResolver paths;
    int umask = 022;
    long nextSyntheticIno = 1000;
    /** Sets the calling thread's thread pointer register (set by the engine that owns the CPU). */
    java.util.function.IntConsumer threadPointer = tp -> { };
    /** Reads it. */
    java.util.function.IntSupplier threadPointerNow = () -> 0;

    private final java.util.List<Runnable> exitHooks = new java.util.ArrayList<>();
    private boolean exited;
    private int exitStatus, killedBy;

    GuestProcess(AddressSpace as, LinuxArch arch, LinuxConfig cfg) {
        this.as = as;
        this.arch = arch;
        this.cfg = cfg;
        this.view = new GuestView(as.memory(), arch.order);
        this.paths = new PathResolver(fds, cfg.cwd, cfg.exePath, cfg.pid, cfg.sysroot);
        fds.install(new StreamInput(cfg.stdin, cfg.isatty.test(0), cfg.uid, cfg.gid), 0, false);
        fds.install(new StreamOutput(cfg.stdout, cfg.isatty.test(1), cfg.uid, cfg.gid, 1), 1, false);
        fds.install(new StreamOutput(cfg.stderr, cfg.isatty.test(2), cfg.uid, cfg.gid, 2), 2, false);
    }

    /** Runs {@code hook} when the process ends, before its descriptors are closed. */
    void onExit(Runnable hook) { exitHooks.add(hook); }

    void exit(int status) {
        if (exited) return;
        exited = true;
        exitStatus = status & 0xff;
        for (Runnable h : exitHooks) h.run();
        fds.closeAll();
    }

    /** Terminated by a signal: the shell-style status 128+sig. */
    void kill(int sig) {
        if (exited) return;
        killedBy = sig;
        exit(128 + sig);
    }

    boolean exited() { return exited; }
    int exitStatus() { return exitStatus; }
    int killedBy() { return killedBy; }
}

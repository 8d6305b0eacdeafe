package dynvm.translator.gdb.user;

import dynvm.microkernel.mem.MemoryFault;
import dynvm.translator.gdb.debuggee.DebugEvents;
import dynvm.translator.vm.Breakpoints;
import dynvm.translator.vm.Debugger;
import dynvm.translator.vm.UserModeVm;

/**
 * The {@link Debugger} every thread of a debugged process carries: it names each
 * {@link UserModeVm} by its tid and passes the thread's reports on to the stub's
 * {@link DebugEvents}.
 */
final class UserModeDebugger implements Debugger {
    private final UserModeDebugTarget target;
    private final Breakpoints breakpoints;
    private final DebugEvents events;

    UserModeDebugger(UserModeDebugTarget target, Breakpoints breakpoints, DebugEvents events) {
        this.target = target;
        this.breakpoints = breakpoints;
        this.events = events;
    }

    @Override public Breakpoints breakpoints() { return breakpoints; }
    @Override public void threadStarted(UserModeVm vm) { events.threadStarted(target.thread(vm)); }
    @Override public void threadEnded(UserModeVm vm) { events.threadEnded(vm.thread().tid()); }
    @Override public boolean checkpoint(UserModeVm vm) { return events.checkpoint(vm.thread().tid()); }
    @Override public int signal(UserModeVm vm, int signal) { return events.signal(vm.thread().tid(), signal); }
    @Override public void processExited(int status) { events.targetExited(status); }

    @Override
    public void watchHit(UserModeVm vm, MemoryFault hit) {
        // events.watchpointHit recorded the stop; the next checkpoint completes the instruction
    }
}

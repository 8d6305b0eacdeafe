package dynvm.translator.gdb.user;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.GdbTarget;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.vm.Breakpoints;
import dynvm.translator.vm.UserModeVm;

/**
 * One guest thread under the debugger. A checkpoint request is the CPU's interrupt hint, which
 * makes the engine return between blocks. Memory is the thread's current address space
 * (execve replaces it); unmapped bytes are reported, never faulted.
 */
final class UserModeDebugThread implements DebugThread {
    private final UserModeVm vm;
    private final GdbTarget description;
    private final Breakpoints breakpoints;

    UserModeDebugThread(UserModeVm vm, GdbTarget description, Breakpoints breakpoints) {
        this.vm = vm;
        this.description = description;
        this.breakpoints = breakpoints;
    }

    @Override public int id() { return vm.thread().tid(); }
    @Override public long readRegister(int regnum) { return description.read(vm.cpu(), regnum); }
    @Override public void writeRegister(int regnum, long value) { description.write(vm.cpu(), regnum, value); }

    @Override
    public int readMemory(long address, byte[] into) {
        GuestMemory m = memory();
        int n = 0;
        try {
            for (; n < into.length; n++) into[n] = (byte) m.load8((int) address + n);
        } catch (MemoryFault f) {
            // stop at the first unreadable byte
        }
        return n;
    }

    @Override
    public boolean writeMemory(long address, byte[] data) {
        GuestMemory m = memory();
        int addr = (int) address, len = data.length;
        try {
            if (m.accessible(addr, len, true)) {
                m.write(addr, data, 0, len); // tells the engines if it overwrites translated code
            } else if (m.accessible(addr, len, false)) {
                m.poke(addr, data, 0, len); // read-only text, as ptrace may write it
                m.discardCode(addr, len);
            } else {
                return false;
            }
        } catch (MemoryFault f) {
            return false;
        }
        return true;
    }

    private GuestMemory memory() { return vm.addressSpace().memory(); }

    @Override public boolean atBreakpoint() { return breakpoints.contains(vm.cpu().pc); }
    @Override public void requestCheckpoint() { vm.cpu().interrupt = true; }
    @Override public void clearCheckpointRequest() { vm.cpu().interrupt = false; }
    @Override public boolean mustEnd() { return vm.thread().stopRequested(); }
    @Override public boolean inGuestCode() { return vm.inEngine(); }
}

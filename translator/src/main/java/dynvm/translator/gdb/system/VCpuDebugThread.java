package dynvm.translator.gdb.system;

import dynvm.microkernel.mmu.PhysicalBus;
import dynvm.spi.sys.SystemCpu;
import dynvm.translator.gdb.debuggee.DebugThread;
import dynvm.translator.system.VCpu;
import dynvm.translator.vm.Breakpoints;

/**
 * One vCPU under the debugger, gdb's thread {@code index + 1}. Memory is virtual, as the CPU
 * sees it now: each page is translated by the ISA's page-table walk (no abort, no TLB fill, any
 * MMU index that maps it) and only RAM and ROM are touched, never a device register.
 */
final class VCpuDebugThread implements DebugThread {
    private final VCpu vcpu;
    private final MachineRegisters registers;
    private final Breakpoints breakpoints;

    VCpuDebugThread(VCpu vcpu, MachineRegisters registers, Breakpoints breakpoints) {
        this.vcpu = vcpu;
        this.registers = registers;
        this.breakpoints = breakpoints;
    }

    @Override public int id() { return vcpu.debugId(); }
    @Override public long readRegister(int regnum) { return registers.read(vcpu.cpu(), vcpu.system(), regnum); }

    @Override
    public void writeRegister(int regnum, long value) {
        registers.write(vcpu.cpu(), vcpu.system(), regnum, value);
    }

    @Override
    public int readMemory(long address, byte[] into) {
        int n = 0;
        while (n < into.length) {
            long va = (address + n) & 0xffffffffL;
            long pa = vcpu.debugTranslate(va, SystemCpu.READ);
            if (pa < 0) pa = vcpu.debugTranslate(va, SystemCpu.FETCH);
            if (pa < 0) break;
            PhysicalBus.Backing b = vcpu.debugBacking(pa);
            if (b == null) break;
            int inPage = (int) Math.min(into.length - n, 0x1000 - (va & 0xfff));
            System.arraycopy(b.array(), b.offset() + (int) (pa & 0xfff), into, n, inPage);
            n += inPage;
        }
        return n;
    }

    @Override
    public boolean writeMemory(long address, byte[] data) {
        // check the whole range first: all or nothing
        int n = 0;
        while (n < data.length) {
            long va = (address + n) & 0xffffffffL;
            long pa = physical(va);
            if (pa < 0 || vcpu.debugBacking(pa) == null) return false;
            n += (int) Math.min(data.length - n, 0x1000 - (va & 0xfff));
        }
        n = 0;
        while (n < data.length) {
            long va = (address + n) & 0xffffffffL;
            long pa = physical(va);
            PhysicalBus.Backing b = vcpu.debugBacking(pa);
            int inPage = (int) Math.min(data.length - n, 0x1000 - (va & 0xfff));
            System.arraycopy(data, n, b.array(), b.offset() + (int) (pa & 0xfff), inPage); // read-only pages too, as ptrace may
            vcpu.discardCode(pa, inPage);
            n += inPage;
        }
        return true;
    }

    /** Where {@code va} is for a debugger's write: writable, else readable (code), else -1. */
    private long physical(long va) {
        long pa = vcpu.debugTranslate(va, SystemCpu.WRITE);
        if (pa < 0) pa = vcpu.debugTranslate(va, SystemCpu.READ);
        if (pa < 0) pa = vcpu.debugTranslate(va, SystemCpu.FETCH);
        return pa;
    }

    @Override public boolean atBreakpoint() { return breakpoints.contains(vcpu.cpu().pc); }
    @Override public void requestCheckpoint() { vcpu.requestCheckpoint(); }
    @Override public void clearCheckpointRequest() { vcpu.clearCheckpointRequest(); }
    @Override public boolean mustEnd() { return vcpu.machineStopping(); }
    @Override public boolean inGuestCode() { return vcpu.inEngine(); }

    @Override public String toString() { return "vCPU " + (vcpu.debugId() - 1); }
}

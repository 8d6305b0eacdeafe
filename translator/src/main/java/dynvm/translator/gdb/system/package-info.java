/**
 * System mode under the GDB stub, like qemu-system's {@code -s}/{@code -g}: a {@link
 * dynvm.translator.gdb.system.MachineDebugTarget} debugs a whole machine, one gdb thread per
 * vCPU, with the ISA's privileged registers and virtual memory through the MMU.
 */
package dynvm.translator.gdb.system;

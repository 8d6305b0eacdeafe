/**
 * What a VM implements to be debugged by the GDB stub: a {@link
 * dynvm.translator.gdb.debuggee.DebugTarget} (registers, breakpoints, watchpoints, the target
 * description, kill), its {@link dynvm.translator.gdb.debuggee.DebugThread}s (one per guest
 * thread or vCPU: registers, virtual memory, checkpoint requests), and the {@link
 * dynvm.translator.gdb.debuggee.DebugEvents} its threads report to. User mode's implementation is
 * {@code dynvm.translator.gdb.user}; system mode's is {@code dynvm.translator.gdb.system}.
 */
package dynvm.translator.gdb.debuggee;

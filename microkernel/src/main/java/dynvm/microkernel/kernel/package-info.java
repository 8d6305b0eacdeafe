/**
 * The microkernel proper: the few L4-style primitives every VM, device server and (later) the
 * Linux personality are built from. Pure Java, no ISA, no static state: a {@link
 * dynvm.microkernel.kernel.Kernel} is one VM's instance of all of them, and two Kernels in one
 * JVM share nothing.
 *
 * <h2>Why L4</h2>
 * A VMM needs from its kernel what an L4 kernel gives a user-level server: address spaces it can
 * fill and share page by page, threads it can schedule with guarantees, a way to hand a request
 * to another thread and get an answer, a way to learn that an interrupt happened, and time. The
 * seed paper ("L4-Based Real Virtual Machines", Biemüller and Dannowski) shows that a VM maps
 * onto exactly these: guest memory is an address space, a vCPU is a thread, a VM exit is an IPC
 * to the monitor, a virtual interrupt is a notification. So this package follows seL4's objects
 * (VSpace, TCB, endpoint, notification, IRQ handler) and Fiasco.OC's vCPU model, in Java.
 *
 * <h2>The primitives</h2>
 * <dl>
 * <dt>{@link dynvm.microkernel.kernel.Space} (address space)</dt>
 * <dd>Regions of RAM and ROM (byte arrays) and MMIO windows ({@link dynvm.microkernel.device.MmioDevice}),
 * found by binary search of an immutable snapshot, with no lock. It is the guest-physical
 * {@link dynvm.microkernel.mmu.PhysicalBus} of a VM: the soft MMU fills its TLB from
 * {@code backing()} and sends everything else through {@code read}/{@code write}. What happens
 * at a hole is a per-space {@link dynvm.microkernel.kernel.Unassigned} policy.
 * {@code map}/{@code grant}/{@code unmap} are L4's, with a {@link dynvm.microkernel.kernel.MappingDatabase}
 * (the derivation tree) making unmap recursive, and {@link dynvm.microkernel.kernel.Rights}
 * that only shrink along a mapping. Listeners hear of every change: that is where a soft MMU
 * flushes its TLB.</dd>
 *
 * <dt>{@link dynvm.microkernel.kernel.KThread} and {@link dynvm.microkernel.kernel.Scheduler}</dt>
 * <dd>A thread is a TCB: name, fixed priority, {@link dynvm.microkernel.kernel.Partition}, state.
 * The scheduler models one physical CPU: a {@link dynvm.microkernel.kernel.Schedule} of
 * ARINC-653 windows gives each partition its share of a major frame, and inside a window the
 * highest-priority ready thread runs, round-robin among equals. Every thread has its own host
 * thread, but only the dispatched one runs; the others are parked. Dispatch is cooperative:
 * the holder calls {@code yieldPoint} after each engine slice, and a thread that waits gives the
 * CPU away ({@code block}, or {@code blocking} around any host wait). Temporal isolation (a
 * spinning or crashed partition cannot take another's time) is tested, not assumed.</dd>
 *
 * <dt>{@link dynvm.microkernel.kernel.Endpoint} (synchronous IPC)</dt>
 * <dd>seL4's rendezvous: {@code send}, {@code receive}, {@code call} with a one-shot
 * {@link dynvm.microkernel.kernel.Reply}; copied {@link dynvm.microkernel.kernel.Message}s
 * (label, words, payload); every wait with a timeout; results OK, TIMEOUT, CLOSED, INTERRUPTED.</dd>
 *
 * <dt>{@link dynvm.microkernel.kernel.Notification}</dt>
 * <dd>seL4's word of bits: {@code signal} ORs and never blocks, {@code waitAny} takes and clears
 * them all. The asynchronous half of the kernel, used by interrupts and timers.</dd>
 *
 * <dt>{@link dynvm.microkernel.kernel.Clock}, {@link dynvm.microkernel.kernel.TimerService}</dt>
 * <dd>Guest time is {@link dynvm.microkernel.kernel.HostClock} (monotonic host time) or
 * {@link dynvm.microkernel.kernel.InstructionClock} (retired instructions {@code << shift}, as
 * qemu's {@code -icount}: deterministic). One-shot, re-settable {@link dynvm.microkernel.kernel.Timer}s
 * fire callbacks from one daemon thread per VM on host time, or on the vCPU that advances
 * instruction time past their deadline.</dd>
 * </dl>
 *
 * <h2>A vCPU</h2>
 * A vCPU is a {@code KThread} whose body is the engine loop: run a slice of translated code,
 * report the retired instructions ({@code Kernel.retired}), call {@code yieldPoint}, check the
 * interrupt lines, repeat. An exit the engine cannot handle itself (a device access on the slow
 * path, a hypercall) is a call into a device server: a direct method call today, an
 * {@code Endpoint.call} when the server runs in a thread of its own. WFI is
 * {@code self.blocking(() -> irqNotification.waitAny(timeout))}: the CPU goes to other threads
 * until an interrupt bit is signalled. On instruction time nothing would ever signal it (no
 * instruction retires while every vCPU sleeps), so there WFI calls {@code Kernel.skipToNextTimer}
 * and takes the bits the timer raised. Like a Fiasco.OC vCPU, the thread is the CPU; the
 * exceptions it takes are delivered by its ISA's system model, not by this package.
 *
 * <h2>How an interrupt travels</h2>
 * <pre>
 *   device server ──IrqLine.set(level)──▶ interrupt controller model (a device server too)
 *                                                │ its output line to the CPU
 *                                                ▼
 *                        IrqBinding(notification, bit): level, plus signal on a rising edge
 *                                                │
 *                  vCPU: polls level() between slices; in WFI, waitAny() wakes it
 * </pre>
 * A timer device arms a {@code Timer} whose callback raises its line; a UART's host input
 * thread raises its line. Lines are levels with seL4's ack protocol ({@code IrqBinding.ack}), so
 * a handler never loses an interrupt that arrived while it was busy. The interrupt controller's
 * priorities and masking belong to its device model, not to the kernel.
 *
 * <h2>The Linux personality as a client</h2>
 * User mode's personality ({@link dynvm.microkernel.linux}) uses these primitives for its time
 * and its waits: a run has one {@code TimerService} on the guests' CLOCK_MONOTONIC, and each
 * process's ITIMER_REAL is a {@code Timer} on it; each guest thread has a {@code Notification}
 * (a bit for "a signal is deliverable", one for "what you wait for changed", one for "stop") on
 * which every blocking system call sleeps with its own timeout, and whose signal bit is bound
 * ({@link dynvm.microkernel.kernel.Notification#bind}) to the engine's "leave translated code"
 * upcall. Its memory stays the flat {@code GuestMemory} window (user mode's memory strategy, by
 * design) rather than a {@code Space}, and its threads are host threads running in parallel
 * rather than {@code KThread}s under the one-CPU scheduler; the personality's package
 * documentation says why.
 */
package dynvm.microkernel.kernel;

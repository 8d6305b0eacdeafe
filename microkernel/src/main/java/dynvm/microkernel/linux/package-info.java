/**
 * The Linux personality: user mode's "kernel" ({@code ./dynvm run prog}), one client of the
 * microkernel's primitives ({@link dynvm.microkernel.kernel}), as DESIGN.md ("Microkernel and
 * VMM") asks. The ISA's front-end gives it data (syscall names, struct layouts, signal frames);
 * the engine of each guest thread calls {@link dynvm.microkernel.linux.LinuxPersonality#call} on
 * a system-call exit, a direct method call (the "direct call today" of the kernel's vCPU model:
 * user mode has no server thread to send an {@code Endpoint} message to).
 *
 * <h2>How the Linux objects map onto the kernel's</h2>
 * <table>
 * <caption>Linux object, its kernel object today, and what stays Linux-private</caption>
 * <tr><th>Linux</th><th>kernel primitive</th><th>private to the personality</th></tr>
 * <tr><td>a run ({@link dynvm.microkernel.linux.LinuxSystem}): the process table, pids, the
 *     end of the run</td>
 *     <td>a VM's clock and timers: the guests' CLOCK_MONOTONIC is a kernel
 *     {@link dynvm.microkernel.kernel.Clock} ({@code LinuxSystem.monotonic}) and the run has one
 *     {@link dynvm.microkernel.kernel.TimerService} on it, started by the first itimer, closed by
 *     {@code shutdown} (or the first process's {@code close})</td>
 *     <td>the process tree, reaping, reparenting (Linux semantics)</td></tr>
 * <tr><td>ITIMER_REAL, {@code alarm}</td>
 *     <td>one {@link dynvm.microkernel.kernel.Timer} per process on the run's service; its
 *     callback posts SIGALRM and sets the timer again for the next period; process exit cancels
 *     it</td>
 *     <td>the itimerval bookkeeping; ITIMER_VIRTUAL/PROF are accepted and read as off</td></tr>
 * <tr><td>a guest thread ({@link dynvm.microkernel.linux.GuestThread}) and its signal state
 *     ({@link dynvm.microkernel.linux.SignalThread})</td>
 *     <td>a {@link dynvm.microkernel.kernel.Notification}, the thread's only wait object, with
 *     three bits: {@code SignalThread.SIGNALS} (a signal is deliverable), {@code GuestThread.WAKE}
 *     (what the thread waits for changed) and {@code GuestThread.STOP} (exit_group, a fatal
 *     signal, execve in another thread, the end of the run). The engine's "leave translated code"
 *     flag ({@code cpu.interrupt}) is the upcall bound to SIGNALS ({@code Notification.bind}: seL4's
 *     bound notification, Fiasco.OC's vCPU upcall); between slices the engine polls
 *     {@code SignalThread.hint()}, as a vCPU polls its interrupt line's level</td>
 *     <td>the signal sets, actions, alternate stacks and the delivery decision
 *     ({@code SignalSyscalls.take}); laying out the frame is the ISA's</td></tr>
 * <tr><td>blocking calls: pipe read/write, futex wait, wait4, vfork, nanosleep and
 *     clock_nanosleep, pause, sigsuspend</td>
 *     <td>the caller checks its condition under its object's lock, queues its notification in a
 *     {@link dynvm.microkernel.linux.WaitQueue} (Linux's wait queue head), and sleeps on the
 *     notification with the call's own timeout ({@link dynvm.microkernel.linux.Waiter}): a wake,
 *     a signal or a stop ends the sleep at once, with no 50 ms slice</td>
 *     <td>the futex hash queues, the pipe ring, the ERESTARTSYS/ERESTARTNOHAND protocol</td></tr>
 * <tr><td>a process ({@code GuestProcess})</td>
 *     <td>conceptually a space plus threads: its threads are the guest threads above, each with
 *     its notification</td>
 *     <td>its memory (below), descriptors, paths, futex queues, rlimits</td></tr>
 * </table>
 *
 * <h2>What stays private, and why</h2>
 * <ul>
 * <li><b>Memory is not a kernel {@code Space}, by design.</b> DESIGN.md makes memory access a
 * strategy chosen per machine: user mode's is the flat window, a
 * {@link dynvm.microkernel.mem.GuestMemory} byte array that translated code indexes directly
 * (base plus offset, no TLB, no MMIO), with Linux's mapping bookkeeping ({@code mmap}, {@code brk},
 * {@code mprotect}) in an {@link dynvm.microkernel.mem.AddressSpace}. A kernel
 * {@link dynvm.microkernel.kernel.Space} is a guest-physical bus of RAM, ROM and MMIO regions
 * for system mode's soft MMU. So a process is "a space plus threads" in the sense that its
 * {@code AddressSpace} plays the space's part: fork copies the window, {@code CLONE_VM} shares it,
 * execve replaces it, MAP_SHARED file pages are {@code SharedFileMappings}, System V shared
 * memory is pages aliasing one array of the run ({@code GuestMemory.alias}: the processes attaching
 * it, and their forked children, share its bytes at once); it is not made of
 * {@code Space} regions and does not use the kernel's map/grant/unmap.</li>
 * <li><b>Guest threads are host threads, not {@link dynvm.microkernel.kernel.KThread}s.</b> The
 * kernel's {@link dynvm.microkernel.kernel.Scheduler} models one physical CPU with cooperative
 * dispatch and time partitions (system mode's isolation guarantee); user mode runs a process's
 * threads truly in parallel on the host's cores, and multithreaded guests (pthreads, spin locks)
 * are tested that way. A user-mode run is one VM with one partition, so there is nothing for
 * the partition scheduler to isolate; the thread's kernel object is its notification.</li>
 * <li><b>poll and select</b> keep a 20 ms re-check: regular files, devices and the host's
 * standard input before its pump starts ({@code InputStream.available}) have no event to wait
 * for. (As before, a pending signal does not end them either.)</li>
 * <li><b>Host-side waits</b> that are not a guest thread's system call (a runner waiting for its
 * process to end, execve's de_thread waiting for the other threads) wait on the system lock in
 * 50 ms slices; a host thread standing in for a guest thread it does not run (unit tests) waits
 * on that thread's notification in slices too, since another waiter may take its wake.</li>
 * <li><b>Host I/O</b> (a read of a host file, the host's standard input before its pump starts)
 * blocks in the host call itself and cannot be interrupted by a guest signal.</li>
 * <li><b>Other clocks</b>: CLOCK_REALTIME is host wall-clock time, the CPU-time clocks the JVM's
 * thread CPU time. User mode runs on host time by design; the kernel's
 * {@link dynvm.microkernel.kernel.InstructionClock} is system mode's.</li>
 * </ul>
 *
 * <p>No static mutable state: two runs in one JVM share nothing.
 */
package dynvm.microkernel.linux;

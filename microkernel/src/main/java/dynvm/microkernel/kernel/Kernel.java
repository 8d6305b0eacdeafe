package dynvm.microkernel.kernel;

import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One VM's microkernel: its clock, timers, scheduler and mapping database, and the spaces made
 * from it, created and closed as a unit. Nothing here is shared between two Kernels, which is
 * what lets two VMs live in one JVM without seeing each other: a space of one cannot be mapped
 * into a space of the other, their threads share no CPU model, their timers no thread.
 *
 * <p>Assembling a VM: make the Kernel, add the guest-physical space with its RAM, ROM and
 * device windows, hand that space (a {@link dynvm.microkernel.mmu.PhysicalBus}) to the soft MMU,
 * spawn one {@link KThread} per vCPU in the VM's partition, and give devices their timers and
 * {@link IrqLine}s. {@link #close} stops the threads and the timer thread.
 */
public final class Kernel implements AutoCloseable {
    private final String name;
    private final Clock clock;
    private final InstructionClock instructionClock;
    private final TimerService timers;
    private final Scheduler scheduler;
    private final MappingDatabase mappings = new MappingDatabase();
    private final List<Space> spaces = new CopyOnWriteArrayList<>();

    private Kernel(String name, Clock clock, InstructionClock instructionClock, TimerService timers, Schedule schedule) {
        this.name = name;
        this.clock = clock;
        this.instructionClock = instructionClock;
        this.timers = timers;
        // Windows are host time even when guest time is instructions: isolation is about the real CPU.
        this.scheduler = new Scheduler(name, clock instanceof HostClock ? clock : new HostClock(), schedule);
    }

    /** A VM whose guest time is host time. */
    public static Kernel onHostTime(String name, Schedule schedule) {
        HostClock clock = new HostClock();
        return new Kernel(name, clock, null, TimerService.onHostClock(name, clock), schedule);
    }

    /** A deterministic VM: guest time is retired instructions {@code << shift} ns (qemu's -icount). */
    public static Kernel onInstructionCount(String name, int shift, Schedule schedule) {
        InstructionClock clock = new InstructionClock(shift);
        return new Kernel(name, clock, clock, TimerService.onInstructionClock(clock), schedule);
    }

    public String name() { return name; }
    /** Guest time. */
    public Clock clock() { return clock; }
    public TimerService timers() { return timers; }
    public Scheduler scheduler() { return scheduler; }
    public MappingDatabase mappings() { return mappings; }

    /** True when guest time counts instructions. */
    public boolean isDeterministic() { return instructionClock != null; }

    /**
     * A vCPU retired {@code instructions} since its last report: advances instruction time (and
     * fires due timers on this thread); does nothing on host time. Call it after each engine slice.
     */
    public void retired(long instructions) {
        if (instructionClock != null) instructionClock.advance(instructions);
    }

    /**
     * The vCPUs are all idle (WFI with nothing pending): on instruction time, jump to the next
     * timer deadline and fire it (see {@link InstructionClock#skipToNextDeadline}); returns false
     * if there is none, or on host time, where waiting is the way to let time pass.
     */
    public boolean skipToNextTimer() {
        return instructionClock != null && instructionClock.skipToNextDeadline();
    }

    /** A new empty space of this VM (little-endian slow path). */
    public Space newSpace(String spaceName, Unassigned unassigned) {
        return newSpace(spaceName, unassigned, ByteOrder.LITTLE_ENDIAN);
    }

    public Space newSpace(String spaceName, Unassigned unassigned, ByteOrder order) {
        Space s = mappings.newSpace(spaceName, unassigned, order);
        spaces.add(s);
        return s;
    }

    /** The spaces made through this Kernel, in creation order. */
    public List<Space> spaces() { return List.copyOf(spaces); }

    /** Stops every thread and the timers. Returns after the host threads ended (see {@link Scheduler#shutdown}). */
    @Override
    public void close() {
        scheduler.shutdown();
        timers.close();
    }

    @Override public String toString() { return "Kernel[" + name + "]"; }
}

package dynvm.microkernel.device;

import dynvm.microkernel.mmu.PhysicalBus;

/**
 * A device whose window is, at times, plain memory the soft MMU may read directly (a flash bank
 * in read-array mode): firmware then runs from it at memory speed, and a loader can place data
 * in it (QEMU puts the device tree in flash bank 0 for an ELF kernel linked at RAM's start).
 */
public interface DirectlyMapped {
    /** The page at {@code offset} in the window as memory, or null while the device is not memory. */
    PhysicalBus.Backing backing(int offset);
}

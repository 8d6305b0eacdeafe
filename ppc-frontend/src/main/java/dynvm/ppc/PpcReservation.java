package dynvm.ppc;

import dynvm.spi.CpuState;

/**
 * The store half of lwarx / stwcx.: a conditional store cannot be spelled in straight-line IR
 * without writing memory on the failure path, so it is a helper. The reservation itself lives in
 * the RESV_ADDR / RESV_VAL registers and is checked in IR.
 */
public final class PpcReservation {
    private PpcReservation() { }

    /** Stores {@code value} at {@code ea} only when the reservation matched. */
    public static void storeIf(CpuState cpu, boolean reserved, int ea, int value) {
        if (reserved) cpu.mem.store32(ea, value);
    }
}

package dynvm.arm.neon;

import dynvm.arm.ArmRegs;
import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** IR access to the D registers (I64 each; Qn is D2n:D2n+1) and calls of the lane helpers by name. */
final class NeonIr {
    private NeonIr() { }

    static int readD(IrEmitter e, int d) { return e.get(ArmRegs.D[d]); }

    static void writeD(IrEmitter e, int d, int v) { e.set(ArmRegs.D[d], v); }

    private static final Map<String, Helper> HELPERS = new ConcurrentHashMap<>();

    /** Calls the pure {@link NeonLanes} helper {@code name}. */
    static int lanes(IrEmitter e, String name, int... args) {
        return e.call(HELPERS.computeIfAbsent("L" + name, n -> Helper.of(NeonLanes.class, name)), args);
    }

    /** Calls the {@link NeonSat} helper {@code name} (it may set FPSCR.QC). */
    static int sat(IrEmitter e, String name, int... args) {
        return e.call(HELPERS.computeIfAbsent("S" + name, n -> Helper.of(NeonSat.class, name)), args);
    }

    static int not64(IrEmitter e, int v) { return e.xor64(v, e.const64(-1L)); }
}

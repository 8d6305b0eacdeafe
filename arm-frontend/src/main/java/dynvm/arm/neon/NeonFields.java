package dynvm.arm.neon;

/** Advanced SIMD register fields (ARM ARM A7.3): D:Vd, N:Vn, M:Vm, Q, size, U. */
final class NeonFields {
    private NeonFields() { }

    static int d(int w) { return w >>> 18 & 0x10 | w >>> 12 & 15; }
    static int n(int w) { return w >>> 3 & 0x10 | w >>> 16 & 15; }
    static int m(int w) { return w >>> 1 & 0x10 | w & 15; }
    static boolean q(int w) { return (w >>> 6 & 1) != 0; }
    /** D registers an operand spans: 2 for a Q register, else 1. */
    static int regs(int w) { return q(w) ? 2 : 1; }
    static int size(int w) { return w >>> 20 & 3; }
    static boolean u(int w) { return (w >>> 24 & 1) != 0; }
    static int rt(int w) { return w >>> 12 & 15; }
    static int rn(int w) { return w >>> 16 & 15; }
    static int rm(int w) { return w & 15; }

    /** A Q operand must name an even D register (else UNDEFINED). */
    static boolean qOk(int w, int... regs) {
        if (!q(w)) return true;
        for (int r : regs) if ((r & 1) != 0) return false;
        return true;
    }
}

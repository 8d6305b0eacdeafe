package dynvm.arm.sys;

/**
 * The debug coprocessor as far as this model goes (ARM ARM C6): the ID registers a kernel reads
 * to find the debug architecture (DBGDIDR, DBGDRAR, DBGDSAR, all readable from PL0 as on the
 * A15) read their QEMU values; every other debug register, and every write, is UNDEFINED: there
 * are no hardware breakpoints or watchpoints.
 */
final class Cp14 {
    private Cp14() { }

    static int read(int opc1, int crn, int crm, int opc2, boolean pl1) {
        if (opc1 == 0 && crm == 0 && opc2 == 0) {
            switch (crn) {
                case 0: return CortexA15.DBGDIDR;
                case 1, 2: return 0;   // DBGDRAR, DBGDSAR: no memory-mapped debug
                default:
            }
        }
        throw new Undefined(String.format("debug register p14, %d, c%d, c%d, %d", opc1, crn, crm, opc2));
    }

    static void write(int opc1, int crn, int crm, int opc2, boolean pl1) {
        throw new Undefined(String.format("debug register write p14, %d, c%d, c%d, %d", opc1, crn, crm, opc2));
    }
}

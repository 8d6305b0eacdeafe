package dynvm.ppc;

import java.util.List;

/** Floating-point facility (Power ISA Book I, chapter 4): lowering of the classic FPU. */
public final class FloatingPoint {
    private FloatingPoint() { }

    public static List<PpcRow> rows() { return List.of(); }
}

package dynvm.translator.passes;

import dynvm.ir.Block;

/** The pass pipeline run on every block before code generation; each pass is one class. */
public final class Passes {
    private Passes() { }

    /** Set by tests (-Ddynvm.verifyIr=true) to verify the IR before and after the passes. */
    private static final boolean VERIFY = Boolean.getBoolean("dynvm.verifyIr");

    public static Block optimize(Block b) {
        if (VERIFY) Verifier.apply(b);
        Block out = DeadCodeElimination.apply(DeadRegisterWrites.apply(b));
        if (VERIFY) Verifier.apply(out);
        return out;
    }
}

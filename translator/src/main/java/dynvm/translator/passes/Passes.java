package dynvm.translator.passes;

import dynvm.ir.Block;

/** The pass pipeline run on every block before code generation. */
public final class Passes {
    private Passes() { }

    public static Block optimize(Block b) {
        return b;
    }
}

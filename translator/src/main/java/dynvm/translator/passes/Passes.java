package dynvm.translator.passes;

import dynvm.ir.Block;

/**
 * The pass pipeline run on every block before code generation; each pass is one class. One
 * instance per engine: whether the IR is verified is that engine's setting (its VM's
 * {@code EngineConfig#verifyIr}, {@code -Ddynvm.verifyIr=true} in the tests), not the JVM's.
 */
public final class Passes {
    private final boolean verify;

    /** @param verify verify the IR before and after the passes */
    public Passes(boolean verify) { this.verify = verify; }

    /** Does {@link #optimize} verify the IR? */
    public boolean verifies() { return verify; }

    public Block optimize(Block b) {
        if (verify) Verifier.apply(b);
        Block out = DeadCodeElimination.apply(DeadRegisterWrites.apply(b));
        if (verify) Verifier.apply(out);
        return out;
    }
}

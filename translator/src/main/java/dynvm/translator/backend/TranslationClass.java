package dynvm.translator.backend;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * A defined translation class ({@link BytecodeBackend#defineClass}): compiled guest code that
 * embeds no guest state. Each instance gets the memory of its own process and its own
 * {@link Translation} fields (validity, successor links, inline cache), so one class can back the
 * translations of several engines (forked processes, threads) that run the same code, and the
 * JVM compiles its {@code run} method once for all of them. Immutable and thread-safe.
 */
public final class TranslationClass {
    private final MethodHandle constructor;

    TranslationClass(MethodHandle constructor) { this.constructor = constructor; }

    /**
     * A new translation of {@code blocks} (the entry first: the blocks the class was generated
     * from) reaching guest memory through {@code mem}; it covers the code ranges of all of them.
     */
    public Translation instantiate(List<Block> blocks, Object mem) {
        Block b = blocks.get(0);
        int[] ranges = new int[2 * blocks.size()];
        for (int i = 0; i < blocks.size(); i++) { ranges[2 * i] = blocks.get(i).pc(); ranges[2 * i + 1] = blocks.get(i).endPc(); }
        try {
            return (Translation) constructor.invoke(b.pc(), b.context(), b.endPc(), b.guestInsns(), b.terminal(), ranges, mem);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("cannot instantiate translation of block at 0x" + Integer.toHexString(b.pc()), e);
        }
    }
}

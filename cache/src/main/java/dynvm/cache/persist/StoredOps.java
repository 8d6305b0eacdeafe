package dynvm.cache.persist;

import dynvm.ir.Helper;
import dynvm.ir.Insn;
import java.nio.ByteBuffer;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The ops of a block read from the persistent cache ({@link BlockCodec#decodeOps}), kept in their
 * stored form and decoded into {@link Insn}s when first read. Tier 0 builds its nodes from the
 * ops' columns ({@link OpArrays}) and never reads these, so most blocks of a run (the ones that
 * never get hot) hold a slice of the mapped file instead of an object per op; the few that are
 * compiled, grouped into regions or fault decode theirs once. Immutable in what it shows: the
 * decoded array is published through a volatile field, and two threads decoding at once make
 * equal arrays.
 */
final class StoredOps extends AbstractList<Insn> implements RandomAccess {
    private final ByteBuffer form;
    private final int opsAt, size;
    private final Helper[] helpers;
    private volatile Insn[] ops;

    StoredOps(ByteBuffer form, int opsAt, int size, Helper[] helpers) {
        this.form = form;
        this.opsAt = opsAt;
        this.size = size;
        this.helpers = helpers;
    }

    private Insn[] ops() {
        Insn[] o = ops;
        if (o == null) ops = o = BlockCodec.ops(form, opsAt, size, helpers);
        return o;
    }

    @Override public Insn get(int i) { return ops()[i]; }

    @Override public int size() { return size; }

    /** Decodes the ops into {@code into} (cleared first), without making or keeping objects. */
    void decodeInto(OpArrays into) { BlockCodec.ops(form, opsAt, size, helpers, into); }

    /** Whether the ops were decoded into objects (tests). */
    boolean decoded() { return ops != null; }
}

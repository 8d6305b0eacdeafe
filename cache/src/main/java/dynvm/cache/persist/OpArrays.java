package dynvm.cache.persist;

import dynvm.ir.Insn;
import dynvm.ir.Op;
import java.util.Arrays;
import java.util.List;

/**
 * A block's ops in columns (op, dst, sources, imm, aux), filled again for each block: the form
 * tier 0 builds its nodes from ({@code NodeCompiler}) without one {@link Insn} object (and its
 * source array) per op. A stored block is decoded straight into it ({@link BlockCodec#decodeOps});
 * a freshly decoded block is copied in ({@link #fill}). Owned by one thread; nothing in it
 * outlives the next fill.
 */
public final class OpArrays {
    /** Number of ops. */
    public int n;
    public Op[] op = new Op[64];
    public int[] dst = new int[64];
    public long[] imm = new long[64];
    public Object[] aux = new Object[64];
    /** Op i's sources are {@code src[srcAt[i] .. srcAt[i + 1])}. */
    public int[] srcAt = new int[65];
    public int[] src = new int[128];
    /** Scratch for the stored form being decoded (a bulk copy out of the mapped file). */
    byte[] bytes = new byte[1024];

    /** Forgets the ops; the arrays are kept for the next block. */
    public void clear() {
        Arrays.fill(aux, 0, n, null); // (no helper kept alive by a stale column)
        n = 0;
    }

    /** Room for {@code ops} more ops with {@code sources} sources in all. */
    void ensure(int ops, int sources) {
        int want = n + ops;
        if (want > op.length) {
            int cap = Math.max(want, op.length * 2);
            op = Arrays.copyOf(op, cap);
            dst = Arrays.copyOf(dst, cap);
            imm = Arrays.copyOf(imm, cap);
            aux = Arrays.copyOf(aux, cap);
            srcAt = Arrays.copyOf(srcAt, cap + 1);
        }
        int used = srcAt[n];
        if (used + sources > src.length) src = Arrays.copyOf(src, Math.max(used + sources, src.length * 2));
    }

    /** Appends one op whose {@code nsrc} sources the caller writes at {@code src[srcAt[i]..]} ({@code i}: the returned index). */
    int add(Op o, int d, int nsrc, long k, Object x) {
        ensure(1, nsrc);
        int i = n++;
        op[i] = o;
        dst[i] = d;
        imm[i] = k;
        aux[i] = x;
        srcAt[i + 1] = srcAt[i] + nsrc;
        return i;
    }

    /** Replaces the content with {@code ops} (a block's ops in stored form are decoded from it, not made into objects). */
    public void fill(List<Insn> ops) {
        if (ops instanceof StoredOps s && !s.decoded()) {
            s.decodeInto(this);
            return;
        }
        clear();
        srcAt[0] = 0;
        for (int k = 0, size = ops.size(); k < size; k++) {
            Insn in = ops.get(k);
            int i = add(in.op, in.dst, in.src.length, in.imm, in.aux);
            System.arraycopy(in.src, 0, src, srcAt[i], in.src.length);
        }
    }

    /** Number of sources of op {@code i}. */
    public int nsrc(int i) { return srcAt[i + 1] - srcAt[i]; }

    /** Source {@code k} of op {@code i}. */
    public int src(int i, int k) { return src[srcAt[i] + k]; }

    /** Op {@code i}'s sources as a new array. */
    public int[] sources(int i) { return Arrays.copyOfRange(src, srcAt[i], srcAt[i + 1]); }

    /** Op {@code i} as an {@link Insn}. */
    public Insn insn(int i) { return new Insn(op[i], dst[i], sources(i), imm[i], aux[i]); }
}

package dynvm.cache.persist;

import dynvm.ir.Block;
import dynvm.ir.GuestException;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of an optimised IR {@link Block}: everything the engines read of it,
 * so a stored block needs neither the decoder nor the passes.
 *
 * <pre>
 *   pc ctx endPc guestInsns                      varints (zig-zag)
 *   ntemps, then one byte per temp                Type ordinal + 1 (0: no type)
 *   nhelpers, then each "class#method"             length-prefixed UTF-8
 *   nops, then per op:
 *     op ordinal (byte), dst + 1, nsrc, src...    varints
 *     imm                                          zig-zag varlong
 *     helper index + 1 (0: no aux)                 varint
 *   terminal kind (byte) and its fields            see {@link #writeTerminal}
 * </pre>
 *
 * Enum ordinals are safe because a store file is keyed by dynvm's build (an {@link Op} added or
 * moved makes a new build, so a new file); helpers are named, resolved through a
 * {@link HelperResolver}. A block whose aux is not a {@link Helper} cannot be stored
 * ({@link #encode} throws {@link IllegalArgumentException}). Malformed input makes {@link #decode}
 * throw {@link IllegalArgumentException} (or a {@link RuntimeException} from the buffer), never
 * return a wrong block silently: callers check the record's CRC first.
 */
public final class BlockCodec {
    private static final int T_JUMP = 1, T_BRANCH = 2, T_INDIRECT = 3, T_SERVICE = 4, T_TRAP = 5;
    private static final Op[] OPS = Op.values();
    private static final Type[] TYPES = Type.values();
    private static final GuestException[] EXCEPTIONS = GuestException.values();

    private BlockCodec() { }

    /** Appends {@code b} to {@code out}. */
    public static void encode(Block b, Out out) {
        out.varint(b.pc()).varint(b.context()).varint(b.endPc()).varint(b.guestInsns());
        Type[] temps = b.temps();
        out.varint(temps.length);
        for (Type t : temps) out.u8(t == null ? 0 : t.ordinal() + 1);
        Map<Helper, Integer> helpers = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (Insn in : b.ops()) {
            if (in.aux == null) continue;
            if (!(in.aux instanceof Helper h)) throw new IllegalArgumentException("aux of " + in.op + " is not a helper: " + in.aux);
            if (helpers.putIfAbsent(h, names.size()) == null) names.add(HelperResolver.nameOf(h));
        }
        out.varint(names.size());
        for (String n : names) out.string(n);
        out.varint(b.ops().size());
        for (Insn in : b.ops()) {
            out.u8(in.op.ordinal()).varint(in.dst + 1).varint(in.src.length);
            for (int s : in.src) out.varint(s);
            out.varlong(in.imm).varint(in.aux == null ? 0 : helpers.get((Helper) in.aux) + 1);
        }
        writeTerminal(b.terminal(), out);
    }

    /**
     * A block read from {@code in} (from its position, which moves past it), helpers found through
     * {@code helpers}: every op decoded into its {@link Insn}.
     */
    public static Block decode(ByteBuffer in, HelperResolver helpers) {
        byte[] bytes = new byte[in.remaining()];
        in.get(in.position(), bytes);
        Reader r = new Reader(bytes);
        Header h = header(r, helpers);
        Insn[] ops = readOps(r, h.nops, h.helpers);
        Terminal t = readTerminal(r);
        in.position(in.position() + r.p);
        return new Block(h.pc, h.ctx, List.of(ops), h.temps, t, h.guestInsns, h.endPc);
    }

    /**
     * The block stored in {@code form} (a whole record's block part, positioned at its start; kept,
     * not copied, so it must not change) with its ops decoded into {@code into} (cleared first),
     * for tier 0 to build its nodes from. The block's own {@link Block#ops} are {@link StoredOps}:
     * decoded again from {@code form} when first read, so a block that only ever runs in tier 0
     * never holds an {@link Insn}.
     */
    public static Block decodeOps(ByteBuffer form, HelperResolver helpers, OpArrays into) {
        int len = form.remaining();
        if (into.bytes.length < len) into.bytes = new byte[Math.max(len, 2 * into.bytes.length)];
        form.get(form.position(), into.bytes, 0, len);
        Reader r = new Reader(into.bytes, len);
        Header h = header(r, helpers);
        int opsAt = r.p;
        readOps(r, h.nops, h.helpers, into);
        Terminal t = readTerminal(r);
        ByteBuffer kept = form.slice(form.position(), r.p);
        if (!kept.isReadOnly()) kept = kept.asReadOnlyBuffer(); // (a mapped file's slice is already)
        return new Block(h.pc, h.ctx, new StoredOps(kept, opsAt, h.nops, h.helpers), h.temps, t, h.guestInsns, h.endPc);
    }

    /** Reads {@code nops} ops from {@code r} into {@code into} (cleared first). */
    private static void readOps(Reader r, int nops, Helper[] hs, OpArrays into) {
        into.clear();
        into.ensure(nops, 0);
        Op[] ops = into.op;
        int[] dst = into.dst, srcAt = into.srcAt;
        long[] imm = into.imm;
        Object[] aux = into.aux;
        int at = 0;
        for (int i = 0; i < nops; i++) {
            ops[i] = OPS[r.u8()];
            dst[i] = r.varint() - 1;
            int nsrc = r.count();
            if (at + nsrc > into.src.length) into.src = java.util.Arrays.copyOf(into.src, Math.max(at + nsrc, 2 * into.src.length));
            int[] src = into.src;
            for (int k = 0; k < nsrc; k++) src[at + k] = r.varint();
            srcAt[i + 1] = at += nsrc;
            imm[i] = r.varlong();
            int x = r.varint();
            aux[i] = x == 0 ? null : hs[x - 1];
            into.n = i + 1; // (a bad record throws part-way: what was read is cleared with the rest)
        }
    }

    /** The ops of {@code form} (as {@link #decodeOps} kept it), from byte {@code opsAt}, into {@code into}. */
    static void ops(ByteBuffer form, int opsAt, int nops, Helper[] helpers, OpArrays into) {
        int len = form.remaining();
        if (into.bytes.length < len) into.bytes = new byte[Math.max(len, 2 * into.bytes.length)];
        form.get(form.position(), into.bytes, 0, len);
        Reader r = new Reader(into.bytes, len);
        r.p = opsAt;
        readOps(r, nops, helpers, into);
    }

    /**
     * {@code b} with its ops kept in {@code rec[at, at + len)}, {@code b}'s own stored form (as
     * {@link #encode} made it; the array must not change): a {@link StoredOps} over it, the other
     * parts {@code b}'s. Only the form's header is read (for where its ops start and their helpers).
     */
    public static Block storedForm(Block b, byte[] rec, int at, int len, HelperResolver helpers) {
        Reader r = new Reader(rec, at + len);
        r.p = at;
        Header h = header(r, helpers);
        if (h.nops != b.ops().size() || h.pc != b.pc() || h.ctx != b.context()) throw new IllegalArgumentException("not the block's form");
        ByteBuffer kept = ByteBuffer.wrap(rec, at, len).slice().asReadOnlyBuffer();
        return new Block(b.pc(), b.context(), new StoredOps(kept, r.p - at, h.nops, h.helpers), b.temps(), b.terminal(),
                b.guestInsns(), b.endPc());
    }

    /** What precedes the ops. */
    private record Header(int pc, int ctx, int endPc, int guestInsns, Type[] temps, Helper[] helpers, int nops) { }

    private static final Helper[] NO_HELPERS = {};

    private static Header header(Reader in, HelperResolver helpers) {
        int pc = in.varint(), ctx = in.varint(), endPc = in.varint(), guestInsns = in.varint();
        Type[] temps = new Type[in.count()];
        for (int i = 0; i < temps.length; i++) {
            int t = in.u8();
            temps[i] = t == 0 ? null : TYPES[t - 1];
        }
        int nh = in.count();
        Helper[] hs = nh == 0 ? NO_HELPERS : new Helper[nh];
        for (int i = 0; i < nh; i++) hs[i] = helpers.resolve(in.string());
        return new Header(pc, ctx, endPc, guestInsns, temps, hs, in.count());
    }

    /** The ops of {@code form} (as {@link #decodeOps} kept it), from byte {@code opsAt}. */
    static Insn[] ops(ByteBuffer form, int opsAt, int nops, Helper[] helpers) {
        byte[] bytes = new byte[form.remaining()];
        form.get(form.position(), bytes);
        Reader r = new Reader(bytes);
        r.p = opsAt;
        return readOps(r, nops, helpers);
    }

    /** {@code nops} ops as objects, read from {@code r}'s position. */
    private static Insn[] readOps(Reader r, int nops, Helper[] helpers) {
        Insn[] ops = new Insn[nops];
        for (int i = 0; i < nops; i++) {
            Op op = OPS[r.u8()];
            int dst = r.varint() - 1;
            int[] src = new int[r.count()];
            for (int k = 0; k < src.length; k++) src[k] = r.varint();
            long imm = r.varlong();
            int aux = r.varint();
            ops[i] = new Insn(op, dst, src, imm, aux == 0 ? null : helpers[aux - 1]);
        }
        return ops;
    }

    /** The block's serialised form on its own. */
    public static byte[] encode(Block b) {
        Out o = new Out();
        encode(b, o);
        return o.toByteArray();
    }

    private static void writeTerminal(Terminal t, Out out) {
        if (t instanceof Terminal.Jump j) out.u8(T_JUMP).varint(j.target());
        else if (t instanceof Terminal.Branch br) out.u8(T_BRANCH).varint(br.cond()).varint(br.taken()).varint(br.notTaken());
        else if (t instanceof Terminal.IndirectJump ij) out.u8(T_INDIRECT).varint(ij.target());
        else if (t instanceof Terminal.ServiceCall sc) {
            out.u8(T_SERVICE).varint(sc.service()).varint(sc.nextPc()).varint(sc.args().length);
            for (int a : sc.args()) out.varint(a);
        } else if (t instanceof Terminal.Trap tr) {
            out.u8(T_TRAP).u8(tr.kind().ordinal()).varint(tr.pc()).u8(tr.reason() == null ? 0 : 1);
            if (tr.reason() != null) out.string(tr.reason());
        } else {
            throw new IllegalArgumentException("terminal " + t);
        }
    }

    private static Terminal readTerminal(Reader in) {
        int kind = in.u8();
        switch (kind) {
            case T_JUMP: return new Terminal.Jump(in.varint());
            case T_BRANCH: return new Terminal.Branch(in.varint(), in.varint(), in.varint());
            case T_INDIRECT: return new Terminal.IndirectJump(in.varint());
            case T_SERVICE: {
                int service = in.varint(), next = in.varint();
                int[] args = new int[in.count()];
                for (int i = 0; i < args.length; i++) args[i] = in.varint();
                return new Terminal.ServiceCall(service, next, args);
            }
            case T_TRAP: {
                GuestException k = EXCEPTIONS[in.u8()];
                int pc = in.varint();
                String reason = in.u8() == 0 ? null : in.string();
                return new Terminal.Trap(k, pc, reason);
            }
            default: throw new IllegalArgumentException("bad terminal kind " + kind);
        }
    }

    // ---- variable-length numbers (zig-zag, 7 bits a byte)

    /**
     * Reads a stored form out of a heap array: a direct buffer's per-byte reads (bounds and
     * session checks each) cost more than the bulk copy into one. Running off the end throws
     * {@link ArrayIndexOutOfBoundsException}, as a buffer would throw its own exception.
     */
    private static final class Reader {
        final byte[] b;
        final int limit;
        int p;

        Reader(byte[] b) { this(b, b.length); }

        Reader(byte[] b, int limit) {
            this.b = b;
            this.limit = limit;
        }

        int u8() {
            if (p >= limit) throw new ArrayIndexOutOfBoundsException("past the record's end");
            return b[p++] & 0xff;
        }

        int count() {
            int n = varint();
            if (n < 0 || n > limit - p + 1) throw new IllegalArgumentException("bad count " + n);
            return n;
        }

        int varint() {
            if (p < limit) { // most numbers fit one byte
                int x = b[p];
                if (x >= 0) {
                    p++;
                    return (x >>> 1) ^ -(x & 1);
                }
            }
            return (int) varlong();
        }

        long varlong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 63) throw new IllegalArgumentException("varint too long");
                int x = u8();
                v |= (long) (x & 0x7f) << shift;
                if (x < 0x80) break;
            }
            return (v >>> 1) ^ -(v & 1);
        }

        String string() {
            int n = count();
            if (n > limit - p) throw new ArrayIndexOutOfBoundsException("past the record's end");
            String s = new String(b, p, n, StandardCharsets.UTF_8);
            p += n;
            return s;
        }
    }

    /** A growable byte sink with the codec's number forms. */
    public static final class Out {
        private byte[] buf = new byte[256];
        private int n;

        public Out u8(int v) {
            if (n == buf.length) buf = Arrays.copyOf(buf, n * 2);
            buf[n++] = (byte) v;
            return this;
        }

        public Out varint(int v) { return varlong(v); }

        public Out varlong(long v) {
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7fL) != 0) {
                u8((int) (z & 0x7f) | 0x80);
                z >>>= 7;
            }
            return u8((int) z);
        }

        public Out bytes(byte[] b) {
            if (n + b.length > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + b.length));
            System.arraycopy(b, 0, buf, n, b.length);
            n += b.length;
            return this;
        }

        public Out string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            return bytes(b);
        }

        public int size() { return n; }

        public byte[] toByteArray() { return Arrays.copyOf(buf, n); }
    }
}

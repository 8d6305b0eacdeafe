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

    /** A block read from {@code in} (from its position), helpers found through {@code helpers}. */
    public static Block decode(ByteBuffer in, HelperResolver helpers) {
        int pc = varint(in), ctx = varint(in), endPc = varint(in), guestInsns = varint(in);
        Type[] temps = new Type[count(in)];
        for (int i = 0; i < temps.length; i++) {
            int t = in.get() & 0xff;
            temps[i] = t == 0 ? null : TYPES[t - 1];
        }
        Helper[] hs = new Helper[count(in)];
        for (int i = 0; i < hs.length; i++) {
            String n = string(in);
            int hash = n.indexOf('#');
            if (hash < 0) throw new IllegalArgumentException("bad helper name " + n);
            hs[i] = helpers.resolve(n.substring(0, hash), n.substring(hash + 1));
        }
        int nops = count(in);
        List<Insn> ops = new ArrayList<>(nops);
        for (int i = 0; i < nops; i++) {
            Op op = OPS[in.get() & 0xff];
            int dst = varint(in) - 1;
            int[] src = new int[count(in)];
            for (int k = 0; k < src.length; k++) src[k] = varint(in);
            long imm = varlong(in);
            int aux = varint(in);
            ops.add(new Insn(op, dst, src, imm, aux == 0 ? null : hs[aux - 1]));
        }
        return new Block(pc, ctx, List.copyOf(ops), temps, readTerminal(in), guestInsns, endPc);
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

    private static Terminal readTerminal(ByteBuffer in) {
        int kind = in.get() & 0xff;
        switch (kind) {
            case T_JUMP: return new Terminal.Jump(varint(in));
            case T_BRANCH: return new Terminal.Branch(varint(in), varint(in), varint(in));
            case T_INDIRECT: return new Terminal.IndirectJump(varint(in));
            case T_SERVICE: {
                int service = varint(in), next = varint(in);
                int[] args = new int[count(in)];
                for (int i = 0; i < args.length; i++) args[i] = varint(in);
                return new Terminal.ServiceCall(service, next, args);
            }
            case T_TRAP: {
                GuestException k = EXCEPTIONS[in.get() & 0xff];
                int pc = varint(in);
                String reason = in.get() == 0 ? null : string(in);
                return new Terminal.Trap(k, pc, reason);
            }
            default: throw new IllegalArgumentException("bad terminal kind " + kind);
        }
    }

    // ---- variable-length numbers (zig-zag, 7 bits a byte)

    private static int count(ByteBuffer in) {
        int n = varint(in);
        if (n < 0 || n > in.remaining() + 1) throw new IllegalArgumentException("bad count " + n);
        return n;
    }

    static int varint(ByteBuffer in) { return (int) varlong(in); }

    static long varlong(ByteBuffer in) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 63) throw new IllegalArgumentException("varint too long");
            int b = in.get();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) break;
        }
        return (v >>> 1) ^ -(v & 1);
    }

    static String string(ByteBuffer in) {
        byte[] s = new byte[count(in)];
        in.get(s);
        return new String(s, StandardCharsets.UTF_8);
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

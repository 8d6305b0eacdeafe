package dynvm.ppc;

import dynvm.spi.FuzzTarget;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Loads, stores and cache-block instructions for the Unicorn fuzzer ({@link PpcFuzzTarget}): each
 * memory word is preceded by {@code li}/{@code lis}+{@code ori} words that set its base (RA, and
 * RB of the indexed forms) so the effective address, and every byte the access touches, lies in
 * the data page {@link FuzzTarget#DATA}. The displacement and the data registers stay random.
 *
 * <p>Invalid forms (Book I 3.3) are never generated: update forms with RA=0, loads with update
 * and RA=RT, lmw with RA in RT..r31, lswi/lswx with RA (or RB) in the range of registers loaded.
 * RA=0 (EA = D) is not generated for the D-forms and lmw/stmw/lswi/stswi either: no 16-bit
 * displacement reaches the data page. Forms that take the byte count from XER[BC] (lswx, stswx)
 * run with a non-zero count (lswx with count 0 leaves RT undefined) that the case draws once.
 */
final class MemoryFuzzCases {
    private MemoryFuzzCases() { }

    /** Rows generated here (the memory rows the qemu harness cannot run). */
    static final Set<String> ROWS = Set.of("lbz", "lbzu", "lhz", "lhzu", "lha", "lhau", "lwz", "lwzu",
            "stb", "stbu", "sth", "sthu", "stw", "stwu", "lmw", "stmw", "lfs", "lfsu", "lfd", "lfdu", "stfs", "stfsu",
            "stfd", "stfdu", "lbzx", "lbzux", "lhzx", "lhzux", "lhax", "lhaux", "lwzx", "lwzux", "stbx", "stbux",
            "sthx", "sthux", "stwx", "stwux", "lhbrx", "lwbrx", "sthbrx", "stwbrx", "lswi", "stswi", "lswx", "stswx",
            "lfsx", "lfsux", "lfdx", "lfdux", "stfsx", "stfsux", "stfdx", "stfdux", "stfiwx",
            "dcbf", "dcbst", "dcbt", "dcbtst", "dcba", "dcbz", "icbi");

    /** Table rows the Unicorn target leaves out although the qemu harness's exclusion list does not need to. */
    static final Map<String, String> EXCLUDED = Map.of(
            "lwarx", "reservation: lwarx/stwcx. pairs need a shared address across words; not generated",
            "stwcx.", "reservation: lwarx/stwcx. pairs need a shared address across words; not generated");

    private static final PpcRow ADDI = row("addi"), ADDIS = row("addis"), ORI = row("ori");

    private static PpcRow row(String name) {
        for (PpcRow r : PpcTable.ROWS) if (r.name().equals(name)) return r;
        throw new IllegalStateException("no row " + name);
    }

    /** State one case's memory words share: the XER[BC] byte count of lswx/stswx (0 until one is drawn). */
    static final class CaseMemory {
        int byteCount;

        int byteCount(Random rnd) {
            if (byteCount == 0) byteCount = 1 + rnd.nextInt(rnd.nextBoolean() ? 8 : 64);
            return byteCount;
        }
    }

    static boolean isMemory(PpcRow row) { return ROWS.contains(row.name()); }

    private static boolean update(String n) { return n.endsWith("u") || n.endsWith("ux"); }

    private static boolean indexed(PpcRow row) { return row.syntax().endsWith("RA,RB"); }

    /** Bytes the access touches from EA (cache-block forms: their block, aligned by the instruction). */
    private static int size(String n, int w, CaseMemory m, Random rnd) {
        if (n.startsWith("dcb") || n.equals("icbi")) return 1;
        if (n.equals("lmw") || n.equals("stmw")) return 4 * (32 - rt(w));
        if (n.equals("lswi") || n.equals("stswi")) return nb(w);
        if (n.equals("lswx") || n.equals("stswx")) return m.byteCount(rnd);
        if (n.startsWith("lfd") || n.startsWith("stfd")) return 8;
        if (n.startsWith("lb") || n.startsWith("stb")) return 1;
        if (n.startsWith("lh") || n.startsWith("sth")) return 2;
        return 4;
    }

    private static int rt(int w) { return (w >>> 21) & 31; }

    private static int ra(int w) { return (w >>> 16) & 31; }

    private static int rb(int w) { return (w >>> 11) & 31; }

    private static int nb(int w) { return rb(w) == 0 ? 32 : rb(w); }

    private static int withRa(int w, int ra) { return (w & ~(31 << 16)) | ra << 16; }

    /** Registers RT.. that {@code bytes} bytes of a string load fill, wrapping r31 to r0. */
    private static boolean inStringRange(int rt, int bytes, int r) {
        int regs = (bytes + 3) / 4;
        return ((r - rt) & 31) < regs;
    }

    /** Whether the word (with its RA) is a form this generator may emit; see the class comment. */
    static boolean valid(String n, int w, int bytes, boolean indexed) {
        int ra = ra(w), rt = rt(w);
        if (!indexed && ra == 0) return false;
        if (n.equals("lswi") && inStringRange(rt, bytes, ra)) return false;
        if (n.equals("lswx") && (inStringRange(rt, bytes, ra) || inStringRange(rt, bytes, rb(w)))) return false;
        if (n.equals("lmw") && ra >= rt) return false;
        if (update(n) && ra == 0) return false;
        boolean intLoad = n.startsWith("l") && !n.startsWith("lf");
        return !(update(n) && intLoad && ra == rt);
    }

    /**
     * Appends the setup words and the memory word {@code w} of {@code row} (its RA, or the whole
     * word, redrawn until the form is valid) to {@code words}/{@code rows}.
     */
    static void add(PpcRow row, int w, Random rnd, CaseMemory m, List<Integer> words, List<PpcRow> rows) {
        String n = row.name();
        boolean ix = indexed(row);
        int bytes = size(n, w, m, rnd);
        for (int tries = 0; !valid(n, w, bytes, ix); tries++) {
            // RA first; the whole word when RT or RB leaves no valid RA (lmw r0, lswx with RB loaded)
            w = tries % 4 == 3 ? InsnFuzzCases.word(row, rnd) : withRa(w, rnd.nextInt(32));
            bytes = size(n, w, m, rnd);
        }
        int align = n.equals("lmw") || n.equals("stmw") ? 4 : rnd.nextInt(4) == 0 ? 1 : Math.min(bytes, 8);
        int off = rnd.nextInt((FuzzTarget.DATA_SIZE - bytes) / align + 1) * align;
        int ea = FuzzTarget.DATA + off, ra = ra(w);
        if (!ix) {
            set(ra, row.syntax().contains("D(RA)") ? ea - (short) w : ea, words, rows);   // lswi/stswi: EA = (RA)
        } else if (ra == 0) {
            set(rb(w), ea, words, rows);
        } else if (ra == rb(w)) {
            set(ra, (ea & ~1) / 2, words, rows);   // EA = 2 * RA: the offset made even
        } else {
            int index = rnd.nextBoolean() ? rnd.nextInt(512) - 256 : (short) rnd.nextInt();
            set(rb(w), index, words, rows);
            set(ra, ea - index, words, rows);
        }
        words.add(w);
        rows.add(row);
    }

    /** li, or lis and ori: GPR {@code r} = {@code v} (ori, not addi, so that r0 works too). */
    private static void set(int r, int v, List<Integer> words, List<PpcRow> rows) {
        if (v == (short) v) {
            words.add(ADDI.match() | r << 21 | (v & 0xffff));
            rows.add(ADDI);
            return;
        }
        words.add(ADDIS.match() | r << 21 | (v >>> 16));
        rows.add(ADDIS);
        if ((v & 0xffff) != 0) {
            words.add(ORI.match() | r << 21 | r << 16 | (v & 0xffff));
            rows.add(ORI);
        }
    }
}

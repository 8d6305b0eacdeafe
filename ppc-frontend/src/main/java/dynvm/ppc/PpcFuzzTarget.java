package dynvm.ppc;

import dynvm.spi.CpuState;
import dynvm.spi.FuzzTarget;
import dynvm.spi.Isa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * PPC32 for the differential fuzzer: words from {@link PpcTable} as {@link InsnFuzzCases} draws
 * them (its exclusions, operand constraints and FPSCR rules), every GPR, FPR, CR, XER, CTR, LR
 * and FPSCR and the data page compared against Unicorn (UC_ARCH_PPC, PPC32 big-endian, MSR[FP] set).
 *
 * <p>Covered: the fixed-point, CR, rotate/shift, mul/div and SPR rows; the floating-point rows
 * (opcodes 59 and 63: arithmetic, multiply-add, convert, compare, FPSCR moves) with single-precision
 * operands rounded to single first; every load and store (byte/half/word, algebraic,
 * update, indexed, byte-reversed, lmw/stmw, lswi/stswi/lswx/stswx, FP loads and stores, stfiwx)
 * and the cache-block rows (dcbz compared through the data page), their bases set into the data
 * page by {@link MemoryFuzzCases}; sync, eieio, isync. Not generated ({@link #exclusions()}):
 * branches, sc, traps, supervisor-only rows, mftb, the ISA 3.0 mffs forms and lwarx/stwcx..
 * Unicorn 2.0.1's floating-point errata are masked by {@link PpcOracleErrata}.
 */
public final class PpcFuzzTarget implements FuzzTarget {
    /** Unicorn ppc.h (2.0.1) register ids. */
    static final int UC_R0 = 2, UC_FPR0 = 42, UC_LR = 74, UC_XER = 75, UC_CTR = 76, UC_MSR = 77, UC_FPSCR = 78, UC_CR = 79;
    static final int UC_ARCH_PPC = 5, UC_MODE_PPC32 = 1 << 2, UC_MODE_BIG_ENDIAN = 1 << 30;
    /** MSR[FP]: floating-point available (Linux sets it for user code on first use). */
    static final long MSR_FP = 1 << 13;
    static final int F_FPR = 32, F_CR = 64, F_XER = 65, F_CTR = 66, F_LR = 67, F_FPSCR = 68;

    private final PpcIsa isa = new PpcIsa();

    /** Rows the qemu harness leaves out that this target runs: memory (see {@link MemoryFuzzCases}) and synchronisation. */
    static final Set<String> ALSO_RUN = Set.of("sync", "eieio", "isync");

    private final List<PpcRow> rows = rows();

    private static List<PpcRow> rows() {
        List<PpcRow> r = new ArrayList<>();
        Map<String, String> ex = exclusionMap();
        for (PpcRow row : PpcTable.ROWS) if (!ex.containsKey(row.name())) r.add(row);
        return List.copyOf(r);
    }

    private static Map<String, String> exclusionMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : InsnFuzzCases.EXCLUDED.entrySet())
            if (!MemoryFuzzCases.ROWS.contains(e.getKey()) && !ALSO_RUN.contains(e.getKey())) m.put(e.getKey(), e.getValue());
        m.putAll(MemoryFuzzCases.EXCLUDED);
        return m;
    }

    private final List<Field> fields = fields();

    @Override public String name() { return "ppc32"; }
    @Override public Isa isa() { return isa; }
    @Override public int unicornArch() { return UC_ARCH_PPC; }
    @Override public int unicornMode() { return UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN; }
    @Override public long[] unicornSetup() { return new long[]{UC_MSR, MSR_FP}; }

    private static long get(CpuState c, int reg) { return PpcRegs.FILE.read(c, reg) & 0xffffffffL; }

    @Override
    public List<Field> fields() {
        if (fields != null) return fields;
        List<Field> f = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int reg = PpcRegs.GPR[i];
            f.add(new Field("r" + i, UC_R0 + i, 4, 0xffffffffL, c -> get(c, reg), (c, v) -> PpcRegs.FILE.write(c, reg, v)));
        }
        for (int i = 0; i < 32; i++) {
            int reg = PpcRegs.FPR[i];
            f.add(new Field("f" + i, UC_FPR0 + i, 8, -1L, c -> PpcRegs.FILE.read(c, reg), (c, v) -> PpcRegs.FILE.write(c, reg, v)));
        }
        f.add(new Field("cr", UC_CR, 4, 0xffffffffL, c -> {
            long v = 0;
            for (int i = 0; i < 8; i++) v |= get(c, PpcRegs.CR[i]) << (28 - 4 * i);
            return v;
        }, (c, v) -> {
            for (int i = 0; i < 8; i++) PpcRegs.FILE.write(c, PpcRegs.CR[i], (v >>> (28 - 4 * i)) & 15);
        }));
        // XER bits 3-24 are reserved (Book I 3.2.2): dynvm, like the 750, reads them as 0
        f.add(new Field("xer", UC_XER, 4, 0xe000007fL, c -> get(c, PpcRegs.XER_SO) << 31 | get(c, PpcRegs.XER_OV) << 30
                | get(c, PpcRegs.XER_CA) << 29 | get(c, PpcRegs.XER_BC), (c, v) -> {
            PpcRegs.FILE.write(c, PpcRegs.XER_SO, (v >>> 31) & 1);
            PpcRegs.FILE.write(c, PpcRegs.XER_OV, (v >>> 30) & 1);
            PpcRegs.FILE.write(c, PpcRegs.XER_CA, (v >>> 29) & 1);
            PpcRegs.FILE.write(c, PpcRegs.XER_BC, v & 0x7f);
        }));
        f.add(new Field("ctr", UC_CTR, 4, 0xffffffffL, c -> get(c, PpcRegs.CTR), (c, v) -> PpcRegs.FILE.write(c, PpcRegs.CTR, v)));
        f.add(new Field("lr", UC_LR, 4, 0xffffffffL, c -> get(c, PpcRegs.LR), (c, v) -> PpcRegs.FILE.write(c, PpcRegs.LR, v)));
        f.add(new Field("fpscr", UC_FPSCR, 4, 0xffffffffL, c -> get(c, PpcRegs.FPSCR), (c, v) -> PpcRegs.FILE.write(c, PpcRegs.FPSCR, v)));
        return List.copyOf(f);
    }

    /**
     * Unicorn 2.0.1's uc_reg_write/read of XER touch only the raw xer word, not the SO, OV and CA
     * bits QEMU keeps apart and instructions use: XER goes through r0 with mtxer/mfxer instead.
     */
    @Override
    public ViaGpr unicornViaGpr(int field) { return field == F_XER ? new ViaGpr(0, 0x7c0103a6, 0x7c0102a6) : null; }

    @Override
    public Case generate(Random rnd, int length) {
        int n = length > 0 ? length : rnd.nextInt(3) == 0 ? 1 : 2 + rnd.nextInt(19);
        InsnFuzzCases.Case c;
        do c = InsnFuzzCases.next(rnd, rows, n, true);
        while (movesToXer(c));
        int lr = InsnFuzzCases.intValue(rnd);
        byte[] data = new byte[DATA_SIZE];
        rnd.nextBytes(data);
        return fuzzCase(c, lr, data);
    }

    /** The fuzzer's case for a generated (or hand-written) one: its state, LR, the data page. */
    Case fuzzCase(InsnFuzzCases.Case c, int lr, byte[] data) {
        InsnFuzzCases.State s = c.init();
        long[] init = new long[fields.size()];
        for (int i = 0; i < 32; i++) init[i] = s.gpr()[i] & 0xffffffffL;
        for (int i = 0; i < 32; i++) init[F_FPR + i] = s.fpr()[i];
        init[F_CR] = s.cr() & 0xffffffffL;
        init[F_XER] = s.xer() & 0xe000007fL;
        init[F_CTR] = s.ctr() & 0xffffffffL;
        init[F_LR] = lr & 0xffffffffL;
        init[F_FPSCR] = s.fpscr() & 0xffffffffL;
        return new Case(c.words(), c.words().length, init, data, c);
    }

    /**
     * mtxer: Unicorn 2.0.1 keeps the reserved XER bits 3-24 that mtxer writes and mfxer returns
     * them (Book I 3.2.2: reserved; dynvm, like the 750, reads 0), so cases do not write XER with mtspr.
     */
    static boolean movesToXer(InsnFuzzCases.Case c) {
        for (int i = 0; i < c.words().length; i++)
            if (c.rows()[i].name().equals("mtspr") && ((c.words()[i] >>> 16) & 31) == 1) return true;
        return false;
    }

    @Override
    public String listing(Case c) {
        InsnFuzzCases.Case k = (InsnFuzzCases.Case) c.detail();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < k.words().length; i++)
            sb.append(String.format("    %08x: %08x  %-32s (%s)%n", CODE + 4 * i, k.words()[i],
                    PpcDecoder.disassemble(k.words()[i], CODE + 4 * i), k.rows()[i].name()));
        return sb.append(InsnFuzzCases.initialOperands(k)).append(String.format(" fpscr=%08x%n", k.init().fpscr())).toString();
    }


    @Override
    public Map<String, String> exclusions() { return exclusionMap(); }

    @Override
    public List<String> oracleErrata() { return PpcOracleErrata.RULES; }

    @Override
    public long ignoredBits(Case c, int field, long[] oracle, long[] ours) {
        return PpcOracleErrata.ignored((InsnFuzzCases.Case) c.detail(), field, oracle, ours);
    }
}

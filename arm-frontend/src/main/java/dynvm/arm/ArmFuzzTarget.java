package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.spi.FuzzTarget;
import dynvm.spi.Isa;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A32 for the differential fuzzer: instructions from {@link A32Table} as {@link ArmInsnFuzzCases}
 * draws them (ARMv5TE, v6 and v7 rows mixed; its exclusions and UNPREDICTABLE constraints;
 * loads and stores confined to the scratch area of the data page), r0-r14 and the CPSR's NZCVQ
 * and GE compared against Unicorn (UC_ARCH_ARM, its default Cortex-A15 model, user mode).
 * {@link ThumbFuzzTarget} is the Thumb variant.
 */
public class ArmFuzzTarget implements FuzzTarget {
    /** Unicorn arm.h (2.0.1) register ids. */
    static final int UC_CPSR = 3, UC_LR = 10, UC_SP = 12, UC_R0 = 66;
    static final int UC_ARCH_ARM = 1, UC_MODE_ARM = 0, UC_MODE_THUMB = 1 << 4;
    /** CPSR: user mode (M = 0b10000), T, and the IT bits IT[1:0] (26:25) and IT[7:2] (15:10). */
    static final int USR = 0x10, T_BIT = 0x20, IT_BITS = 0x0600_fc00;

    private final ArmIsa isa = new ArmIsa();
    private final boolean thumb;
    private final List<Field> fields;
    private final List<A32Row> a32;

    public ArmFuzzTarget() { this(false); }

    protected ArmFuzzTarget(boolean thumb) {
        this.thumb = thumb;
        this.fields = buildFields();
        List<A32Row> rows = new ArrayList<>();
        if (!thumb)
            for (ArmInsnFuzzCases.Kind k : List.of(ArmInsnFuzzCases.Kind.A32_V5, ArmInsnFuzzCases.Kind.A32_V6, ArmInsnFuzzCases.Kind.A32_V7))
                rows.addAll(ArmInsnFuzzCases.a32Rows(k));
        this.a32 = List.copyOf(rows);
    }

    @Override public String name() { return thumb ? "thumb" : "arm"; }
    @Override public Isa isa() { return isa; }
    @Override public int unicornArch() { return UC_ARCH_ARM; }
    @Override public int unicornMode() { return thumb ? UC_MODE_THUMB : UC_MODE_ARM; }
    @Override public long unicornStart(int address) { return (address & 0xffffffffL) | (thumb ? 1 : 0); }

    private static long get(CpuState c, int reg) { return ArmRegs.FILE.read(c, reg) & 0xffffffffL; }

    private static void put(CpuState c, int reg, long v) { ArmRegs.FILE.write(c, reg, v); }

    /** The CPSR first: writing it switches Unicorn to user mode, whose banked sp and lr the GPR writes then set. */
    private List<Field> buildFields() {
        List<Field> f = new ArrayList<>();
        long compared = 0xf80f_0000L | T_BIT | (thumb ? IT_BITS : 0);
        f.add(new Field("cpsr", UC_CPSR, 4, compared, c -> {
            long it = get(c, ArmRegs.ITSTATE);
            return get(c, ArmRegs.N) << 31 | get(c, ArmRegs.Z) << 30 | get(c, ArmRegs.C) << 29 | get(c, ArmRegs.V) << 28
                    | get(c, ArmRegs.Q) << 27 | get(c, ArmRegs.GE) << 16 | (it & 3) << 25 | (it >>> 2 & 0x3f) << 10
                    | get(c, ArmRegs.T) << 5 | USR;
        }, (c, v) -> {
            put(c, ArmRegs.N, v >>> 31 & 1);
            put(c, ArmRegs.Z, v >>> 30 & 1);
            put(c, ArmRegs.C, v >>> 29 & 1);
            put(c, ArmRegs.V, v >>> 28 & 1);
            put(c, ArmRegs.Q, v >>> 27 & 1);
            put(c, ArmRegs.GE, v >>> 16 & 15);
            put(c, ArmRegs.ITSTATE, (v >>> 25 & 3) | (v >>> 10 & 0x3f) << 2);
            put(c, ArmRegs.T, v >>> 5 & 1);
        }));
        for (int i = 0; i < 15; i++) {
            int reg = ArmRegs.R[i];
            int uc = i == 13 ? UC_SP : i == 14 ? UC_LR : UC_R0 + i;
            f.add(new Field(i == 13 ? "sp" : i == 14 ? "lr" : "r" + i, uc, 4, 0xffffffffL, c -> get(c, reg), (c, v) -> put(c, reg, v)));
        }
        return List.copyOf(f);
    }

    @Override public List<Field> fields() { return fields; }

    /** Length 0: one instruction a third of the time, else 2-20. */
    static int length(Random rnd, int length) { return length > 0 ? length : rnd.nextInt(3) == 0 ? 1 : 2 + rnd.nextInt(19); }

    @Override
    public Case generate(Random rnd, int length) {
        int n = length(rnd, length);
        ArmInsnFuzzCases.Case c = thumb
                ? ThumbFuzzCases.next(rnd, ThumbFuzzCases.rows(), 2 * n, n)
                : ArmInsnFuzzCases.next(rnd, ArmInsnFuzzCases.Kind.A32_V7, a32, n);
        ArmInsnFuzzCases.State s = c.init();
        long[] init = new long[fields.size()];
        init[0] = (s.cpsr() & 0xffffffffL) | (thumb ? T_BIT : 0) | USR;
        for (int i = 0; i < 15; i++) init[1 + i] = s.r()[i] & 0xffffffffL;
        byte[] data = new byte[DATA_SIZE];
        rnd.nextBytes(data);
        System.arraycopy(s.mem(), 0, data, ArmInsnFuzzCases.SCRATCH - DATA, s.mem().length);
        int insns = 0;
        for (Object r : c.rows()) if (r != null) insns++;
        return new Case(c.words(), insns, init, data, c);
    }

    @Override public String listing(Case c) { return ArmInsnFuzzCases.listing((ArmInsnFuzzCases.Case) c.detail()); }

    @Override public Map<String, String> exclusions() { return ArmInsnFuzzCases.EXCLUDED; }
}

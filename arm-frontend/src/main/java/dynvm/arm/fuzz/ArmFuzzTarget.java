package dynvm.arm.fuzz;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmIsa;
import dynvm.arm.neon.NeonTable;
import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Table;
import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.vfp.VfpFields;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import dynvm.spi.CpuState;
import dynvm.spi.FuzzTarget;
import dynvm.spi.Isa;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A32 for the differential fuzzer: instructions from {@link A32Table} as {@link ArmInsnFuzzCases}
 * draws them (ARMv5TE, v6 and v7 rows mixed; its exclusions and UNPREDICTABLE constraints;
 * loads and stores confined to the scratch area of the data page) and every {@link VfpTable} row
 * (VFPv3-D16: data processing, conversions, compares, VMRS/VMSR FPSCR, core/extension register
 * transfers, VLDR/VSTR/VLDM/VSTM on the scratch area; words as {@link VfpFuzzCases} makes them,
 * about a quarter of the instructions), run against Unicorn (UC_ARCH_ARM, its default Cortex-A15
 * model, user mode, FPEXC.EN set). Compared: r0-r14, the CPSR's NZCVQ and GE, d0-d15 and all of
 * FPSCR (NZCV, DN, FZ, RMode, the cumulative exception bits, and the bits this VFP lacks, which
 * must stay 0). The initial FPSCR is random in NZCV, DN, FZ, RMode and the cumulative bits.
 * {@link #exclusions()} lists what is not generated and why; {@link ArmOracleErrata} the one
 * place Unicorn is wrong. {@link ThumbFuzzTarget} is the Thumb variant.
 */
public class ArmFuzzTarget implements FuzzTarget {
    /** Unicorn arm.h (2.0.1) register ids (UC_ARM_REG_D0..D31 are 14..45, 8 bytes each). */
    static final int UC_CPSR = 3, UC_FPEXC = 4, UC_FPSCR = 6, UC_LR = 10, UC_SP = 12, UC_D0 = 14, UC_R0 = 66;
    /** FPEXC.EN: without it every VFP instruction is UNDEFINED (Linux sets it for user processes). */
    static final long FPEXC_EN = 1L << 30;
    static final int UC_ARCH_ARM = 1, UC_MODE_ARM = 0, UC_MODE_THUMB = 1 << 4;
    /** CPSR: user mode (M = 0b10000), T, and the IT bits IT[1:0] (26:25) and IT[7:2] (15:10). */
    static final int USR = 0x10, T_BIT = 0x20, IT_BITS = 0x0600_fc00;

    /** Field indices: cpsr, r0-r14, d0-d15, fpscr. */
    static final int F_CPSR = 0, F_R0 = 1, F_D0 = 16, F_FPSCR = 32;

    /** UC_CPU_ARM_CORTEX_A15 (Unicorn 2 arm.h uc_cpu_arm). */
    static final int UC_CPU_ARM_CORTEX_A15 = 17;

    private final ArmIsa isa;
    private final ArmCpuModel model;
    private final boolean thumb;
    private final List<Field> fields;
    private final List<Object> a32;
    private final List<ThumbRow> thumbRows;

    public ArmFuzzTarget() { this(false); }

    protected ArmFuzzTarget(boolean thumb) { this(thumb, ArmCpuModel.CORTEX_A9); }

    /**
     * On {@code cortex-a15} the target also draws the VFPv4 rows, d16-d31 in the VFP
     * data-processing and transfer rows, and every Advanced SIMD row ({@link NeonFuzzCases}; in
     * Thumb state inside IT blocks too), and compares d0-d31 and FPSCR.QC; Unicorn runs its
     * Cortex-A15. Other models: the VFPv3-D16 rows, d0-d15.
     */
    protected ArmFuzzTarget(boolean thumb, ArmCpuModel model) {
        if (model != ArmCpuModel.CORTEX_A9 && model != ArmCpuModel.CORTEX_A15)
            throw new IllegalArgumentException("fuzz target " + (thumb ? "thumb" : "arm") + " runs -cpu " + ArmCpuModel.CORTEX_A9.cpuName
                    + " or cortex-a15, not " + model.cpuName);
        this.thumb = thumb;
        this.model = model;
        this.isa = new ArmIsa(model);
        this.fields = buildFields();
        List<Object> rows = new ArrayList<>();
        if (!thumb) {
            for (ArmInsnFuzzCases.Kind k : List.of(ArmInsnFuzzCases.Kind.A32_V5, ArmInsnFuzzCases.Kind.A32_V6, ArmInsnFuzzCases.Kind.A32_V7))
                rows.addAll(ArmInsnFuzzCases.a32Rows(k));
            int core = rows.size();
            List<VfpRow> vfp = VfpFuzzCases.rows(model);
            if (!model.neon) rows.addAll(vfp);
            else {   // VFP and Advanced SIMD a third of the draws each, so the wide SIMD table does not crowd out the rest
                for (int i = 0; i < Math.max(1, core / 2 / vfp.size()); i++) rows.addAll(vfp);
                for (int i = 0; i < Math.max(1, core / 2 / NeonTable.ROWS.size()); i++) rows.addAll(NeonTable.ROWS);
            }
        }
        this.a32 = List.copyOf(rows);
        this.thumbRows = !thumb ? List.of() : model.neon ? ThumbFuzzCases.rowsWithNeon() : ThumbFuzzCases.rowsWithVfp();
    }

    @Override
    public dynvm.spi.FuzzTarget withCpu(String cpu) {
        if (cpu == null) return this;
        ArmCpuModel m = ArmCpuModel.byName(cpu);
        if (m == null) throw new IllegalArgumentException("unknown ARM CPU model " + cpu);
        return m == model ? this : thumb ? new ThumbFuzzTarget(m) : new ArmFuzzTarget(false, m);
    }

    @Override public int unicornCpuModel() { return UC_CPU_ARM_CORTEX_A15; }

    private int dRegs() { return model.d32 ? 32 : 16; }

    @Override public String name() { return thumb ? "thumb" : "arm"; }

    /** The CPU model the engines decode for. */
    public ArmCpuModel model() { return model; }
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
        for (int i = 0; i < dRegs(); i++) {
            int reg = ArmRegs.D[i];
            f.add(new Field("d" + i, UC_D0 + i, 8, -1L, c -> ArmRegs.FILE.read(c, reg), (c, v) -> ArmRegs.FILE.write(c, reg, v)));
        }
        // all 32 bits: the ones this VFP does not have (AHP, Len, Stride, trap enables; QC without NEON) must stay 0 in Unicorn too
        f.add(new Field("fpscr", UC_FPSCR, 4, 0xffffffffL, c -> get(c, ArmRegs.FPSCR), (c, v) -> put(c, ArmRegs.FPSCR, v)));
        return List.copyOf(f);
    }

    @Override public List<Field> fields() { return fields; }

    /** Index of the FPSCR field (after d0-d15 or d0-d31). */
    int fpscr() { return F_D0 + dRegs(); }

    /** Length 0: one instruction a third of the time, else 2-20. */
    static int length(Random rnd, int length) { return length > 0 ? length : rnd.nextInt(3) == 0 ? 1 : 2 + rnd.nextInt(19); }

    @Override
    public Case generate(Random rnd, int length) {
        int n = length(rnd, length);
        ArmInsnFuzzCases.Case c = thumb
                ? ThumbFuzzCases.next(rnd, thumbRows, 2 * n, n, model.d32)
                : ArmInsnFuzzCases.next(rnd, ArmInsnFuzzCases.Kind.A32_V7, a32, n, model.d32);
        ArmInsnFuzzCases.State s = c.init();
        long[] init = new long[fields.size()];
        init[0] = (s.cpsr() & 0xffffffffL) | (thumb ? T_BIT : 0) | USR;
        for (int i = 0; i < 15; i++) init[F_R0 + i] = s.r()[i] & 0xffffffffL;
        for (int i = 0; i < dRegs(); i++) init[F_D0 + i] = model.neon ? NeonFuzzCases.dValue(rnd) : VfpFuzzCases.doubleValue(rnd);
        init[fpscr()] = VfpFuzzCases.fpscrValue(rnd) & 0xffffffffL;
        if (model.neon && rnd.nextBoolean()) init[fpscr()] |= ArmOracleErrata.QC;
        Object first = c.rows()[0];
        VfpRow firstVfp = first instanceof VfpRow r ? r : first instanceof ThumbRow t ? ThumbFuzzCases.vfpRow(t) : null;
        if (model.neon && firstVfp != null && VfpFuzzCases.isVmsr(firstVfp) && rnd.nextBoolean())   // VMSR sets QC too
            init[F_R0 + VfpFields.rt(thumb ? c.insns()[0] << 16 | c.insns()[1] : c.insns()[0])] |= ArmOracleErrata.QC;
        if (ArmOracleErrata.needsRoundToNearest(c.rows())) {
            init[fpscr()] &= ~ArmOracleErrata.RMODE;
            Object r0 = c.rows()[0];
            VfpRow v = r0 instanceof VfpRow r ? r : r0 instanceof ThumbRow t ? ThumbFuzzCases.vfpRow(t) : null;
            if (v != null && VfpFuzzCases.isVmsr(v))
                init[F_R0 + VfpFields.rt(thumb ? c.insns()[0] << 16 | c.insns()[1] : c.insns()[0])] &= ~ArmOracleErrata.RMODE;
        }
        byte[] data = new byte[DATA_SIZE];
        // 8 bytes per step: Random.nextBytes (4 per synchronized step) was a tenth of the per-case cost
        new java.util.SplittableRandom(rnd.nextLong()).nextBytes(data);
        System.arraycopy(s.mem(), 0, data, ArmInsnFuzzCases.SCRATCH - DATA, s.mem().length);
        int insns = 0;
        for (Object r : c.rows()) if (r != null) insns++;
        return new Case(c.words(), insns, init, data, c);
    }

    @Override public String listing(Case c) { return ArmInsnFuzzCases.listing((ArmInsnFuzzCases.Case) c.detail()); }

    @Override public List<String> oracleErrata() { return ArmOracleErrata.RULES; }

    @Override public long[] unicornSetup() { return new long[]{UC_FPEXC, FPEXC_EN}; }

    /** Rows never generated: the qemu harness's exclusions, except VFP (generated here), plus the VFP words left out. */
    @Override
    public Map<String, String> exclusions() {
        Map<String, String> m = new LinkedHashMap<>(ArmInsnFuzzCases.EXCLUDED);
        m.remove("vfp");
        m.putAll(VFP_EXCLUDED);
        if (model.neon) {   // generated from NeonTable (NeonFuzzCases), with VFPv4 and d16-d31
            m.remove("neon");
            m.remove("VFP words naming d16-d31");
            m.remove("vcvtb/vcvtt, vfma/vfms/vfnma/vfnms, 8/16-bit scalar vmov");   // all generated on cortex-a15
            m.put("neon :256/:128/:64 qualifiers and lane-form post-increment", "Unicorn ignores alignment qualifiers "
                    + "(ArmOracleErrata); a lane form's 1-6 byte increment would unalign the shared base (NeonFuzzCases)");
        }
        return m;
    }

    /** VFP encodings not generated (every VfpTable row is), with the reason. */
    static final Map<String, String> VFP_EXCLUDED = vfpExcluded();

    private static Map<String, String> vfpExcluded() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("VFP words naming d16-d31", "the fuzz targets run -cpu cortex-a9 unless told, VFPv3-D16 (UNDEFINED there; -cpu cortex-a15 draws them); "
                + "Unicorn's Cortex-A15 has D32");
        m.put("vmsr not first", "a VMSR is the first instruction of a case only, from a register holding NZCV, DN, FZ, RMode and "
                + "cumulative bits (and QC on cortex-a15): AHP, Len, Stride and the trap enables are RAZ/WI here, kept by Unicorn (short vectors included)");
        m.put("vmrs/vmsr fpsid, fpexc, mvfr0, mvfr1", "PL1 registers: UNDEFINED in user mode here (no VfpTable row)");
        m.put("vcvtb/vcvtt, vfma/vfms/vfnma/vfnms, 8/16-bit scalar vmov", "half precision, VFPv4 and Advanced SIMD: UNDEFINED in "
                + "cortex-a9's VFPv3-D16 (VfpUndefinedTest), implemented by Unicorn's Cortex-A15 (-cpu cortex-a15 draws them)");
        m.put("vldr/vstr/vldm/vstm with Rn = pc or a base outside the scratch area", "memory forms address the data page's scratch area "
                + "only, as the A32 and Thumb loads and stores do");
        return java.util.Collections.unmodifiableMap(m);
    }
}

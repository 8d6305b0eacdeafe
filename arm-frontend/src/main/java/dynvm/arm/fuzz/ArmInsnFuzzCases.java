package dynvm.arm.fuzz;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmOps;
import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.a32.A32Row;
import dynvm.arm.a32.A32Table;
import dynvm.arm.thumb.ThumbDisassembler;
import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.thumb.ThumbTable;
import dynvm.arm.vfp.VfpFields;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.vfp.VfpRow;
import dynvm.spi.FuzzTarget;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random straight-line cases for ArmQemuDifferentialTest and the Unicorn fuzzer ({@link ArmFuzzTarget}): an initial state (r0-r12, r14,
 * NZCVQ, 256 scratch bytes) plus 1-4 instructions, each drawn from an {@link A32Table} or
 * {@link ThumbTable} row as {@code match | (random & operandBits & ~mask)} and then constrained
 * so that the ARM ARM defines its result (no UNPREDICTABLE register combinations) and the harness
 * survives it. The binary record format is that of {@code src/test/guest/harness/insn_fuzz.c}
 * (little-endian).
 *
 * <p>Memory instructions address the scratch area only: their base register is {@link #A32_BASE}
 * (Thumb {@link #THUMB_BASE}) holding {@link #SCRATCH_MID}, a register offset is
 * {@link #A32_INDEX} ({@link #THUMB_INDEX}) holding a small aligned value, immediate offsets are
 * small, and in a case with a memory instruction no other instruction names those two registers.
 * Every address stays 8-byte aligned for doubleword and writeback forms, so alignment never
 * matters (ARMv5 leaves unaligned halfword and doubleword accesses UNPREDICTABLE).
 */
final class ArmInsnFuzzCases {
    private ArmInsnFuzzCases() { }

    static final int MAX_INSNS = 4, STATE_BYTES = 320, CASE_BYTES = 360, SCRATCH_BYTES = 256;
    /** Where the harness maps its code and scratch area: the addresses SnippetRunner and the fuzzer use. */
    static final int CODE = FuzzTarget.CODE;
    static final int SCRATCH = FuzzTarget.DATA + 0x780, SCRATCH_MID = SCRATCH + SCRATCH_BYTES / 2;
    static final int A32_BASE = 11, A32_INDEX = 10, THUMB_BASE = 7, THUMB_INDEX = 6;
    static final int SP = 13, PC = 15;
    /** CPSR bits compared: N Z C V Q, and GE[3:0] (19:16; always 0 in the ARMv5 and Thumb-1 cases). */
    static final int NZCVQ = 0xf800_0000, GE_BITS = 0x000f_0000, COMPARED = NZCVQ | GE_BITS;

    /** Which instructions a case holds, and so which qemu CPU model runs it. */
    enum Kind {
        /** ARMv5TE ARM-state instructions: qemu -cpu arm926. */
        A32_V5("arm926"),
        /** The ARMv6 extras the front-end implements (extend, reverse, UMAAL): qemu -cpu arm1136. */
        A32_V6("arm1136"),
        /** The ARMv6/v6T2/v7 media, multiply and MOVW/MOVT rows: qemu -cpu cortex-a9. */
        A32_V7("cortex-a9"),
        /** Thumb-1 16-bit instructions: qemu -cpu arm926. */
        THUMB("arm926"),
        /** ARMv7 Thumb: 32-bit Thumb-2, the v6/v7 16-bit additions, IT blocks ({@link ThumbFuzzCases}): qemu -cpu cortex-a8. */
        THUMB2("cortex-a8");

        final String qemuCpu;

        Kind(String qemuCpu) { this.qemuCpu = qemuCpu; }
    }

    /** Registers and flags the harness loads and stores, plus the scratch bytes. */
    record State(int[] r, int cpsr, byte[] mem) {
        void write(ByteBuffer b) {
            for (int i = 0; i < 15; i++) b.putInt(r[i]);
            b.putInt(cpsr).put(mem);
        }

        static State read(ByteBuffer b) {
            int[] r = new int[15];
            for (int i = 0; i < 15; i++) r[i] = b.getInt();
            int cpsr = b.getInt();
            byte[] m = new byte[SCRATCH_BYTES];
            b.get(m);
            return new State(r, cpsr, m);
        }
    }

    /** One case: the state, the instructions (Thumb: halfwords), the row each came from (A32Row or ThumbRow). */
    record Case(Kind kind, State init, int[] insns, Object[] rows) {
        boolean thumb() { return kind == Kind.THUMB || kind == Kind.THUMB2; }

        void write(ByteBuffer b) {
            init.write(b);
            b.putInt(thumb() ? 1 : 0).putInt(insns.length);
            for (int i = 0; i < MAX_INSNS * 2; i++) b.putInt(i < insns.length ? insns[i] : 0);
        }

        /** The code as SnippetRunner stores it: words, or halfwords packed two per word. */
        int[] words() {
            if (!thumb()) return insns.clone();
            int[] w = new int[(insns.length + 1) / 2];
            for (int i = 0; i < insns.length; i++) w[i / 2] |= (insns[i] & 0xffff) << (16 * (i & 1));
            if ((insns.length & 1) != 0) w[w.length - 1] |= 0x46c0 << 16;   // mov r8, r8, as the harness pads
            return w;
        }
    }

    static ByteBuffer buffer(int cases) { return ByteBuffer.allocate(cases * CASE_BYTES).order(ByteOrder.LITTLE_ENDIAN); }

    // ---- which rows

    /**
     * Rows left out, keyed by name (every row of that name) or "name syntax" (one form), each with
     * its reason. Everything else in the tables is generated.
     */
    static final Map<String, String> EXCLUDED = new LinkedHashMap<>();

    private static void exclude(String reason, String... keys) {
        for (String k : keys) EXCLUDED.put(k, reason);
    }

    static {
        exclude("branch: leaves the harness's code", "b", "bl", "bx", "blx", "bxj", "beq", "bne", "bcs", "bcc", "bmi", "bpl",
                "bvs", "bvc", "bhi", "bls", "bge", "blt", "bgt", "ble", "bl_prefix", "bl_suffix", "blx_suffix", "cbz", "cbnz",
                "b.w", "beq.w", "bne.w", "bcs.w", "bcc.w", "bmi.w", "bpl.w", "bvs.w", "bvc.w", "bhi.w", "bls.w", "bge.w", "blt.w",
                "bgt.w", "ble.w", "tbb", "tbh");
        exclude("exception-generating: kills the harness", "svc", "bkpt", "udf", "ldm/stm^");
        exclude("exclusive monitor: not compared in this harness (brief: excluded)", "ldrex", "ldrexd", "ldrexb", "ldrexh",
                "strex", "strexd", "strexb", "strexh", "clrex");
        exclude("coprocessor access: TPIDRURO differs (qemu's TLS vs none), CP15 barriers have no register effect", "mrc", "mcr");
        exclude("hints and barriers (ARMv6K/v7): no architectural effect to compare, UNDEFINED or UNPREDICTABLE on v5",
                "nop", "yield", "wfe", "wfi", "sev", "dbg", "hint", "dsb", "dmb", "isb", "pld", "pldw", "pli", "nop.w", "yield.w",
                "wfe.w", "wfi.w", "sev.w");
        exclude("processor state the harness does not compare (CPS is a NOP in user mode, SETEND BE is not supported)",
                "setend", "cpsie", "cpsid", "cps");
        exclude("IT: generated with its block by ThumbFuzzCases, never alone", "it");
        exclude("VFP: this harness loads and compares no extension registers (VfpQemuDifferentialTest's harness does; "
                + "the Unicorn fuzz targets generate VFP)", "vfp");
        exclude("Advanced SIMD: the Unicorn fuzz targets on cortex-a15 and NeonQemuDifferentialTest generate it from "
                + "NeonTable's rows (NeonFuzzCases); UNDEFINED on the other models", "neon");
        exclude("msr from a register: a random value would set the J bit (24, arm926 is v5TEJ) or GE; "
                + "the immediate form (flags field, NZCVQ only) is generated", "msr msrmask,R0");
        exclude("sp: the harness keeps its frame there (and sp differs between qemu and SnippetRunner)",
                "push", "pop", "push.w", "pop.w", "add sp,#I7x4", "sub sp,#I7x4", "add R8,sp,#I8x4", "str R8,[sp+I8x4]", "ldr R8,[sp+I8x4]");
        exclude("literal load: reads the harness's return sequence beyond the case's code", "ldr R8,[pc+I8x4]");
        exclude("unallocated memory hints (LDRSH space, Rt = pc): NOPs, nothing to compare", "ldrsh.w pc,[RN+I12]",
                "ldrsh.w pc,[RN+I8PUW]", "ldrsh.w pc,[RN+RM+LSL2]", "ldrsh.w pc,[pc+I12U]");
    }

    /** A32 rows that need an ARMv6 CPU model in qemu. */
    static final Set<String> V6 = Set.of("sxtb", "sxth", "uxtb", "uxth", "sxtab", "sxtah", "uxtab", "uxtah", "uxtb16",
            "rev", "rev16", "revsh", "umaal");

    /** A32 rows that need an ARMv7 CPU model (ARMv6 media ops included: the v7 model has them all). */
    static final Set<String> V7 = v7Names();

    private static Set<String> v7Names() {
        Set<String> s = new java.util.HashSet<>(List.of("sel", "usad8", "usada8", "ssat", "usat", "ssat16", "usat16",
                "sxtb16", "sxtab16", "uxtab16", "pkhbt", "pkhtb", "rbit", "sbfx", "ubfx", "bfi", "bfc", "mls", "movw", "movt",
                "ldrht", "ldrsbt", "ldrsht", "strht"));
        for (ArmMedia.Prefix p : ArmMedia.Prefix.values())
            for (ArmMedia.ParallelOp op : ArmMedia.ParallelOp.values()) s.add(p.mnemonic() + op.mnemonic());
        for (String m : List.of("smuad", "smusd", "smlad", "smlsd", "smlald", "smlsld")) { s.add(m); s.add(m + "x"); }
        for (String m : List.of("smmul", "smmla", "smmls")) { s.add(m); s.add(m + "r"); }
        return Set.copyOf(s);
    }

    static Kind a32Kind(String name) { return V7.contains(name) ? Kind.A32_V7 : V6.contains(name) ? Kind.A32_V6 : Kind.A32_V5; }

    static boolean excluded(String name, String syntax) {
        return EXCLUDED.containsKey(name) || EXCLUDED.containsKey(name + " " + syntax);
    }

    /** A32 candidates of one kind. Unguarded rows are traps (exception return, empty ldm/stm list) or branches. */
    static List<A32Row> a32Rows(Kind kind) {
        List<A32Row> r = new ArrayList<>();
        for (A32Row row : A32Table.ROWS) {
            if (!row.guarded() || excluded(row.name(), row.syntax()) || !dynvm.arm.ArmFeatureGate.a32(dynvm.arm.ArmCpuModel.CORTEX_A9, row.name())) continue;
            if (a32Kind(row.name()) == kind) r.add(row);
        }
        return r;
    }

    /** The Thumb-1 (ARMv5T) rows: the 16-bit ones ARMv6 and later did not add. */
    static List<ThumbRow> thumbRows() {
        List<ThumbRow> r = new ArrayList<>();
        for (ThumbRow row : ThumbTable.ROWS)
            if (!excluded(row.name(), row.syntax()) && !ThumbFuzzCases.V6_16BIT.contains(row.name())) r.add(row);
        return r;
    }

    // ---- A32 words

    static boolean isMemory(A32Row row) {
        String s = row.syntax();
        return s.contains("am2") || s.contains("am3") || s.contains("list") || s.contains("[R16]");
    }

    /** Operand bits the row's syntax names; every other bit outside the mask stays 0 (SBZ fields). */
    static int a32OperandBits(A32Row row) {
        int m = 0;
        for (String f : row.syntax().split(",")) {
            m |= switch (f) {
                case "R0" -> 0xf;
                case "R8" -> 0xf00;
                case "R12" -> 0xf000;
                case "R16", "[R16]", "R16w" -> 0xf0000;
                case "sh" -> 0xfef;
                case "rsh" -> 0xf6f;
                case "#rimm" -> 0xfff;
                case "rot" -> 0xc00;
                case "#imm16" -> 0xf0fff;
                case "#ssat", "#usat", "#xwidth", "#bfwidth" -> 0x1f0000;
                case "#ssat16", "#usat16" -> 0xf0000;
                case "satsh", "pkhsh" -> 0xfc0;       // imm5 and the shift type bit
                case "#lsb" -> 0xf80;
                case "msrmask" -> 0xf0000;
                case "am2" -> 0x1bfffff;          // P U B W (B is in the mask) Rn, offset
                case "am3" -> 0x1bf0f0f;          // P U I W Rn, imm4H / Rm, imm4L
                case "list" -> 0x1a0ffff;         // P U W, register list
                default -> 0;                     // apsr, R12n, ...
            };
        }
        return m;
    }

    /** Bit positions of the register fields a word's syntax names (data-processing Rm/Rs included). */
    static List<Integer> a32RegFields(A32Row row, int w) {
        List<Integer> f = new ArrayList<>();
        for (String s : row.syntax().split(",")) {
            switch (s) {
                case "R0" -> f.add(0);
                case "R8" -> f.add(8);
                case "R12" -> f.add(12);
                case "R16", "[R16]", "R16w" -> f.add(16);
                case "sh" -> f.add(0);
                case "rsh" -> { f.add(0); f.add(8); }
                case "am2" -> { f.add(16); if ((w & 1 << 25) != 0) f.add(0); }
                case "am3" -> { f.add(16); if ((w & 1 << 22) == 0) f.add(0); }
                default -> { }
            }
        }
        return f;
    }

    private static int field(int w, int lo) { return (w >>> lo) & 15; }

    private static int setField(int w, int lo, int v) { return (w & ~(15 << lo)) | (v & 15) << lo; }

    /** Data-processing forms, where a pc operand reads pc + 8 (deterministic: the code sits at CODE in every run). */
    static boolean readsPcOk(A32Row row, int lo) {
        String s = row.syntax();
        boolean dp = s.endsWith(",sh") || s.endsWith(",#rimm") && !s.startsWith("msrmask");
        return dp && lo != 12;
    }

    /**
     * Is the word defined by the ARM ARM (v5TE, or v6 for the V6 rows) and safe in the harness?
     * reserved: registers no non-memory instruction may name (the memory base and index).
     */
    // compiled once: a32Valid runs for every candidate word
    private static final java.util.regex.Pattern MUL = java.util.regex.Pattern.compile("(mul|mla)s?"),
            LONG_MUL = java.util.regex.Pattern.compile("[us](mull|mlal)s?"),
            DSP_LONG_MUL = java.util.regex.Pattern.compile("smlal(bb|bt|tb|tt)|umaal|smlal?dx?|smlsldx?"),
            WORD_ACCESS = java.util.regex.Pattern.compile("(ldr|str)b?t?");

    static boolean a32Valid(A32Row row, int w, Set<Integer> reserved) {
        if (A32Table.find(w) != row) return false;
        boolean mem = isMemory(row);
        for (int lo : a32RegFields(row, w)) {
            int r = field(w, lo);
            if (r == SP || r == PC && !readsPcOk(row, lo)) return false;
            // memory forms: the base (16) and the register offset (0 of an addressing mode) are the reserved ones
            boolean addressing = lo == 16 || lo == 0 && row.syntax().contains(",am");
            if (reserved.contains(r) && !(mem && addressing)) return false;
        }
        int rd16 = field(w, 16), rd12 = field(w, 12), rm = field(w, 0);
        String n = row.name();
        // ARMv5 MUL/MLA: Rd must differ from Rm; long multiplies: RdHi, RdLo and Rm distinct
        if (MUL.matcher(n).matches() && rd16 == rm) return false;
        if (LONG_MUL.matcher(n).matches() && (rd16 == rd12 || rd16 == rm || rd12 == rm)) return false;
        if (DSP_LONG_MUL.matcher(n).matches() && rd16 == rd12) return false;
        if (n.equals("msr")) {
            // flags field only, and only N Z C V Q in the value: J (24) and the reserved bits stay 0
            if (rd16 != 8 || (ArmOps.expandImmValue(w & 0xfff) & 0x07ff_ffff) != 0) return false;
        }
        return true;
    }

    /** Places a memory instruction's base, index and offsets in the scratch area (see the class comment). */
    static int a32Memory(A32Row row, int w, Random rnd) {
        String s = row.syntax();
        w = setField(w, 16, A32_BASE);
        if (s.contains("list")) {
            int list = 0;
            while (list == 0) list = rnd.nextInt(1 << 16) & 0x53ff;   // r0-r9, r12, r14
            // writeback only by a multiple of 8 (an even count), so the base stays doubleword-aligned
            if (Integer.bitCount(list) % 2 != 0) w &= ~(1 << 21);
            return (w & ~0xffff) | list;
        }
        if (s.contains("[R16]")) return w;                            // swp: Rt and Rt2 checked by a32Valid
        boolean pre = (w & 1 << 24) != 0, wback = !pre || (w & 1 << 21) != 0;
        int size = row.name().startsWith("ldrd") || row.name().startsWith("strd") ? 8
                : WORD_ACCESS.matcher(row.name()).matches() && !row.name().contains("b") ? 4
                : row.name().contains("h") ? 2 : 1;
        int align = wback || size == 8 ? 8 : size;
        int offset = rnd.nextInt(128) & -align;
        if (s.contains("am2")) {
            if ((w & 1 << 25) == 0) return (w & ~0xfff) | offset;
            return (w & ~0xfff) | rnd.nextInt(3) << 7 | A32_INDEX;    // Rm, LSL #0..2
        }
        // extra load/store with P=0 W=1 is UNPREDICTABLE before ARMv6T2 (qemu's arm926 raises SIGILL for ldrd/strd)
        if (!pre && !row.name().endsWith("t")) w &= ~(1 << 21);   // the ARMv6T2 T forms (ldrht, ...) are P=0 W=1
        if (row.name().startsWith("ldrd") || row.name().startsWith("strd"))
            w = setField(w, 12, 2 * rnd.nextInt(5));                  // r0..r8 pairs: even, not r10/r12 (the pair would take sp)
        if ((w & 1 << 22) != 0) return (w & ~0xf0f) | (offset & 0xf0) << 4 | offset & 15;
        return (w & ~0xf0f) | A32_INDEX;
    }

    static int a32Word(A32Row row, Random rnd, Set<Integer> reserved) {
        int free = a32OperandBits(row) & ~row.mask();
        for (int tries = 0; tries < 10_000; tries++) {
            int w = row.match() | (rnd.nextInt() & free);
            if (!row.unconditional()) w |= (rnd.nextBoolean() ? ArmOps.AL : rnd.nextInt(14)) << 28;
            if (isMemory(row)) w = a32Memory(row, w, rnd);
            if (a32Valid(row, w, reserved)) return w;
        }
        throw new IllegalStateException("no valid word for " + row.name() + " " + row.syntax());
    }

    // ---- Thumb halfwords

    static boolean isMemory(ThumbRow row) { return row.syntax().contains("[") || row.syntax().contains("LIST"); }

    /** Register values named by the halfword: low fields and the high-register fields. */
    private static final java.util.regex.Pattern THUMB_REG = java.util.regex.Pattern.compile("R[0368]|HD|HM");

    /** Register numbers the halfword names: low fields and the high-register fields. */
    static List<Integer> thumbRegs(ThumbRow row, int h) {
        List<Integer> r = new ArrayList<>();
        java.util.regex.Matcher m = THUMB_REG.matcher(row.syntax());
        while (m.find()) {
            r.add(switch (m.group()) {
                case "R0" -> h & 7;
                case "R3" -> h >>> 3 & 7;
                case "R6" -> h >>> 6 & 7;
                case "R8" -> h >>> 8 & 7;
                case "HD" -> h >>> 4 & 8 | h & 7;
                default -> h >>> 3 & 15;
            });
        }
        return r;
    }

    static boolean thumbValid(ThumbRow row, int h, Set<Integer> reserved) {
        if (ThumbTable.find(h) != row || !row.defined().test(h)) return false;
        if (row.syntax().equals("HD,HM")) {
            int d = h >>> 4 & 8 | h & 7, m = h >>> 3 & 15;
            if (d < 8 && m < 8) return false;                          // ARMv5T: both low is UNPREDICTABLE
            if (d == SP || m == SP || d == PC) return false;
            if (m == PC && row.name().equals("cmp")) return false;     // CMP (3) with pc: UNPREDICTABLE
        }
        if (row.name().equals("muls") && (h & 7) == (h >>> 3 & 7)) return false;   // ARMv5: Rd == Rm UNPREDICTABLE
        if (!isMemory(row)) {
            for (int r : thumbRegs(row, h)) if (reserved.contains(r)) return false;
            return true;
        }
        if (row.syntax().contains("LIST")) return true;
        return !reserved.contains(h & 7);                              // Rt is not the base or the index
    }

    static int thumbMemory(ThumbRow row, int h, Random rnd) {
        if (row.syntax().contains("LIST")) {
            int list = 0;
            while (list == 0) list = rnd.nextInt(64);                  // r0-r5
            return (h & 0xf800) | THUMB_BASE << 8 | list;
        }
        h = (h & ~(7 << 3)) | THUMB_BASE << 3;
        if (row.syntax().contains("+R6")) h = (h & ~(7 << 6)) | THUMB_INDEX << 6;
        return h;
    }

    static int thumbHalfword(ThumbRow row, Random rnd, Set<Integer> reserved) {
        for (int tries = 0; tries < 10_000; tries++) {
            int h = row.match() | (rnd.nextInt() & ~row.mask() & 0xffff);
            if (isMemory(row)) h = thumbMemory(row, h, rnd);
            if (thumbValid(row, h, reserved)) return h;
        }
        throw new IllegalStateException("no valid halfword for " + row.name() + " " + row.syntax());
    }

    // ---- cases

    static Case next(Random rnd, Kind kind, List<?> rows) { return next(rnd, kind, rows, 1 + rnd.nextInt(MAX_INSNS)); }

    /**
     * A case of exactly {@code n} instructions. A32 row lists may hold {@link VfpRow}s too (the
     * Unicorn fuzzer's): their words come from {@link VfpFuzzCases#word}, memory forms based on
     * {@link #A32_BASE}; a VMSR is only ever the first instruction, its source holding a clean
     * FPSCR value (see VfpFuzzCases), and some registers of such a case hold single-precision edges.
     */
    static Case next(Random rnd, Kind kind, List<?> rows, int n) { return next(rnd, kind, rows, n, false); }

    /** As above; rows may hold {@link NeonRow}s too; {@code d32}: VFP and Advanced SIMD words may name d16-d31. */
    static Case next(Random rnd, Kind kind, List<?> rows, int n, boolean d32) { return next(rnd, kind, rows, n, d32, false); }

    /**
     * As above; {@code strictAlignment}: Advanced SIMD element loads and stores may carry alignment
     * qualifiers and post-increment by a lane's size (for qemu; Unicorn ignores the qualifiers: {@link NeonFuzzCases}).
     */
    static Case next(Random rnd, Kind kind, List<?> rows, int n, boolean d32, boolean strictAlignment) {
        Object[] used = new Object[n];
        boolean mem = false, vfp = false;
        for (int i = 0; i < n; i++) {
            used[i] = rows.get(rnd.nextInt(rows.size()));
            while (i > 0 && used[i] instanceof VfpRow v && VfpFuzzCases.isVmsr(v)) used[i] = rows.get(rnd.nextInt(rows.size()));
            mem |= used[i] instanceof A32Row a ? isMemory(a)
                    : used[i] instanceof VfpRow v ? VfpFuzzCases.isMemory(v) : used[i] instanceof NeonRow nr ? NeonFuzzCases.isMemory(nr)
                    : used[i] instanceof ThumbRow t && isMemory(t);
            vfp |= used[i] instanceof VfpRow || used[i] instanceof NeonRow;
        }
        Set<Integer> reserved = !mem ? Set.of() : kind == Kind.THUMB ? Set.of(THUMB_BASE, THUMB_INDEX) : Set.of(A32_BASE, A32_INDEX);
        int[] insns = new int[n];
        for (int i = 0; i < n; i++)
            insns[i] = used[i] instanceof A32Row a ? a32Word(a, rnd, reserved)
                    : used[i] instanceof VfpRow v ? VfpFuzzCases.word(v, rnd, reserved, A32_BASE, false, d32)
                    : used[i] instanceof NeonRow nr ? NeonFuzzCases.word(nr, rnd, reserved, A32_BASE, d32, false, strictAlignment)
                    : thumbHalfword((ThumbRow) used[i], rnd, reserved);
        int[] r = new int[15];
        for (int i = 0; i < 15; i++) r[i] = i == SP ? 0 : vfp && rnd.nextInt(3) == 0 ? VfpFuzzCases.singleValue(rnd) : intValue(rnd);
        if (mem && kind == Kind.THUMB) {
            r[THUMB_BASE] = SCRATCH_MID;
            r[THUMB_INDEX] = 4 * rnd.nextInt(16);
        } else if (mem) {
            r[A32_BASE] = SCRATCH_MID;
            r[A32_INDEX] = 8 * rnd.nextInt(8);
        }
        if (used[0] instanceof VfpRow v && VfpFuzzCases.isVmsr(v)) r[VfpFields.rt(insns[0])] = VfpFuzzCases.fpscrValue(rnd);
        byte[] m = new byte[SCRATCH_BYTES];
        if (vfp) VfpFuzzCases.fillDoubles(m, rnd); else rnd.nextBytes(m);
        int flags = rnd.nextInt() & (kind == Kind.A32_V6 || kind == Kind.A32_V7 ? COMPARED : NZCVQ);
        return new Case(kind, new State(r, flags, m), insns, used);
    }

    private static final int[] INTS = {0, 1, -1, 2, 0x80000000, 0x7fffffff, 0x80000001, 0x7ffffffe, 0xffff, 0x8000,
            0x7fff, 0xffff8000, 0xffff0000, 0x10000, 31, 32, 33, 255, 256, 0xaaaaaaaa, 0x55555555, 0x40000000, 0xc0000000};

    /** Values that hit the edges: shift amounts, saturation bounds, halfword signs. */
    static int intValue(Random rnd) {
        return switch (rnd.nextInt(4)) {
            case 0 -> INTS[rnd.nextInt(INTS.length)];
            case 1 -> rnd.nextInt(70) - 3;
            case 2 -> 1 << rnd.nextInt(32) ^ (rnd.nextBoolean() ? 0 : -1);
            default -> rnd.nextInt();
        };
    }

    /** The instructions as assembly, one per line, with their row names. */
    static String listing(Case c) {
        if (c.kind() == Kind.THUMB2) return ThumbFuzzCases.listing(c);
        StringBuilder sb = new StringBuilder();
        int pc = CODE;
        for (int i = 0; i < c.insns().length; i++) {
            if (c.thumb()) {
                ThumbRow row = (ThumbRow) c.rows()[i];
                sb.append(String.format("    %08x: %04x      %-36s (%s %s)%n", pc, c.insns()[i],
                        ThumbDisassembler.format(row, c.insns()[i], pc), row.name(), row.syntax()));
                pc += 2;
            } else {
                Object row = c.rows()[i];
                sb.append(String.format("    %08x: %08x  %-36s (%s %s)%n", pc, c.insns()[i], A32Disassembler.format(c.insns()[i], pc),
                        row instanceof VfpRow v ? v.name() : row instanceof NeonRow nr ? nr.name() : ((A32Row) row).name(),
                        row instanceof VfpRow v ? v.syntax() : row instanceof NeonRow nr ? nr.syntax() : ((A32Row) row).syntax()));
                pc += 4;
            }
        }
        return sb.toString();
    }
}

package dynvm.arm.fuzz;

import dynvm.arm.ArmOps;
import dynvm.arm.fuzz.ArmInsnFuzzCases.Case;
import dynvm.arm.fuzz.ArmInsnFuzzCases.Kind;
import dynvm.arm.fuzz.ArmInsnFuzzCases.State;
import dynvm.arm.thumb.Thumb32Fields;
import dynvm.arm.thumb.ThumbDisassembler;
import dynvm.arm.thumb.ThumbItState;
import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.thumb.ThumbTable;
import dynvm.arm.vfp.Vfp;
import dynvm.arm.vfp.VfpFields;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Random ARMv7 Thumb cases for ArmQemuDifferentialTest and the Unicorn fuzzer (kind THUMB2, qemu -cpu
 * cortex-a8): up to 8 halfwords of 16-bit and 32-bit instructions drawn from {@link ThumbTable}'s
 * rows (every row not excluded by name in {@link ArmInsnFuzzCases#EXCLUDED}), some of them in IT
 * blocks of 1-4 instructions with random then/else patterns and first conditions (AL included,
 * with its all-then masks), so narrow flag-setting forms run both inside and outside IT blocks.
 * 32-bit encodings are {@code match | (random & ~mask)}, kept only when the row decodes them
 * (its {@code defined} predicate: no UNPREDICTABLE field combinations) and no register field names
 * sp or pc; 16-bit ones follow {@link ArmInsnFuzzCases#thumbHalfword}. 32-bit loads and stores
 * address the scratch area as {@link #wideMemory} describes.
 */
final class ThumbFuzzCases {
    private ThumbFuzzCases() { }

    /** 16-bit rows ARMv6, v6T2 and v7 added: THUMB2 cases only (arm926 would raise SIGILL). */
    static final Set<String> V6_16BIT = Set.of("sxth", "sxtb", "uxth", "uxtb", "rev", "rev16", "revsh", "setend", "cpsie",
            "cpsid", "it", "hint", "nop", "yield", "wfe", "wfi", "sev", "cbz", "cbnz", "udf");
    static final int MAX_HALFWORDS = 2 * ArmInsnFuzzCases.MAX_INSNS;

    /** Candidate rows, computed once (immutable). */
    private static final class Rows { static final List<ThumbRow> ALL = compute(); }

    static List<ThumbRow> rows() { return Rows.ALL; }

    /**
     * The VFP rows as Thumb-2 forms, for the Unicorn fuzzer: each {@link VfpTable} row with
     * condition 1110 in its top bits (a Thumb-2 VFP word is {@code hw1 << 16 | hw2}, the A32
     * encoding with cond = 1110), syntax "VFP" as ThumbTable's own VFP rows. They only generate
     * and list words ({@link VfpFuzzCases#word}); ThumbTable decodes them.
     */
    private static final class VfpRows {
        static final List<ThumbRow> LIST, A15;
        static final Map<ThumbRow, VfpRow> OF;
        /** The Cortex-A15's generator rows ({@link #A15}): VFPv4 and D32 VFP rows, and every Advanced SIMD row. */
        static final Map<ThumbRow, NeonRow> NEON;

        static {
            Map<ThumbRow, VfpRow> m = new IdentityHashMap<>();
            Map<ThumbRow, NeonRow> n = new IdentityHashMap<>();
            LIST = vfp(dynvm.arm.ArmCpuModel.CORTEX_A9, m);
            List<ThumbRow> a15 = new ArrayList<>(vfp(dynvm.arm.ArmCpuModel.CORTEX_A15, m));
            for (NeonRow v : NeonTable.ROWS) {
                int match = NeonFuzzCases.toThumb(v.match()) & 0xff00_0000, mask = 0xff00_0000;   // only generates and lists
                ThumbRow t = new ThumbRow(v.name(), mask, match, NeonFuzzCases.isTransfer(v) ? "VFP" : "NEON", ThumbRow.It.GUARDED,
                        (e, w, pc, it) -> { throw new IllegalStateException("generator row"); }, w -> true);
                a15.add(t);
                n.put(t, v);
            }
            A15 = List.copyOf(a15);
            OF = Collections.unmodifiableMap(m);   // by identity: a record's hashCode hashes every field
            NEON = Collections.unmodifiableMap(n);
        }

        private static List<ThumbRow> vfp(dynvm.arm.ArmCpuModel model, Map<ThumbRow, VfpRow> m) {
            List<ThumbRow> l = new ArrayList<>();
            for (VfpRow v : VfpFuzzCases.rows(model)) {
                ThumbRow t = new ThumbRow(v.name(), v.mask() | 0xf000_0000, v.match() | 0xe000_0000, "VFP", ThumbRow.It.GUARDED,
                        (e, w, pc, it) -> { throw new IllegalStateException("generator row"); },
                        w -> Vfp.defined(w, model));
                l.add(t);
                m.put(t, v);
            }
            return List.copyOf(l);
        }
    }

    /** {@link #rows()} plus the VFP rows as Thumb-2 forms. */
    static List<ThumbRow> rowsWithVfp() {
        List<ThumbRow> r = new ArrayList<>(rows());
        r.addAll(VfpRows.LIST);
        return List.copyOf(r);
    }

    /**
     * {@link #rows()} plus the Cortex-A15's VFP rows (VFPv4, D32) and Advanced SIMD rows as Thumb-2
     * forms: VFP and NEON a third of the draws each, so the wide SIMD table does not crowd out the rest.
     */
    static List<ThumbRow> rowsWithNeon() {
        List<ThumbRow> base = rows();
        List<ThumbRow> vfp = new ArrayList<>(), neon = new ArrayList<>();
        for (ThumbRow t : VfpRows.A15) (VfpRows.NEON.containsKey(t) ? neon : vfp).add(t);
        List<ThumbRow> r = new ArrayList<>(base);
        for (int i = 0; i < Math.max(1, base.size() / 2 / vfp.size()); i++) r.addAll(vfp);
        for (int i = 0; i < Math.max(1, base.size() / 2 / neon.size()); i++) r.addAll(neon);
        return List.copyOf(r);
    }

    /**
     * The Cortex-A15's VFP rows (VFPv4, D32) and Advanced SIMD rows as Thumb-2 generator rows, no
     * core rows (NeonQemuDifferentialTest mixes them itself).
     */
    static List<ThumbRow> vfpAndNeonRowsA15() { return VfpRows.A15; }

    /** The VFP row a generator row of {@link #rowsWithVfp()} stands for, or null. */
    static VfpRow vfpRow(ThumbRow r) { return r == null || !r.syntax().equals("VFP") ? null : VfpRows.OF.get(r); }

    /** The Advanced SIMD row a generator row of {@link #rowsWithNeon()} stands for, or null. */
    static NeonRow neonRow(ThumbRow r) { return r == null ? null : VfpRows.NEON.get(r); }

    static boolean isMemory(ThumbRow r) {
        NeonRow n = neonRow(r);
        if (n != null) return NeonFuzzCases.isMemory(n);
        VfpRow v = vfpRow(r);
        return v != null ? VfpFuzzCases.isMemory(v) : ArmInsnFuzzCases.isMemory(r);
    }

    private static boolean isVmsr(ThumbRow r) {
        VfpRow v = vfpRow(r);
        return v != null && VfpFuzzCases.isVmsr(v);
    }

    /** Candidate rows: 16-bit and 32-bit, minus the exclusions. */
    private static List<ThumbRow> compute() {
        List<ThumbRow> r = new ArrayList<>();
        for (ThumbRow row : ThumbTable.ROWS) if (!ArmInsnFuzzCases.excluded(row.name(), row.syntax())) r.add(row);
        // a form split into several rows (the loads on Rn != 1111) is drawn once, through its first row
        Set<String> forms = new java.util.HashSet<>();
        for (ThumbRow row : ThumbTable.WIDE)
            if (!ArmInsnFuzzCases.excluded(row.name(), row.syntax()) && dynvm.arm.ArmFeatureGate.thumb(dynvm.arm.ArmCpuModel.CORTEX_A9, row.name(), true)
                    && forms.add(form(row))) r.add(row);
        return List.copyOf(r);
    }

    /**
     * The form a row encodes: the rows of one form differ only in the Rn bits (Thumb32LoadStore
     * splits on Rn != 1111) or, for a literal load, in U (the cases use U = 0).
     */
    static String form(ThumbRow row) {
        String f = Forms.OF.get(row);
        return f != null ? f : formOf(row);
    }

    /** The forms of ThumbTable's 32-bit rows, by identity, computed once (wideWord compares them for every try). */
    private static final class Forms {
        static final Map<ThumbRow, String> OF;

        static {
            Map<ThumbRow, String> m = new IdentityHashMap<>();
            for (ThumbRow r : ThumbTable.WIDE) m.put(r, formOf(r));
            OF = Collections.unmodifiableMap(m);
        }
    }

    private static String formOf(ThumbRow row) {
        int ignored = 0xf0000 | (row.syntax().contains("[pc+") ? 1 << 23 : 0);
        return String.format("%s %s %08x/%08x", row.name(), row.syntax(), row.mask() & ~ignored, row.match() & ~ignored);
    }

    /** Register numbers a 32-bit instruction's syntax names. */
    static List<Integer> wideRegs(ThumbRow row, int w) {
        List<Integer> r = new ArrayList<>();
        for (String f : row.syntax().split(",")) {
            switch (f) {
                case "RD", "RDHI" -> r.add(Thumb32Fields.rd(w));
                case "RN" -> r.add(Thumb32Fields.rn(w));
                case "RM", "SH" -> r.add(Thumb32Fields.rm(w));
                case "RT", "RA", "RDLO" -> r.add(Thumb32Fields.rt(w));
                default -> { }
            }
        }
        return r;
    }

    /** A literal load that cannot read its own code from where it is placed: the case is drawn again. */
    static final class NoRoom extends RuntimeException {
        NoRoom() { super(null, null, false, false); }
    }

    /** Registers a 32-bit LDM/STM list may hold: not sp, pc, the base or the index. */
    private static final int[] LIST_REGS = {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 14};

    /**
     * Places a 32-bit load/store at {@code pc} into the scratch area (see {@link ArmInsnFuzzCases}):
     * base THUMB_BASE, register offset THUMB_INDEX (any LSL), immediate offsets below 128, and
     * writeback only by multiples of 8 (LDRD/STRD offsets too), so the base stays
     * doubleword-aligned for the accesses that must be aligned (LDRD, LDM, the exclusives). A
     * literal load reads bytes of the case's own code before its end: U = 0 and Align(pc + 4, 4)
     * - imm in [CODE, pc + 4 - size].
     */
    static int wideMemory(ThumbRow row, int w, Random rnd, int pc) {
        String s = row.syntax();
        if (!s.contains("[pc+")) w = (w & ~0xf0000) | ArmInsnFuzzCases.THUMB_BASE << 16;
        if (s.contains("LIST16")) {
            int list = 0;
            while (Integer.bitCount(list) < 2) list |= 1 << LIST_REGS[rnd.nextInt(LIST_REGS.length)];
            if ((w & 1 << 21) != 0 && Integer.bitCount(list) % 2 != 0) w &= ~(1 << 21);
            return (w & ~0xffff) | list;
        }
        if (s.contains("[RN+RM")) return (w & ~0xf) | ArmInsnFuzzCases.THUMB_INDEX;
        int offset = rnd.nextInt(128);
        if (s.contains("[RN+I12]")) return (w & ~0xfff) | offset;
        if (s.contains("[RN+I8]")) return (w & ~0xff) | offset;
        if (s.contains("[RN+I8PUW]")) return (w & ~0xff) | ((w & 1 << 8) != 0 ? offset & ~7 : offset);
        if (s.contains("[RN+I8x4PUW]") || s.contains("[RN+I8x4]")) return (w & ~0xff) | (offset >> 2 & ~1);
        if (s.contains("[pc+")) {
            boolean dual = s.contains("I8x4");
            int size = dual ? 8 : row.name().startsWith("ldrb") || row.name().startsWith("ldrsb") ? 1
                    : row.name().startsWith("ldrh") || row.name().startsWith("ldrsh") ? 2 : 4;
            int base = (pc + 4) & ~3, lo = base + size - (pc + 4), hi = base - ArmInsnFuzzCases.CODE;
            if (dual) lo = (Math.max(lo, 0) + 3) & ~3;
            lo = Math.max(lo, 0);
            if (lo > hi) throw new NoRoom();
            int imm = lo + (dual ? 4 * rnd.nextInt((hi - lo) / 4 + 1) : rnd.nextInt(hi - lo + 1));
            w &= ~(1 << 23);
            return dual ? (w & ~0xff) | imm / 4 : (w & ~0xfff) | imm;
        }
        return w;
    }

    static int wideWord(ThumbRow row, Random rnd, Set<Integer> reserved) { return wideWord(row, rnd, reserved, ArmInsnFuzzCases.CODE); }

    static int wideWord(ThumbRow row, Random rnd, Set<Integer> reserved, int pc) {
        for (int tries = 0; tries < 10_000; tries++) {
            int w = row.match() | (rnd.nextInt() & ~row.mask());
            if (ArmInsnFuzzCases.isMemory(row)) w = wideMemory(row, w, rnd, pc);
            ThumbRow found = ThumbTable.findWide(w);
            if (found == null || !form(found).equals(form(row)) || !found.defined().test(w)) continue;
            boolean ok = true;
            for (int reg : wideRegs(row, w)) ok &= reg != 13 && reg != 15 && !reserved.contains(reg);
            if (ok) return w;
        }
        throw new IllegalStateException("no valid word for " + row.name() + " " + row.syntax());
    }

    /** The IT instruction for a block of {@code n} instructions under {@code firstcond}; AL blocks are all-then. */
    static int itInstruction(Random rnd, int firstcond, int n) {
        int c0 = firstcond & 1, mask = 0;
        for (int k = 1; k < n; k++) {
            boolean then = firstcond == ArmOps.AL || rnd.nextBoolean();
            mask |= (then ? c0 : 1 - c0) << (4 - k);
        }
        mask |= 1 << (4 - n);
        return 0xbf00 | firstcond << 4 | mask;
    }

    static Case next(Random rnd, List<ThumbRow> candidates) { return next(rnd, candidates, MAX_HALFWORDS, 1 + rnd.nextInt(3)); }

    /** A case of at most {@code max} halfwords and {@code items} instructions or IT blocks. */
    static Case next(Random rnd, List<ThumbRow> candidates, int max, int items) { return next(rnd, candidates, max, items, false); }

    /** As above; {@code d32}: VFP and Advanced SIMD words may name d16-d31. */
    static Case next(Random rnd, List<ThumbRow> candidates, int max, int items, boolean d32) {
        return next(rnd, candidates, max, items, d32, false);
    }

    /** As above; {@code strictAlignment}: as for {@link ArmInsnFuzzCases#next(Random, Kind, List, int, boolean, boolean)}. */
    static Case next(Random rnd, List<ThumbRow> candidates, int max, int items, boolean d32, boolean strictAlignment) {
        List<ThumbRow> inIt = new ArrayList<>(candidates.size());
        // a VMSR is only ever the first instruction (outside IT blocks): its source holds a clean FPSCR value
        for (ThumbRow r : candidates) if (r.it() != ThumbRow.It.OUTSIDE_ONLY && !isVmsr(r)) inIt.add(r);
        // the shape: rows, with IT headers (null) before their blocks
        List<ThumbRow> shape = new ArrayList<>();
        List<Integer> blockSizes = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < items && used < max; i++) {
            if (rnd.nextInt(3) == 0 && used + 2 <= max) {
                int want = 1 + rnd.nextInt(4), n = 0;
                List<ThumbRow> block = new ArrayList<>();
                int room = max - used - 1;
                for (int k = 0; k < want; k++) {
                    ThumbRow r = inIt.get(rnd.nextInt(inIt.size()));
                    if (r.length() / 2 > room) break;
                    room -= r.length() / 2;
                    block.add(r);
                    n++;
                }
                if (n == 0) continue;
                shape.add(null);
                blockSizes.add(n);
                shape.addAll(block);
                used = max - room;
            } else {
                ThumbRow r = candidates.get(rnd.nextInt(candidates.size()));
                if (used + r.length() / 2 > max || isVmsr(r) && !shape.isEmpty()) continue;
                shape.add(r);
                used += r.length() / 2;
            }
        }
        if (shape.isEmpty()) return next(rnd, candidates, max, items, d32, strictAlignment);
        boolean mem = false, vfp = false;
        for (ThumbRow r : shape) {
            mem |= r != null && isMemory(r);
            vfp |= vfpRow(r) != null || neonRow(r) != null;
        }
        Set<Integer> reserved = mem ? Set.of(ArmInsnFuzzCases.THUMB_BASE, ArmInsnFuzzCases.THUMB_INDEX) : Set.of();
        List<Integer> hws = new ArrayList<>();
        List<Object> rowAt = new ArrayList<>();
        int block = 0;
        for (ThumbRow r : shape) {
            if (r == null) {
                int firstcond = rnd.nextInt(8) == 0 ? ArmOps.AL : rnd.nextInt(14);
                hws.add(itInstruction(rnd, firstcond, blockSizes.get(block++)));
                rowAt.add(ThumbTable.find(0xbf08));
            } else if (r.wide()) {
                int w;
                try {
                    VfpRow v = vfpRow(r);
                    NeonRow nr = neonRow(r);
                    w = nr != null ? NeonFuzzCases.toThumb(NeonFuzzCases.word(nr, rnd, reserved, ArmInsnFuzzCases.THUMB_BASE, d32, true, strictAlignment))
                            : v != null ? VfpFuzzCases.word(v, rnd, reserved, ArmInsnFuzzCases.THUMB_BASE, true, d32)
                            : wideWord(r, rnd, reserved, ArmInsnFuzzCases.CODE + 2 * hws.size());
                } catch (NoRoom e) {
                    return next(rnd, candidates, max, items, d32, strictAlignment);
                }
                hws.add(w >>> 16);
                hws.add(w & 0xffff);
                rowAt.add(r);
                rowAt.add(null);
            } else {
                int h = ArmInsnFuzzCases.thumbHalfword(r, rnd, reserved);
                // 16-bit LDMIA/STMIA write back 4 per register: an even count keeps the base doubleword-aligned
                while (r.syntax().contains("LIST") && r.syntax().contains("!") && Integer.bitCount(h & 0xff) % 2 != 0)
                    h = ArmInsnFuzzCases.thumbHalfword(r, rnd, reserved);
                hws.add(h);
                rowAt.add(r);
            }
        }
        int[] r = new int[15];
        for (int i = 0; i < 15; i++)
            r[i] = i == ArmInsnFuzzCases.SP ? 0 : vfp && rnd.nextInt(3) == 0 ? VfpFuzzCases.singleValue(rnd) : ArmInsnFuzzCases.intValue(rnd);
        if (mem) {
            r[ArmInsnFuzzCases.THUMB_BASE] = ArmInsnFuzzCases.SCRATCH_MID;
            r[ArmInsnFuzzCases.THUMB_INDEX] = 4 * rnd.nextInt(16);
        }
        if (isVmsr(shape.get(0))) r[VfpFields.rt(hws.get(0) << 16 | hws.get(1))] = VfpFuzzCases.fpscrValue(rnd);
        byte[] m = new byte[ArmInsnFuzzCases.SCRATCH_BYTES];
        if (vfp) VfpFuzzCases.fillDoubles(m, rnd); else rnd.nextBytes(m);
        int[] insns = hws.stream().mapToInt(Integer::intValue).toArray();
        return new Case(Kind.THUMB2, new State(r, rnd.nextInt() & ArmInsnFuzzCases.COMPARED, m), insns, rowAt.toArray());
    }

    /** The case as assembly, with the IT state each instruction decodes under. */
    static String listing(Case c) {
        StringBuilder sb = new StringBuilder();
        int pc = ArmInsnFuzzCases.CODE, it = 0;
        int[] h = c.insns();
        for (int i = 0; i < h.length; i++) {
            ThumbRow row = (ThumbRow) c.rows()[i];
            if (row == null) continue;
            int insn = row.wide() ? h[i] << 16 | h[i + 1] : h[i];
            String hex = row.wide() ? String.format("%04x %04x", h[i], h[i + 1]) : String.format("%04x     ", h[i]);
            sb.append(String.format("    %08x: %s  %-36s (%s %s)%n", pc, hex, ThumbDisassembler.format(row, insn, pc, it), row.name(),
                    vfpRow(row) != null ? vfpRow(row).syntax() : neonRow(row) != null ? neonRow(row).syntax() : row.syntax()));
            if (row.name().equals("it")) it = insn & 0xff;
            else if (ThumbItState.inBlock(it)) it = ThumbItState.advance(it);
            pc += row.length();
        }
        return sb.toString();
    }

}

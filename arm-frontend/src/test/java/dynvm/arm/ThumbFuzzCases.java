package dynvm.arm;

import dynvm.arm.ArmInsnFuzzCases.Case;
import dynvm.arm.ArmInsnFuzzCases.Kind;
import dynvm.arm.ArmInsnFuzzCases.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Random ARMv7 Thumb cases for {@link ArmQemuDifferentialTest} (kind THUMB2, qemu -cpu
 * cortex-a8): up to 8 halfwords of 16-bit and 32-bit instructions drawn from {@link ThumbTable}'s
 * rows (every row not excluded by name in {@link ArmInsnFuzzCases#EXCLUDED}), some of them in IT
 * blocks of 1-4 instructions with random then/else patterns and first conditions (AL included,
 * with its all-then masks), so narrow flag-setting forms run both inside and outside IT blocks.
 * 32-bit encodings are {@code match | (random & ~mask)}, kept only when the row decodes them
 * (its {@code defined} predicate: no UNPREDICTABLE field combinations) and no register field names
 * sp or pc; 16-bit ones follow {@link ArmInsnFuzzCases#thumbHalfword}.
 */
final class ThumbFuzzCases {
    private ThumbFuzzCases() { }

    /** 16-bit rows ARMv6, v6T2 and v7 added: THUMB2 cases only (arm926 would raise SIGILL). */
    static final Set<String> V6_16BIT = Set.of("sxth", "sxtb", "uxth", "uxtb", "rev", "rev16", "revsh", "setend", "cpsie",
            "cpsid", "it", "hint", "nop", "yield", "wfe", "wfi", "sev", "cbz", "cbnz", "udf");
    static final int MAX_HALFWORDS = 2 * ArmInsnFuzzCases.MAX_INSNS;

    private static List<ThumbRow> rows;

    /** Candidate rows: 16-bit and 32-bit, minus the exclusions and the 32-bit memory forms. */
    static synchronized List<ThumbRow> rows() {
        if (rows != null) return rows;
        List<ThumbRow> r = new ArrayList<>();
        for (ThumbRow row : ThumbTable.ROWS) if (!ArmInsnFuzzCases.excluded(row.name(), row.syntax())) r.add(row);
        for (ThumbRow row : ThumbTable.WIDE) {
            if (ArmInsnFuzzCases.excluded(row.name(), row.syntax())) continue;
            if (row.syntax().contains("[") || row.syntax().contains("{")) continue;   // 32-bit loads/stores: not generated yet
            r.add(row);
        }
        return rows = List.copyOf(r);
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

    static int wideWord(ThumbRow row, Random rnd, Set<Integer> reserved) {
        for (int tries = 0; tries < 10_000; tries++) {
            int w = row.match() | (rnd.nextInt() & ~row.mask());
            if (ThumbTable.findWide(w) != row || !row.defined().test(w)) continue;
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

    static Case next(Random rnd, List<ThumbRow> candidates) {
        List<ThumbRow> inIt = new ArrayList<>();
        for (ThumbRow r : candidates) if (r.it() != ThumbRow.It.OUTSIDE_ONLY) inIt.add(r);
        // the shape: rows, with IT headers (null) before their blocks
        List<ThumbRow> shape = new ArrayList<>();
        List<Integer> blockSizes = new ArrayList<>();
        int used = 0, items = 1 + rnd.nextInt(3);
        for (int i = 0; i < items && used < MAX_HALFWORDS; i++) {
            if (rnd.nextInt(3) == 0 && used + 2 <= MAX_HALFWORDS) {
                int want = 1 + rnd.nextInt(4), n = 0;
                List<ThumbRow> block = new ArrayList<>();
                int room = MAX_HALFWORDS - used - 1;
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
                used = MAX_HALFWORDS - room;
            } else {
                ThumbRow r = candidates.get(rnd.nextInt(candidates.size()));
                if (used + r.length() / 2 > MAX_HALFWORDS) continue;
                shape.add(r);
                used += r.length() / 2;
            }
        }
        if (shape.isEmpty()) return next(rnd, candidates);
        boolean mem = false;
        for (ThumbRow r : shape) mem |= r != null && !r.wide() && ArmInsnFuzzCases.isMemory(r);
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
                int w = wideWord(r, rnd, reserved);
                hws.add(w >>> 16);
                hws.add(w & 0xffff);
                rowAt.add(r);
                rowAt.add(null);
            } else {
                hws.add(ArmInsnFuzzCases.thumbHalfword(r, rnd, reserved));
                rowAt.add(r);
            }
        }
        int[] r = new int[15];
        for (int i = 0; i < 15; i++) r[i] = i == ArmInsnFuzzCases.SP ? 0 : ArmInsnFuzzCases.intValue(rnd);
        if (mem) {
            r[ArmInsnFuzzCases.THUMB_BASE] = ArmInsnFuzzCases.SCRATCH_MID;
            r[ArmInsnFuzzCases.THUMB_INDEX] = 4 * rnd.nextInt(16);
        }
        byte[] m = new byte[ArmInsnFuzzCases.SCRATCH_BYTES];
        rnd.nextBytes(m);
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
            sb.append(String.format("    %08x: %s  %-36s (%s %s)%n", pc, hex, ThumbDisassembler.format(row, insn, pc, it), row.name(), row.syntax()));
            if (row.name().equals("it")) it = insn & 0xff;
            else if (ThumbItState.inBlock(it)) it = ThumbItState.advance(it);
            pc += row.length();
        }
        return sb.toString();
    }

}

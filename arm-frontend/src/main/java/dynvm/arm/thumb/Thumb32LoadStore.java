package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Exclusive;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * 32-bit Thumb-2 loads and stores (ARM ARM A6.3.7-A6.3.10 single, A6.3.6 dual/exclusive/table
 * branch, A6.3.5 multiple): LDR/STR{B,H,SB,SH} with imm12, imm8 pre/post-indexed or negative,
 * register (LSL #0-3), literal and unprivileged (T) addressing; LDRD/STRD; LDREX/STREX in every
 * size (semantics shared with A32 through {@link A32Exclusive}); TBB/TBH; LDM/STM IA/DB with
 * PUSH.W/POP.W; the PLD/PLDW/PLI hints, which execute as NOPs and never access memory.
 *
 * <p>A pc read gives pc + 4 (literal forms: Align(pc + 4, 4)). A load to pc (LDR, LDM, POP)
 * interworks through LoadWritePC and ends the block; TBB/TBH write NEXT_PC. The ARM ARM makes a
 * pc write that is not last in an IT block UNPREDICTABLE; like qemu (and like BX in this
 * decoder) we execute it. Every other UNPREDICTABLE field combination (sp or pc where the form
 * forbids it, writeback to a loaded or stored base, fewer than two registers in a list, pc and
 * lr both in an LDM list, sp in a list, a non-zero SBZ bit) decodes as UNDEFINED.
 *
 * <p>Rows: in the single-load space an encoding with Rn = 1111 is a literal load whatever its
 * second halfword, so the forms with bit 23 = 0 (imm8, register, T) are each four rows covering
 * Rn != 1111 (Rn[3] = 0, Rn[3:2] = 10, Rn[3:1] = 110, Rn = 1110), disjoint from the literal rows.
 * The hint forms (Rt = 1111 of the byte and halfword loads) are nested in their load rows.
 */
final class Thumb32LoadStore {
    private Thumb32LoadStore() { }

    /** Addressing of the single loads and stores. */
    enum Addressing {
        /** [Rn, #imm12] (bit 23 = 1). */
        IMM12(1 << 23, 1 << 23, "[RN+I12]"),
        /** [Rn, #+/-imm8]!, [Rn], #+/-imm8: hw2 = 1 P U 1. */
        INDEXED(1 << 23 | 0x0900, 0x0900, "[RN+I8PUW]"),
        /** [Rn, #-imm8]: hw2 = 1100. */
        NEGATIVE(1 << 23 | 0x0f00, 0x0c00, "[RN+I8PUW]"),
        /** The unprivileged forms [Rn, #imm8]: hw2 = 1110; plain accesses in User mode. */
        USER(1 << 23 | 0x0f00, 0x0e00, "[RN+I8]"),
        /** [Rn, Rm, LSL #imm2]: hw2 = 000000 imm2 Rm. */
        REGISTER(1 << 23 | 0x0fc0, 0x0000, "[RN+RM+LSL2]");

        final int mask, match;
        final String syntax;

        Addressing(int mask, int match, String syntax) {
            this.mask = mask;
            this.match = match;
            this.syntax = syntax;
        }

        /** The forms that share their encodings with the literal ones when Rn = 1111. */
        boolean overlapsLiteral() { return this != IMM12; }

        /** Has a hint (Rt = 1111) specialisation in the byte and halfword load spaces. */
        boolean hasHint() { return this == IMM12 || this == NEGATIVE || this == REGISTER; }
    }

    /**
     * One load or store width: mnemonic, bytes, sign extension, the hw1 bits that select it
     * (S = bit 24, size = bits 22:21), and the hint its Rt = 1111 forms are (null: none).
     */
    private record Width(String name, int size, boolean signed, int bits, String hint) { }

    private static final Width[] LOADS = {
            new Width("ldrb", 1, false, 0, "pld"), new Width("ldrh", 2, false, 1 << 21, "pldw"),
            new Width("ldr", 4, false, 2 << 21, null), new Width("ldrsb", 1, true, 1 << 24, "pli"),
            // Rt = 1111 in the LDRSH space: "unallocated memory hint (treat as NOP)", spelt as objdump does
            new Width("ldrsh", 2, true, 1 << 24 | 1 << 21, "ldrsh.w")};
    private static final Width[] STORES = {
            new Width("strb", 1, false, 0, null), new Width("strh", 2, false, 1 << 21, null), new Width("str", 4, false, 2 << 21, null)};

    /** Mask/match pairs that split a row on Rn != 1111 into four disjoint rows. */
    private static final int[][] RN_NOT_PC = {{0x80000, 0}, {0xc0000, 0x80000}, {0xe0000, 0xc0000}, {0xf0000, 0xe0000}};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        for (Width width : LOADS) singleLoads(r, width);
        for (Width width : STORES) singleStores(r, width);
        dual(r);
        exclusive(r);
        multiple(r);
        return r;
    }

    // ---------------------------------------------------------------- fields

    private static int imm8(int w) { return w & 0xff; }

    private static boolean bit(int w, int n) { return (w >>> n & 1) != 0; }

    /** P, U, W of the imm8 forms (hw2 bits 10:8) and of LDRD/STRD (bits 24, 23, 21). */
    private static boolean pre8(int w) { return bit(w, 10); }

    private static boolean up8(int w) { return bit(w, 9); }

    private static boolean wback8(int w) { return bit(w, 8); }

    private static boolean isSpOrPc(int r) { return r == 13 || r == 15; }

    private static int reg(IrEmitter e, int n, int pc) { return ArmOps.readReg(e, n, pc + 4); }

    /** Align(pc + 4, 4): the base of literal addressing. */
    static int literalBase(int pc) { return (pc + 4) & ~3; }

    // ---------------------------------------------------------------- A6.3.7-A6.3.10 single loads and stores

    /**
     * Adds {@code row}, split on Rn != 1111 when its encodings with Rn = 1111 are literal ones:
     * the forms with bit 23 = 0, and the hints (the imm12 hint meets the literal load rows).
     */
    private static void addForm(List<ThumbRow> r, boolean splitOnRn, ThumbRow row) {
        if (!splitOnRn) {
            r.add(row);
            return;
        }
        for (int[] rn : RN_NOT_PC)
            r.add(new ThumbRow(row.name(), row.mask() | rn[0], row.match() | rn[1], row.syntax(), row.it(), row.lower(), row.defined()));
    }

    private static String name(Width width, Addressing a) { return width.name() + (a == Addressing.USER ? "t" : ".w"); }

    private static void singleLoads(List<ThumbRow> r, Width width) {
        int base = 0xf8100000 | width.bits(), mask = 0xff700000;
        boolean word = width.size() == 4;
        for (Addressing a : Addressing.values()) {
            ThumbRow.PcWriter lower = (e, w, pc) -> load(e, w, width, address(e, w, pc, a));
            ThumbRow row = word ? ThumbRow.writesPc(name(width, a), mask | a.mask, base | a.match, "RT," + a.syntax, lower)
                    : ThumbRow.plain(name(width, a), mask | a.mask, base | a.match, "RT," + a.syntax, (e, w, pc) -> lower.lower(e, w, pc));
            addForm(r, a.overlapsLiteral(), row.definedWhen(w -> loadDefined(w, width, a)));
            if (width.hint() != null && a.hasHint()) {
                boolean named = !width.hint().startsWith("ldrsh");
                addForm(r, true, ThumbRow.plain(width.hint(), mask | a.mask | 0xf000, base | a.match | 0xf000,
                        (named ? "" : "pc,") + a.syntax, (e, w, pc) -> { }).definedWhen(w -> a != Addressing.REGISTER || !isSpOrPc(rm(w))));
            }
        }
        // literal: Rn = 1111, U = bit 23, Align(pc + 4, 4) +/- imm12
        for (int u = 0; u < 2; u++) {
            int m = 0xff7f0000 | 1 << 23, v = base | 0xf0000 | u << 23;
            r.add(ThumbRow.writesPc(width.name() + ".w", m, v, "RT,[pc+I12U]", (e, w, pc) -> load(e, w, width, literal(e, w, pc, w & 0xfff)))
                    .definedWhen(w -> word || rt(w) != 13));
            if (width.hint() != null) {
                String hint = width.hint();
                r.add(ThumbRow.plain(hint, m | 0xf000, v | 0xf000, hint.startsWith("ldrsh") ? "pc,[pc+I12U]" : "[pc+I12U]", (e, w, pc) -> { }));
            }
        }
    }

    private static boolean loadDefined(int w, Width width, Addressing a) {
        int t = rt(w), n = rn(w);
        if (width.size() != 4 && isSpOrPc(t)) return false;            // byte/halfword loads: t == 13 (15 is a hint or UNPREDICTABLE)
        return switch (a) {
            case INDEXED -> n != t;                                      // wback && n == t
            case USER -> !isSpOrPc(t);
            case REGISTER -> !isSpOrPc(rm(w));
            default -> true;
        };
    }

    private static void singleStores(List<ThumbRow> r, Width width) {
        int base = 0xf8000000 | width.bits(), mask = 0xff700000;
        for (Addressing a : Addressing.values()) {
            ThumbRow row = ThumbRow.plain(name(width, a), mask | a.mask, base | a.match, "RT," + a.syntax, (e, w, pc) -> {
                int[] addr = address(e, w, pc, a);
                ArmOps.store(e, width.size(), addr[0], e.get(ArmRegs.R[rt(w)]));
                if (addr[1] >= 0) ArmOps.writeReg(e, rn(w), addr[1]);
            });
            r.add(row.definedWhen(w -> storeDefined(w, width, a)));
        }
    }

    private static boolean storeDefined(int w, Width width, Addressing a) {
        int t = rt(w), n = rn(w);
        if (n == 15 || t == 15 || width.size() != 4 && t == 13) return false;
        return switch (a) {
            case INDEXED -> n != t;
            case USER -> t != 13;
            case REGISTER -> !isSpOrPc(rm(w));
            default -> true;
        };
    }

    /**
     * The address of a single access and the value written back to Rn (-1: no writeback), as
     * {address, writeback}.
     */
    private static int[] address(IrEmitter e, int w, int pc, Addressing a) {
        int rn = reg(e, rn(w), pc);
        return switch (a) {
            case IMM12 -> new int[]{e.addImm(rn, w & 0xfff), -1};
            case USER -> new int[]{e.addImm(rn, imm8(w)), -1};
            case REGISTER -> new int[]{e.add(rn, e.shlImm(reg(e, rm(w), pc), w >>> 4 & 3)), -1};
            default -> {
                int offsetAddr = e.addImm(rn, up8(w) ? imm8(w) : -imm8(w));
                yield new int[]{pre8(w) ? offsetAddr : rn, wback8(w) ? offsetAddr : -1};
            }
        };
    }

    /** Align(pc + 4, 4) +/- imm (U = bit 23), a constant. */
    private static int[] literal(IrEmitter e, int w, int pc, int imm) {
        return new int[]{e.const32(literalBase(pc) + (bit(w, 23) ? imm : -imm)), -1};
    }

    /**
     * Loads Rt from {@code addr[0]}, writes back {@code addr[1]} to Rn if any; a load to pc
     * interworks (LoadWritePC) after the writeback. Returns true when it wrote the pc.
     */
    private static boolean load(IrEmitter e, int w, Width width, int[] addr) {
        int v = ArmOps.load(e, width.size(), width.signed(), addr[0]);
        if (addr[1] >= 0) ArmOps.writeReg(e, rn(w), addr[1]);
        if (rt(w) == 15) {
            ArmOps.loadWritePc(e, v);
            return true;
        }
        ArmOps.writeReg(e, rt(w), v);
        return false;
    }

    // ---------------------------------------------------------------- A6.3.6 LDRD/STRD

    /**
     * LDRD/STRD Rt, Rt2, [Rn, #+/-imm8*4] with P (bit 24), U (23), W (21); P = 0 W = 0 is the
     * exclusive and table-branch space, so the rows are P = 1, and P = 0 W = 1. LDRD (literal)
     * is Rn = 1111 with P = 1 W = 0 (W is (0)).
     */
    private static void dual(List<ThumbRow> r) {
        int[][] pw = {{0xff500000, 0xe9400000}, {0xff700000, 0xe8600000}};   // P = 1; P = 0, W = 1
        for (int[] f : pw) {
            r.add(ThumbRow.plain("strd", f[0], f[1], "RT,RD,[RN+I8x4PUW]", Thumb32LoadStore::thumb32_STRD)
                    .definedWhen(w -> rn(w) != 15 && !isSpOrPc(rt(w)) && !isSpOrPc(rd(w)) && !(bit(w, 21) && (rn(w) == rt(w) || rn(w) == rd(w)))));
            r.add(ThumbRow.plain("ldrd", f[0], f[1] | 1 << 20, "RT,RD,[RN+I8x4PUW]", (e, w, pc) -> loadDual(e, w, dualAddress(e, w, pc)))
                    .definedWhen(w -> rn(w) != 15 && dualRegsDefined(w) && !(bit(w, 21) && (rn(w) == rt(w) || rn(w) == rd(w)))));
        }
        r.add(ThumbRow.plain("ldrd", 0xff7f0000, 0xe95f0000, "RT,RD,[pc+I8x4U]", (e, w, pc) -> loadDual(e, w, literal(e, w, pc, imm8(w) * 4)))
                .definedWhen(Thumb32LoadStore::dualRegsDefined));
    }

    /** LDRD: Rt and Rt2 neither sp nor pc, and distinct. */
    private static boolean dualRegsDefined(int w) { return !isSpOrPc(rt(w)) && !isSpOrPc(rd(w)) && rt(w) != rd(w); }

    private static int[] dualAddress(IrEmitter e, int w, int pc) {
        int rn = reg(e, rn(w), pc);
        int offsetAddr = e.addImm(rn, bit(w, 23) ? imm8(w) * 4 : -imm8(w) * 4);
        return new int[]{bit(w, 24) ? offsetAddr : rn, bit(w, 21) ? offsetAddr : -1};
    }

    private static void loadDual(IrEmitter e, int w, int[] addr) {
        ArmAlignment.memA(e, addr[0], 4, false);
        int lo = e.load32(addr[0]), hi = e.load32(e.addImm(addr[0], 4));
        if (addr[1] >= 0) ArmOps.writeReg(e, rn(w), addr[1]);
        ArmOps.writeReg(e, rt(w), lo);
        ArmOps.writeReg(e, rd(w), hi);
    }

    private static void thumb32_STRD(IrEmitter e, int w, int pc) {
        int[] addr = dualAddress(e, w, pc);
        ArmAlignment.memA(e, addr[0], 4, true);
        e.store32(addr[0], e.get(ArmRegs.R[rt(w)]));
        e.store32(e.addImm(addr[0], 4), e.get(ArmRegs.R[rd(w)]));
        if (addr[1] >= 0) ArmOps.writeReg(e, rn(w), addr[1]);
    }

    // ---------------------------------------------------------------- A6.3.6 exclusives and table branch

    private static void exclusive(List<ThumbRow> r) {
        // LDREX Rt, [Rn, #imm8*4]: hw2 = Rt 1111 imm8; STREX Rd, Rt, [Rn, #imm8*4]: hw2 = Rt Rd imm8
        r.add(ThumbRow.plain("ldrex", 0xfff00f00, 0xe8500f00, "RT,[RN+I8x4]", (e, w, pc) ->
                A32Exclusive.loadExclusive(e, e.addImm(e.get(ArmRegs.R[rn(w)]), imm8(w) * 4), 4, rt(w), 15))
                .definedWhen(w -> !isSpOrPc(rt(w)) && rn(w) != 15));
        r.add(ThumbRow.plain("strex", 0xfff00000, 0xe8400000, "RD,RT,[RN+I8x4]", (e, w, pc) ->
                A32Exclusive.storeExclusive(e, e.addImm(e.get(ArmRegs.R[rn(w)]), imm8(w) * 4), 4, rd(w), e.get(ArmRegs.R[rt(w)]), -1))
                .definedWhen(w -> storeExclusiveDefined(rd(w), w, false)));
        // byte, halfword, doubleword: hw2 = Rt Rt2|1111 op3 Rd|1111, op3 = 0100 B, 0101 H, 0111 D
        String[] sfx = {"b", "h", null, "d"};
        for (int k : new int[]{0, 1, 3}) {
            int size = 1 << k, op3 = (4 | k) << 4;
            boolean d = size == 8;
            int ldMask = d ? 0xfff000ff : 0xfff00fff, stMask = d ? 0xfff000f0 : 0xfff00ff0;
            r.add(ThumbRow.plain("ldrex" + sfx[k], ldMask, 0xe8d0000f | op3 | (d ? 0 : 0xf00), d ? "RT,RD,[RN]" : "RT,[RN]", (e, w, pc) ->
                    A32Exclusive.loadExclusive(e, e.get(ArmRegs.R[rn(w)]), size, rt(w), d ? rd(w) : 15))
                    .definedWhen(w -> !isSpOrPc(rt(w)) && rn(w) != 15 && (!d || !isSpOrPc(rd(w)) && rt(w) != rd(w))));
            r.add(ThumbRow.plain("strex" + sfx[k], stMask, 0xe8c00000 | op3 | (d ? 0 : 0xf00), d ? "RM,RT,RD,[RN]" : "RM,RT,[RN]", (e, w, pc) ->
                    A32Exclusive.storeExclusive(e, e.get(ArmRegs.R[rn(w)]), size, rm(w), e.get(ArmRegs.R[rt(w)]),
                            d ? e.get(ArmRegs.R[rd(w)]) : -1))
                    .definedWhen(w -> storeExclusiveDefined(rm(w), w, d)));
        }
        // TBB [Rn, Rm] / TBH [Rn, Rm, LSL #1]: hw2 = 1111 0000 000H Rm
        r.add(ThumbRow.writesPc("tbb", 0xfff0fff0, 0xe8d0f000, "[RN+RM]", (e, w, pc) -> tableBranch(e, w, pc, false))
                .definedWhen(w -> rn(w) != 13 && !isSpOrPc(rm(w))));
        r.add(ThumbRow.writesPc("tbh", 0xfff0fff0, 0xe8d0f010, "[RN+RM+lsl1]", (e, w, pc) -> tableBranch(e, w, pc, true))
                .definedWhen(w -> rn(w) != 13 && !isSpOrPc(rm(w))));
    }

    /** STREX{,B,H,D}: Rd, Rt (and Rt2) neither sp nor pc, Rn not pc, Rd distinct from Rn, Rt, Rt2. */
    private static boolean storeExclusiveDefined(int d, int w, boolean dual) {
        int t = rt(w), n = rn(w);
        if (isSpOrPc(d) || isSpOrPc(t) || n == 15 || d == n || d == t) return false;
        return !dual || !isSpOrPc(rd(w)) && d != rd(w);
    }

    /** TBB/TBH: pc + 4 + 2 * the unsigned byte at Rn + Rm, or halfword at Rn + 2 * Rm (Rn = pc reads pc + 4). */
    private static boolean tableBranch(IrEmitter e, int w, int pc, boolean half) {
        int rm = e.get(ArmRegs.R[rm(w)]);
        int addr = e.add(reg(e, rn(w), pc), half ? e.shlImm(rm, 1) : rm);
        int entries = ArmOps.load(e, half ? 2 : 1, false, addr);
        ArmOps.branchWritePc(e, e.addImm(e.shlImm(entries, 1), pc + 4), true);
        return true;
    }

    // ---------------------------------------------------------------- A6.3.5 load/store multiple

    /**
     * LDM/STM IA (hw1 = 1110 1000 10W L Rn) and DB (1110 1001 00W L Rn) with a 16-bit list; sp
     * (bit 13) is never in it, and STM has no pc (bit 15) either. PUSH.W / POP.W are STMDB sp! and
     * LDMIA sp!, spelt as aliases (GNU objdump 2.40 prints stmdb/ldmia.w, LLVM push.w/pop.w).
     */
    private static void multiple(List<ThumbRow> r) {
        r.add(ThumbRow.plain("stmia.w", 0xffd0a000, 0xe8800000, "RN!,LIST16", (e, w, pc) -> storeMultiple(e, w, true))
                .definedWhen(Thumb32LoadStore::storeMultipleDefined));
        r.add(ThumbRow.plain("stmdb", 0xffd0a000, 0xe9000000, "RN!,LIST16", (e, w, pc) -> storeMultiple(e, w, false))
                .definedWhen(Thumb32LoadStore::storeMultipleDefined));
        r.add(ThumbRow.plain("push.w", 0xffffa000, 0xe92d0000, "LIST16", (e, w, pc) -> storeMultiple(e, w, false))
                .definedWhen(Thumb32LoadStore::storeMultipleDefined));
        r.add(ThumbRow.writesPc("ldmia.w", 0xffd02000, 0xe8900000, "RN!,LIST16", (e, w, pc) -> loadMultiple(e, w, true))
                .definedWhen(Thumb32LoadStore::loadMultipleDefined));
        r.add(ThumbRow.writesPc("ldmdb", 0xffd02000, 0xe9100000, "RN!,LIST16", (e, w, pc) -> loadMultiple(e, w, false))
                .definedWhen(Thumb32LoadStore::loadMultipleDefined));
        r.add(ThumbRow.writesPc("pop.w", 0xffff2000, 0xe8bd0000, "LIST16", (e, w, pc) -> loadMultiple(e, w, true))
                .definedWhen(Thumb32LoadStore::loadMultipleDefined));
    }

    private static int list(int w) { return w & 0xffff; }

    /** Rn not pc, at least two registers, no writeback to a listed base. */
    private static boolean storeMultipleDefined(int w) {
        return rn(w) != 15 && Integer.bitCount(list(w)) >= 2 && !(bit(w, 21) && bit(w, rn(w)));
    }

    /** As for STM, and not both pc and lr. */
    private static boolean loadMultipleDefined(int w) {
        return storeMultipleDefined(w) && !(bit(w, 15) && bit(w, 14));
    }

    /** The lowest address of the transfer: Rn (IA) or Rn - 4 * count (DB); the writeback value. */
    private static int[] multipleAddress(IrEmitter e, int w, boolean increment) {
        int rn = e.get(ArmRegs.R[rn(w)]), bytes = 4 * Integer.bitCount(list(w));
        int start = increment ? rn : e.addImm(rn, -bytes);
        return new int[]{start, increment ? e.addImm(rn, bytes) : start};
    }

    /** STM: the lowest register at the lowest address; a listed base (no writeback) stores its value. */
    private static void storeMultiple(IrEmitter e, int w, boolean increment) {
        int[] a = multipleAddress(e, w, increment);
        ArmAlignment.memA(e, a[0], 4, true);
        int k = 0;
        for (int i = 0; i < 15; i++) if (bit(w, i)) e.store32(e.addImm(a[0], 4 * k++), e.get(ArmRegs.R[i]));
        if (bit(w, 21)) ArmOps.writeReg(e, rn(w), a[1]);
    }

    /** LDM: every word is loaded before any register is written, so a fault leaves them intact; pc last, interworking. */
    private static boolean loadMultiple(IrEmitter e, int w, boolean increment) {
        int[] a = multipleAddress(e, w, increment);
        ArmAlignment.memA(e, a[0], 4, false);
        int[] values = new int[16];
        int k = 0;
        for (int i = 0; i < 16; i++) if (bit(w, i)) values[i] = e.load32(e.addImm(a[0], 4 * k++));
        if (bit(w, 21)) ArmOps.writeReg(e, rn(w), a[1]);
        for (int i = 0; i < 15; i++) if (bit(w, i)) ArmOps.writeReg(e, i, values[i]);
        if (!bit(w, 15)) return false;
        ArmOps.loadWritePc(e, values[15]);
        return true;
    }
}

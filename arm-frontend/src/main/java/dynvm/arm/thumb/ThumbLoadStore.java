package dynvm.arm.thumb;

import static dynvm.arm.ArmRegs.LR;
import static dynvm.arm.ArmRegs.R;
import static dynvm.arm.ArmRegs.SP;
import static dynvm.arm.thumb.ThumbFields.*;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Thumb loads and stores (ARM ARM v5 chapter A7 / ARMv7 A6.2.4, A6.2.5): LDR literal,
 * register offset, immediate offset (word, byte, halfword), sp-relative, PUSH/POP and
 * LDMIA/STMIA. Multiple loads read every word before writing any register, so a fault leaves
 * the registers as they were. POP to pc interworks (LoadWritePC). An empty register list is
 * UNPREDICTABLE; like qemu we treat it as undefined (the rows are not defined for it). In the
 * system context the multiple forms must be word aligned ({@link ArmAlignment}).
 */
final class ThumbLoadStore {
    private ThumbLoadStore() { }

    /** Register-offset forms, indexed by bits 11:9: name, size, signed, load. */
    private static final String[] REG_NAMES = {"str", "strh", "strb", "ldrsb", "ldr", "ldrh", "ldrb", "ldrsh"};
    private static final int[] REG_SIZE = {4, 2, 1, 1, 4, 2, 1, 2};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        r.add(ThumbRow.plain("ldr", 0xf800, 0x4800, "R8,[pc+I8x4]",
                (e, w, pc) -> e.set(R[r8(w)], e.load32(e.const32(literalBase(pc) + imm8(w) * 4)))));
        for (int op = 0; op < 8; op++) {
            int o = op;
            r.add(ThumbRow.plain(REG_NAMES[op], 0xfe00, 0x5000 | op << 9, "R0,[R3+R6]",
                    (e, w, pc) -> access(e, o >= 3, REG_SIZE[o], o == 3 || o == 7, r0(w), e.add(low(e, r3(w)), low(e, r6(w))))));
        }
        r.add(immediate("str", 0x6000, false, 4, "[R3+I5x4]"));
        r.add(immediate("ldr", 0x6800, true, 4, "[R3+I5x4]"));
        r.add(immediate("strb", 0x7000, false, 1, "[R3+I5]"));
        r.add(immediate("ldrb", 0x7800, true, 1, "[R3+I5]"));
        r.add(immediate("strh", 0x8000, false, 2, "[R3+I5x2]"));
        r.add(immediate("ldrh", 0x8800, true, 2, "[R3+I5x2]"));
        r.add(ThumbRow.plain("str", 0xf800, 0x9000, "R8,[sp+I8x4]",
                (e, w, pc) -> access(e, false, 4, false, r8(w), e.addImm(e.get(SP), imm8(w) * 4))));
        r.add(ThumbRow.plain("ldr", 0xf800, 0x9800, "R8,[sp+I8x4]",
                (e, w, pc) -> access(e, true, 4, false, r8(w), e.addImm(e.get(SP), imm8(w) * 4))));
        r.add(ThumbRow.plain("push", 0xfe00, 0xb400, "LIST+lr", ThumbLoadStore::thumb16_PUSH).definedWhen(w -> (w & 0x1ff) != 0));
        r.add(ThumbRow.writesPc("pop", 0xfe00, 0xbc00, "LIST+pc", ThumbLoadStore::thumb16_POP).definedWhen(w -> (w & 0x1ff) != 0));
        r.add(ThumbRow.plain("stmia", 0xf800, 0xc000, "R8!,LIST", ThumbLoadStore::thumb16_STMIA).definedWhen(w -> list(w) != 0));
        r.add(ThumbRow.plain("ldmia", 0xf800, 0xc800, "R8!,LIST", ThumbLoadStore::thumb16_LDMIA).definedWhen(w -> list(w) != 0));
        return r;
    }

    private static int low(IrEmitter e, int r) { return e.get(R[r]); }

    /** LDR/STR{B,H} Rt, [Rn, #imm5 * size]. */
    private static ThumbRow immediate(String name, int match, boolean load, int size, String mem) {
        return ThumbRow.plain(name, 0xf800, match, "R0," + mem,
                (e, w, pc) -> access(e, load, size, false, r0(w), e.addImm(low(e, r3(w)), imm5(w) * size)));
    }

    private static void access(IrEmitter e, boolean load, int size, boolean signed, int rt, int addr) {
        if (load) e.set(R[rt], ArmOps.load(e, size, signed, addr));
        else ArmOps.store(e, size, addr, low(e, rt));
    }

    /** PUSH {list, lr?} = STMDB sp!: lowest register at the lowest address. */
    private static void thumb16_PUSH(IrEmitter e, int w, int pc) {
        boolean lr = (w & 0x100) != 0;
        int count = Integer.bitCount(list(w)) + (lr ? 1 : 0);
        int base = e.addImm(e.get(SP), -4 * count);
        ArmAlignment.memA(e, base, 4, true);
        int off = 0;
        for (int i = 0; i < 8; i++) {
            if ((w >>> i & 1) == 0) continue;
            e.store32(e.addImm(base, off), low(e, i));
            off += 4;
        }
        if (lr) e.store32(e.addImm(base, off), e.get(LR));
        e.set(SP, base);
    }

    /** POP {list, pc?} = LDMIA sp!; a loaded pc interworks. */
    private static boolean thumb16_POP(IrEmitter e, int w, int pc) {
        boolean toPc = (w & 0x100) != 0;
        int count = Integer.bitCount(list(w)) + (toPc ? 1 : 0);
        int sp = e.get(SP);
        ArmAlignment.memA(e, sp, 4, false);
        int[] values = loadAll(e, sp, list(w));
        int target = toPc ? e.load32(e.addImm(sp, 4 * (count - 1))) : -1;
        writeAll(e, list(w), values);
        e.set(SP, e.addImm(sp, 4 * count));
        if (toPc) ArmOps.loadWritePc(e, target);
        return toPc;
    }

    /** STMIA Rn!, {list}: always writes back; a listed Rn stores its original value. */
    private static void thumb16_STMIA(IrEmitter e, int w, int pc) {
        int count = Integer.bitCount(list(w));
        int base = low(e, r8(w));
        ArmAlignment.memA(e, base, 4, true);
        int off = 0;
        for (int i = 0; i < 8; i++) {
            if ((w >>> i & 1) == 0) continue;
            e.store32(e.addImm(base, off), i == r8(w) ? base : low(e, i));
            off += 4;
        }
        e.set(R[r8(w)], e.addImm(base, 4 * count));
    }

    /** LDMIA Rn!, {list}: writes back only when Rn is not in the list (then it gets the loaded value). */
    private static void thumb16_LDMIA(IrEmitter e, int w, int pc) {
        int count = Integer.bitCount(list(w));
        int base = low(e, r8(w));
        ArmAlignment.memA(e, base, 4, false);
        int[] values = loadAll(e, base, list(w));
        writeAll(e, list(w), values);
        if ((list(w) >>> r8(w) & 1) == 0) e.set(R[r8(w)], e.addImm(base, 4 * count));
    }

    /** Loads consecutive words from {@code base} for each listed register (temps by register). */
    private static int[] loadAll(IrEmitter e, int base, int list) {
        int[] values = new int[8];
        int off = 0;
        for (int i = 0; i < 8; i++) {
            if ((list >>> i & 1) == 0) continue;
            values[i] = e.load32(e.addImm(base, off));
            off += 4;
        }
        return values;
    }

    private static void writeAll(IrEmitter e, int list, int[] values) {
        for (int i = 0; i < 8; i++) if ((list >>> i & 1) != 0) e.set(R[i], values[i]);
    }
}

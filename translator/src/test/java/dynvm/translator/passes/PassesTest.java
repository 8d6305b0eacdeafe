package dynvm.translator.passes;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.Block;
import dynvm.ir.Insn;
import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.ir.Type;
import dynvm.spi.RegisterFile;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassesTest {
    private static final RegisterFile REGS = new RegisterFile();
    private static final int R0 = REGS.add("r0", Type.I32), R1 = REGS.add("r1", Type.I32), FLAGS = REGS.add("flags", Type.I32);

    private static Block block(IrEmitter e) {
        e.jump(0x2000);
        return new Block(0x1000, 0, List.copyOf(e.ops()), e.tempTypes(), e.terminal(), 1, 0x1004);
    }

    private static long count(Block b, Op op) { return b.ops().stream().filter(i -> i.op == op).count(); }

    @Test
    void aFlagOverwrittenBeforeAnyReadIsDropped() {
        IrEmitter e = new IrEmitter(REGS);
        e.insnStart(0x1000);
        int a = e.get(R0);
        e.set(FLAGS, e.and(a, e.const32(1)));   // dead: set again below, never read in between
        e.set(R1, e.add(a, a));
        e.set(FLAGS, e.or(a, e.const32(2)));
        Block out = DeadCodeElimination.apply(DeadRegisterWrites.apply(block(e)));
        assertEquals(2, count(out, Op.SET_REG), "r1 and the last flags write stay");
        assertEquals(0, count(out, Op.AND), "the dead flag computation is gone too");
        Verifier.apply(out);
    }

    @Test
    void aWriteBeforeAPossibleFaultIsKept() {
        // the fault handler writes registers back: an instruction that faults must see earlier writes
        IrEmitter e = new IrEmitter(REGS);
        e.insnStart(0x1000);
        e.set(FLAGS, e.const32(1));
        e.insnStart(0x1004);
        int v = e.load32(e.get(R0));
        e.set(FLAGS, v);
        Block out = DeadRegisterWrites.apply(block(e));
        assertEquals(2, count(out, Op.SET_REG));
    }

    @Test
    void aReadInBetweenKeepsTheWrite() {
        IrEmitter e = new IrEmitter(REGS);
        e.set(FLAGS, e.const32(1));
        e.set(R1, e.get(FLAGS));
        e.set(FLAGS, e.const32(2));
        assertEquals(3, count(DeadRegisterWrites.apply(block(e)), Op.SET_REG));
    }

    @Test
    void deadCodeKeepsLoadsBecauseTheyMayFault() {
        IrEmitter e = new IrEmitter(REGS);
        e.load32(e.get(R0));           // result unused, but the access may fault
        e.add(e.get(R0), e.const32(5)); // unused and pure: removed
        Block out = DeadCodeElimination.apply(block(e));
        assertEquals(1, count(out, Op.LOAD32));
        assertEquals(0, count(out, Op.ADD));
    }

    @Test
    void verifierRejectsTypeErrorsAndUndefinedTemps() {
        IrEmitter e = new IrEmitter(REGS);
        int x = e.const32(1);
        Block good = block(e);
        Insn bad = new Insn(Op.ADD, 1, new int[]{x, 7}, 0, null);
        Block undefined = good.withOps(List.of(good.ops().get(0), bad), new Type[]{Type.I32, Type.I32});
        assertThrows(IllegalStateException.class, () -> Verifier.apply(undefined));
        Insn wrongType = new Insn(Op.FADD, 1, new int[]{x, x}, 0, null);
        Block typed = good.withOps(List.of(good.ops().get(0), wrongType), new Type[]{Type.I32, Type.F64});
        assertThrows(IllegalStateException.class, () -> Verifier.apply(typed));
    }

    @Test
    void writesOnBothSidesOfAGuardFollowTheSkippingPath() {
        // FLAGS=1; if (r0) FLAGS=2; FLAGS=3  ->  the first two are dead (3 overwrites on every path)
        IrEmitter e = new IrEmitter(REGS);
        e.set(FLAGS, e.const32(1));
        int l = e.skipUnless(e.ne(e.get(R0), e.const32(0)));
        e.set(FLAGS, e.const32(2));
        e.label(l);
        e.set(FLAGS, e.const32(3));
        assertEquals(1, count(DeadRegisterWrites.apply(block(e)), Op.SET_REG));

        // FLAGS=1; if (r0) FLAGS=2  ->  both stay: the guarded write may not happen
        IrEmitter f = new IrEmitter(REGS);
        f.set(FLAGS, f.const32(1));
        int m = f.skipUnless(f.ne(f.get(R0), f.const32(0)));
        f.set(FLAGS, f.const32(2));
        f.label(m);
        assertEquals(2, count(DeadRegisterWrites.apply(block(f)), Op.SET_REG));
    }

    @Test
    void verifierRejectsTempsUsedPastALabel() {
        IrEmitter e = new IrEmitter(REGS);
        int before = e.get(R0);
        int l = e.skipUnless(e.ne(before, e.const32(0)));
        e.label(l);
        e.set(R1, before); // the label ended its lifetime
        assertThrows(IllegalStateException.class, () -> Verifier.apply(block(e)));

        IrEmitter ok = new IrEmitter(REGS);
        int l2 = ok.skipUnless(ok.ne(ok.get(R0), ok.const32(0)));
        ok.set(R1, ok.const32(4));
        ok.label(l2);
        ok.set(R1, ok.get(R0));
        Verifier.apply(block(ok));
    }
}

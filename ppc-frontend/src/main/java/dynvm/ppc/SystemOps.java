package dynvm.ppc;

import static dynvm.ppc.PpcIr.eaX;
import static dynvm.ppc.PpcIr.gpr;
import static dynvm.ppc.PpcRows.d;
import static dynvm.ppc.PpcRows.x;

import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * System call, storage control and trap instructions (Book I 3.3.x, Book II chapter 3), plus the
 * privileged (Book III) instructions a user program may stumble on, which raise SIGILL.
 *
 * <p>Choices: sync, eieio and isync are no-ops that do not end the block (one vCPU sees its own
 * stores in order; code changes are announced by icbi, which ends the block through the
 * ICACHE_INVALIDATE service). Cache hints (dcbf, dcbst, dcbt, dcbtst, dcba) are no-ops; dcbz
 * zeroes the aligned 32-byte block with plain stores, so it faults and invalidates code exactly
 * like stores do.
 */
public final class SystemOps {
    private SystemOps() { }

    /** Cache block size reported in AT_DCACHEBSIZE / AT_ICACHEBSIZE. */
    static final int CACHE_BLOCK = 32;

    private static final PpcRow.Lowering NOP = (e, w, pc) -> { };

    public static List<PpcRow> rows() {
        List<PpcRow> r = new ArrayList<>();
        r.add(PpcRows.fixed("sc", "SC", 17, 3, 2, "", (e, w, pc) -> e.service(Services.SYSCALL, pc + 4)));
        r.add(x("sync", "X", 31, 598, "", NOP));
        r.add(x("eieio", "X", 31, 854, "", NOP));
        r.add(x("isync", "XL", 19, 150, "", NOP));
        r.add(x("dcbf", "X", 31, 86, "RA,RB", NOP));
        r.add(x("dcbst", "X", 31, 54, "RA,RB", NOP));
        r.add(x("dcbt", "X", 31, 278, "RA,RB", NOP));
        r.add(x("dcbtst", "X", 31, 246, "RA,RB", NOP));
        r.add(x("dcba", "X", 31, 758, "RA,RB", NOP));
        r.add(x("dcbz", "X", 31, 1014, "RA,RB", SystemOps::dcbz));
        r.add(x("icbi", "X", 31, 982, "RA,RB", SystemOps::icbi));
        // tw / twi: TO=31 (and any TO that covers every outcome) is the unconditional "trap" and
        // becomes a precise SIGTRAP terminal at the instruction; TO=0 never traps and is a no-op;
        // any other TO ends the block with the BREAKPOINT service carrying the condition as an
        // I32 (0/1): the engine raises SIGTRAP when it is non-zero and otherwise continues at pc+4.
        r.add(x("tw", "X", 31, 4, "TO,RA,RB", (e, w, pc) -> trapWord(e, w, pc, gpr(e, Fields.rb(w)))));
        r.add(d("twi", "D", 3, "TO,RA,SI", (e, w, pc) -> trapWord(e, w, pc, e.const32(Fields.si(w)))));
        // privileged: a user program gets SIGILL, as under Linux and qemu-ppc
        String[] names = {"mfmsr", "mtmsr", "mfsr", "mfsrin", "mtsr", "mtsrin", "tlbie", "tlbsync", "tlbia", "dcbi"};
        int[] xos = {83, 146, 595, 659, 210, 242, 306, 566, 370, 470};
        for (int i = 0; i < names.length; i++) r.add(x(names[i], "X", 31, xos[i], "", SystemOps::privileged));
        r.add(x("rfi", "XL", 19, 50, "", SystemOps::privileged));
        return r;
    }

    private static void privileged(IrEmitter e, int w, int pc) { e.trap(GuestException.PRIVILEGED_INSTRUCTION, pc, "privileged instruction"); }

    private static int blockAddress(IrEmitter e, int w) {
        return e.andImm(eaX(e, Fields.ra(w), Fields.rb(w)), -CACHE_BLOCK);
    }

    private static void dcbz(IrEmitter e, int w, int pc) {
        int base = blockAddress(e, w), zero = e.const32(0);
        for (int off = 0; off < CACHE_BLOCK; off += 4) e.store32(e.addImm(base, off), zero);
    }

    private static void icbi(IrEmitter e, int w, int pc) {
        e.service(Services.ICACHE_INVALIDATE, pc + 4, blockAddress(e, w), e.const32(CACHE_BLOCK));
    }

    /** TO bits: 16 signed <, 8 signed >, 4 equal, 2 unsigned <, 1 unsigned >. */
    private static void trapWord(IrEmitter e, int w, int pc, int b) {
        int to = Fields.bits(w, 6, 10);
        if (to == 0) return;
        if ((to & 28) == 28 || (to & 7) == 7) {
            e.trap(GuestException.TRAP_INSTRUCTION, pc, "trap");
            return;
        }
        int a = gpr(e, Fields.ra(w)), cond = -1;
        if ((to & 16) != 0) cond = or(e, cond, e.lts(a, b));
        if ((to & 8) != 0) cond = or(e, cond, e.gts(a, b));
        if ((to & 4) != 0) cond = or(e, cond, e.eq(a, b));
        if ((to & 2) != 0) cond = or(e, cond, e.ltu(a, b));
        if ((to & 1) != 0) cond = or(e, cond, e.gtu(a, b));
        e.service(Services.BREAKPOINT, pc + 4, e.boolToI32(cond));
    }

    private static int or(IrEmitter e, int acc, int c) { return acc < 0 ? c : e.bor(acc, c); }
}

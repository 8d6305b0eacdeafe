package dynvm.ppc;

import static dynvm.ppc.PpcIr.eaD;
import static dynvm.ppc.PpcIr.eaX;
import static dynvm.ppc.PpcIr.gpr;
import static dynvm.ppc.PpcIr.raOrZero;
import static dynvm.ppc.PpcIr.setGpr;
import static dynvm.ppc.PpcRegs.CR;
import static dynvm.ppc.PpcRegs.RESV_ADDR;
import static dynvm.ppc.PpcRegs.RESV_VAL;
import static dynvm.ppc.PpcRegs.XER_SO;
import static dynvm.ppc.PpcRows.d;
import static dynvm.ppc.PpcRows.x;

import dynvm.ir.Helper;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-point loads and stores (Power ISA Book I, chapter 3.3): D- and X-forms with update,
 * byte-reversed, multiple and string forms, and the lwarx / stwcx. reservation pair. Update
 * forms with RA=0 (or RA=RT for loads) are invalid; like qemu-ppc they raise SIGILL.
 */
public final class LoadStore {
    private LoadStore() { }

    /** Access kinds. */
    private static final int BYTE = 0, HALF = 1, HALF_ALGEBRAIC = 2, WORD = 3;

    private static final Helper LOAD_STRING = Helper.of(PpcStrings.class, "loadString");
    private static final Helper STORE_STRING = Helper.of(PpcStrings.class, "storeString");

    public static List<PpcRow> rows() {
        List<PpcRow> r = new ArrayList<>();
        String[] loads = {"lbz", "lhz", "lha", "lwz"};
        int[] loadOps = {34, 40, 42, 32};
        int[] loadXo = {87, 279, 343, 23};
        for (int k = 0; k < 4; k++) {
            int kind = k;
            r.add(d(loads[k], "D", loadOps[k], "RT,D(RA)", (e, w, pc) -> load(e, w, pc, kind, false, false)));
            r.add(d(loads[k] + "u", "D", loadOps[k] + 1, "RT,D(RA)", (e, w, pc) -> load(e, w, pc, kind, true, false)));
            r.add(x(loads[k] + "x", "X", 31, loadXo[k], "RT,RA,RB", (e, w, pc) -> load(e, w, pc, kind, false, true)));
            r.add(x(loads[k] + "ux", "X", 31, loadXo[k] + 32, "RT,RA,RB", (e, w, pc) -> load(e, w, pc, kind, true, true)));
        }
        String[] stores = {"stb", "sth", "stw"};
        int[] storeKinds = {BYTE, HALF, WORD};
        int[] storeOps = {38, 44, 36};
        int[] storeXo = {215, 407, 151};
        for (int k = 0; k < 3; k++) {
            int kind = storeKinds[k];
            r.add(d(stores[k], "D", storeOps[k], "RS,D(RA)", (e, w, pc) -> store(e, w, pc, kind, false, false)));
            r.add(d(stores[k] + "u", "D", storeOps[k] + 1, "RS,D(RA)", (e, w, pc) -> store(e, w, pc, kind, true, false)));
            r.add(x(stores[k] + "x", "X", 31, storeXo[k], "RS,RA,RB", (e, w, pc) -> store(e, w, pc, kind, false, true)));
            r.add(x(stores[k] + "ux", "X", 31, storeXo[k] + 32, "RS,RA,RB", (e, w, pc) -> store(e, w, pc, kind, true, true)));
        }
        r.add(x("lhbrx", "X", 31, 790, "RT,RA,RB", (e, w, pc) ->
                setGpr(e, Fields.rt(w), e.shruImm(e.bswap32(e.load16(eaX(e, Fields.ra(w), Fields.rb(w)))), 16))));
        r.add(x("lwbrx", "X", 31, 534, "RT,RA,RB", (e, w, pc) ->
                setGpr(e, Fields.rt(w), e.bswap32(e.load32(eaX(e, Fields.ra(w), Fields.rb(w)))))));
        r.add(x("sthbrx", "X", 31, 918, "RS,RA,RB", (e, w, pc) -> {
            int s = gpr(e, Fields.rs(w));
            e.store16(eaX(e, Fields.ra(w), Fields.rb(w)), e.shruImm(e.bswap32(s), 16));
        }));
        r.add(x("stwbrx", "X", 31, 662, "RS,RA,RB", (e, w, pc) -> {
            int s = gpr(e, Fields.rs(w));
            e.store32(eaX(e, Fields.ra(w), Fields.rb(w)), e.bswap32(s));
        }));
        r.add(d("lmw", "D", 46, "RT,D(RA)", LoadStore::lmw));
        r.add(d("stmw", "D", 47, "RS,D(RA)", LoadStore::stmw));
        r.add(x("lswi", "X", 31, 597, "RT,RA,NB", LoadStore::lswi));
        r.add(x("stswi", "X", 31, 725, "RS,RA,NB", LoadStore::stswi));
        r.add(x("lswx", "X", 31, 533, "RT,RA,RB", (e, w, pc) ->
                e.call(LOAD_STRING, eaX(e, Fields.ra(w), Fields.rb(w)), e.const32(Fields.rt(w)))));
        r.add(x("stswx", "X", 31, 661, "RS,RA,RB", (e, w, pc) ->
                e.call(STORE_STRING, eaX(e, Fields.ra(w), Fields.rb(w)), e.const32(Fields.rs(w)))));
        r.add(x("lwarx", "X", 31, 20, "RT,RA,RB", LoadStore::lwarx));
        r.add(PpcRows.fixed("stwcx.", "X", 31, PpcRows.XO10 | 1, 150 << 1 | 1, "RS,RA,RB", LoadStore::stwcx));
        return r;
    }

    private static int loadKind(IrEmitter e, int kind, int ea) {
        return switch (kind) {
            case BYTE -> e.load8(ea);
            case HALF -> e.load16(ea);
            case HALF_ALGEBRAIC -> e.sext16(e.load16(ea));
            default -> e.load32(ea);
        };
    }

    private static void load(IrEmitter e, int w, int pc, int kind, boolean update, boolean indexed) {
        int ra = Fields.ra(w), rt = Fields.rt(w);
        if (update && (ra == 0 || ra == rt)) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "invalid form: load with update and RA=0 or RA=RT");
            return;
        }
        int ea = indexed ? eaX(e, ra, Fields.rb(w)) : eaD(e, ra, Fields.si(w));
        setGpr(e, rt, loadKind(e, kind, ea));
        if (update) setGpr(e, ra, ea);
    }

    private static void store(IrEmitter e, int w, int pc, int kind, boolean update, boolean indexed) {
        int ra = Fields.ra(w);
        if (update && ra == 0) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "invalid form: store with update and RA=0");
            return;
        }
        int s = gpr(e, Fields.rs(w));
        int ea = indexed ? eaX(e, ra, Fields.rb(w)) : eaD(e, ra, Fields.si(w));
        switch (kind) {
            case BYTE -> e.store8(ea, s);
            case HALF -> e.store16(ea, s);
            default -> e.store32(ea, s);
        }
        if (update) setGpr(e, ra, ea);
    }

    /** lmw, unrolled: RT..r31 from consecutive words. */
    private static void lmw(IrEmitter e, int w, int pc) {
        int ea = eaD(e, Fields.ra(w), Fields.si(w));
        for (int r = Fields.rt(w); r < 32; r++)
            setGpr(e, r, e.load32(e.addImm(ea, 4 * (r - Fields.rt(w)))));
    }

    private static void stmw(IrEmitter e, int w, int pc) {
        int ea = eaD(e, Fields.ra(w), Fields.si(w));
        for (int r = Fields.rs(w); r < 32; r++)
            e.store32(e.addImm(ea, 4 * (r - Fields.rs(w))), gpr(e, r));
    }

    private static int stringLength(int w) {
        int nb = Fields.rb(w);
        return nb == 0 ? 32 : nb;
    }

    /** lswi, unrolled byte by byte: registers fill from the high byte and wrap r31 to r0. */
    private static void lswi(IrEmitter e, int w, int pc) {
        int n = stringLength(w), ea = raOrZero(e, Fields.ra(w)), reg = Fields.rt(w), acc = -1;
        for (int i = 0; i < n; i++) {
            int b = e.load8(e.addImm(ea, i)), shift = 24 - 8 * (i & 3);
            int v = shift == 0 ? b : e.shlImm(b, shift);
            acc = acc < 0 ? v : e.or(acc, v);
            if ((i & 3) == 3 || i == n - 1) {
                setGpr(e, reg, acc);
                reg = (reg + 1) & 31;
                acc = -1;
            }
        }
    }

    private static void stswi(IrEmitter e, int w, int pc) {
        int n = stringLength(w), ea = raOrZero(e, Fields.ra(w)), s = -1;
        for (int i = 0; i < n; i++) {
            if ((i & 3) == 0) s = gpr(e, (Fields.rs(w) + (i >>> 2)) & 31);
            int shift = 24 - 8 * (i & 3);
            e.store8(e.addImm(ea, i), shift == 0 ? s : e.shruImm(s, shift));
        }
    }

    private static void lwarx(IrEmitter e, int w, int pc) {
        int ea = eaX(e, Fields.ra(w), Fields.rb(w));
        int v = e.load32(ea);
        e.set(RESV_ADDR, ea);
        e.set(RESV_VAL, v);
        setGpr(e, Fields.rt(w), v);
    }

    private static final dynvm.ir.Helper STORE_CONDITIONAL = dynvm.ir.Helper.of(LoadStore.class, "storeConditional");

    /**
     * stwcx.: store if the reservation is on EA and memory still holds the value lwarx loaded
     * (a compare-and-set, atomic against other guest threads); CR0 = 0b00 EQ SO; the
     * reservation is always lost. A faulting store leaves CR0 and the reservation as they were.
     */
    private static void stwcx(IrEmitter e, int w, int pc) {
        int ea = eaX(e, Fields.ra(w), Fields.rb(w));
        int ok = e.call(STORE_CONDITIONAL, e.eq(e.get(RESV_ADDR), ea), ea, e.get(RESV_VAL), gpr(e, Fields.rs(w)));
        e.set(RESV_ADDR, e.const32(-1));
        e.set(CR[0], e.or(e.select(ok, e.const32(2), e.const32(0)), e.get(XER_SO)));
    }

    /** stwcx.'s store: when the reservation matches, a compare-and-set of the word at {@code ea}. */
    public static boolean storeConditional(dynvm.spi.CpuState cpu, boolean reserved, int ea, int expect, int value) {
        return reserved && cpu.mem.compareAndSet(ea, 4, expect & 0xffffffffL, value & 0xffffffffL);
    }
}

package dynvm.ppc;

import static dynvm.ppc.Fields.*;

import dynvm.ir.Helper;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import java.util.List;

/**
 * Floating-point loads and stores (Power ISA Book I, 4.6): lfs/lfd/stfs/stfd in D-form (opcodes
 * 48..55) and X-form (opcode 31), with and without update, plus stfiwx. Single-precision
 * transfers convert by bits ({@link FpConvert}); EA = (RA|0) + D or (RA|0) + RB. Update forms
 * with RA=0 are invalid forms and trap as illegal instructions.
 */
final class FpMemoryOps {
    private FpMemoryOps() { }

    private static final int OPCD = 0xfc00_0000, X_MASK = OPCD | FloatingPoint.field(21, 31);

    private enum Kind { LFS, LFD, STFS, STFD, STFIW }

    static void rows(List<PpcRow> t, Helper lfs, Helper stfs) {
        Kind[] kinds = { Kind.LFS, Kind.LFD, Kind.STFS, Kind.STFD };
        String[] names = { "lfs", "lfd", "stfs", "stfd" };
        for (int i = 0; i < 4; i++) {
            Kind k = kinds[i];
            for (int u = 0; u < 2; u++) {
                boolean update = u == 1;
                String name = names[i] + (update ? "u" : "");
                String reg = k == Kind.LFS || k == Kind.LFD ? "FRT" : "FRS";
                // D-form: lfs 48, lfsu 49, lfd 50, lfdu 51, stfs 52, stfsu 53, stfd 54, stfdu 55
                t.add(new PpcRow(name, "D", OPCD, (48 + 2 * i + u) << 26, reg + ",D(RA)",
                        (e, w, pc) -> access(e, w, pc, k, update, false, lfs, stfs)));
                // X-form: lfsx 535, lfsux 567, lfdx 599, lfdux 631, stfsx 663, stfsux 695, stfdx 727, stfdux 759
                t.add(new PpcRow(name + "x", "X", X_MASK, (31 << 26) | ((535 + 64 * i + 32 * u) << 1), reg + ",RA,RB",
                        (e, w, pc) -> access(e, w, pc, k, update, true, lfs, stfs)));
            }
        }
        t.add(new PpcRow("stfiwx", "X", X_MASK, (31 << 26) | (983 << 1), "FRS,RA,RB",
                (e, w, pc) -> access(e, w, pc, Kind.STFIW, false, true, lfs, stfs)));
    }

    private static void access(IrEmitter e, int w, int pc, Kind k, boolean update, boolean indexed, Helper lfs,
            Helper stfs) {
        int ra = ra(w), fr = rt(w);
        if (update && ra == 0) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, "invalid form: update with RA=0");
            return;
        }
        int base = ra == 0 ? e.const32(0) : e.get(PpcRegs.GPR[ra]);
        int ea = indexed ? e.add(base, e.get(PpcRegs.GPR[rb(w)])) : e.addImm(base, si(w));
        switch (k) {
            case LFS -> e.set(PpcRegs.FPR[fr], e.call(lfs, e.load32(ea)));
            case LFD -> e.set(PpcRegs.FPR[fr], e.load64(ea));
            case STFS -> e.store32(ea, e.call(stfs, e.get(PpcRegs.FPR[fr])));
            case STFD -> e.store64(ea, e.get(PpcRegs.FPR[fr]));
            case STFIW -> e.store32(ea, e.lo32(e.get(PpcRegs.FPR[fr])));
        }
        if (update) e.set(PpcRegs.GPR[ra], ea);
    }
}

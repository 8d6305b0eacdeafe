package dynvm.arm.thumb;

import static dynvm.arm.thumb.Thumb32Fields.*;

import dynvm.arm.ArmMedia;
import dynvm.arm.ArmMedia.Extend;
import dynvm.arm.ArmMedia.ParallelOp;
import dynvm.arm.ArmMedia.Prefix;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.IrEmitter;
import java.util.ArrayList;
import java.util.List;

/**
 * 32-bit data processing on registers (ARM ARM A6.3.12-A6.3.15, hw1 = 1111 1010): shifts by a
 * register, the sign and zero extensions with rotation and their accumulating forms, the parallel additions and
 * subtractions, QADD/QSUB/QDADD/QDSUB, REV/REV16/RBIT/REVSH, SEL and CLZ. The semantics are
 * {@link ArmMedia}'s, shared with A32. Registers sp and pc are UNPREDICTABLE in every operand and
 * decode as UNDEFINED, as does a one-operand form whose two copies of Rm differ.
 */
final class Thumb32Media {
    private Thumb32Media() { }

    private static final String[] SHIFTS = {"lsl", "lsr", "asr", "ror"};
    /** Extend ops by hw1[6:4]. */
    private static final Extend[] EXTENDS = {Extend.SXTH, Extend.UXTH, Extend.SXTB16, Extend.UXTB16, Extend.SXTB, Extend.UXTB};
    /** Parallel op by hw1[6:4]: 000 ADD8, 001 ADD16, 010 ASX, 100 SUB8, 101 SUB16, 110 SAX. */
    private static final ParallelOp[] PARALLEL = {ParallelOp.ADD8, ParallelOp.ADD16, ParallelOp.ASX, null,
            ParallelOp.SUB8, ParallelOp.SUB16, ParallelOp.SAX, null};

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        // 1111 1010 0 type S Rn | 1111 Rd 0000 Rm
        for (int type = 0; type < 4; type++) {
            for (int s = 0; s < 2; s++) {
                int t = type;
                boolean setFlags = s == 1;
                r.add(rdnm(SHIFTS[type] + (setFlags ? "s" : "") + ".w", 0xfff0f0f0, 0xfa00f000 | type << 21 | s << 20, "RD,RN,RM", (e, w, n, m) -> {
                    ArmOps.Operand v = ArmOps.shiftReg(e, n, t, m, setFlags);
                    if (setFlags) {
                        ArmOps.setNZ(e, v.value());
                        e.set(ArmRegs.C, v.carry());
                    }
                    return v.value();
                }));
            }
        }
        // 1111 1010 0 op Rn | 1111 Rd 1 (0) rot Rm; Rn = 1111: no accumulate
        for (int op = 0; op < EXTENDS.length; op++) {
            Extend k = EXTENDS[op];
            boolean narrow = k != Extend.SXTB16 && k != Extend.UXTB16;
            r.add(ThumbRow.plain(k.mnemonic() + (narrow ? ".w" : ""), 0xfffff0c0, 0xfa0ff080 | op << 20, "RD,RM,ROT", (e, w, pc) ->
                    ArmOps.writeReg(e, rd(w), ArmMedia.extend(e, k, e.get(ArmRegs.R[rm(w)]), 8 * (w >>> 4 & 3))))
                    .definedWhen(w -> ok(rd(w)) && ok(rm(w))));
            r.add(ThumbRow.plain(k.accumulateMnemonic(), 0xfff0f0c0, 0xfa00f080 | op << 20, "RD,RN,RM,ROT", (e, w, pc) ->
                    ArmOps.writeReg(e, rd(w), ArmMedia.extendAdd(e, k, e.get(ArmRegs.R[rn(w)]), e.get(ArmRegs.R[rm(w)]), 8 * (w >>> 4 & 3))))
                    .definedWhen(w -> ok(rd(w)) && rn(w) != 13 && ok(rm(w))));
        }
        // 1111 1010 1 op1 Rn | 1111 Rd 0 U op2 Rm: parallel add/subtract
        Prefix[][] prefixes = {{Prefix.S, Prefix.Q, Prefix.SH}, {Prefix.U, Prefix.UQ, Prefix.UH}};
        for (int op1 = 0; op1 < 8; op1++) {
            if (PARALLEL[op1] == null) continue;
            ParallelOp op = PARALLEL[op1];
            for (int u = 0; u < 2; u++) {
                for (int op2 = 0; op2 < 3; op2++) {
                    Prefix p = prefixes[u][op2];
                    r.add(rdnm(p.mnemonic() + op.mnemonic(), 0xfff0f0f0, 0xfa80f000 | op1 << 20 | u << 6 | op2 << 4, "RD,RN,RM",
                            (e, w, n, m) -> ArmMedia.parallelAddSub(e, p, op, n, m)));
                }
            }
        }
        // 1111 1010 10 op1 Rn | 1111 Rd 10 op2 Rm: saturating add/subtract (Rd, Rm, Rn), reversal, SEL, CLZ
        r.add(rdnm("qadd", 0xfff0f0f0, 0xfa80f080, "RD,RM,RN", (e, w, n, m) -> ArmMedia.qadd(e, m, n)));
        r.add(rdnm("qdadd", 0xfff0f0f0, 0xfa80f090, "RD,RM,RN", (e, w, n, m) -> ArmMedia.qdadd(e, m, n)));
        r.add(rdnm("qsub", 0xfff0f0f0, 0xfa80f0a0, "RD,RM,RN", (e, w, n, m) -> ArmMedia.qsub(e, m, n)));
        r.add(rdnm("qdsub", 0xfff0f0f0, 0xfa80f0b0, "RD,RM,RN", (e, w, n, m) -> ArmMedia.qdsub(e, m, n)));
        r.add(rdm("rev.w", 0xfa90f080, (e, m) -> ArmMedia.rev(e, m)));
        r.add(rdm("rev16.w", 0xfa90f090, (e, m) -> ArmMedia.rev16(e, m)));
        r.add(rdm("rbit", 0xfa90f0a0, (e, m) -> ArmMedia.rbit(e, m)));
        r.add(rdm("revsh.w", 0xfa90f0b0, (e, m) -> ArmMedia.revsh(e, m)));
        r.add(rdnm("sel", 0xfff0f0f0, 0xfaa0f080, "RD,RN,RM", (e, w, n, m) -> ArmMedia.sel(e, n, m)));
        r.add(rdm("clz", 0xfab0f080, (e, m) -> ArmMedia.clz(e, m)));
        return r;
    }

    /** Not sp or pc. */
    static boolean ok(int reg) { return reg != 13 && reg != 15; }

    @FunctionalInterface
    interface Binary { int apply(IrEmitter e, int insn, int n, int m); }

    @FunctionalInterface
    interface Unary { int apply(IrEmitter e, int m); }

    /** Rd = f(Rn, Rm). */
    private static ThumbRow rdnm(String name, int mask, int match, String syntax, Binary f) {
        return ThumbRow.plain(name, mask, match, syntax, (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), f.apply(e, w, e.get(ArmRegs.R[rn(w)]), e.get(ArmRegs.R[rm(w)]))))
                .definedWhen(w -> ok(rd(w)) && ok(rn(w)) && ok(rm(w)));
    }

    /** Rd = f(Rm), Rm encoded twice (hw1[3:0] and hw2[3:0]) and both copies equal. */
    private static ThumbRow rdm(String name, int match, Unary f) {
        return ThumbRow.plain(name, 0xfff0f0f0, match, "RD,RM", (e, w, pc) ->
                ArmOps.writeReg(e, rd(w), f.apply(e, e.get(ArmRegs.R[rm(w)]))))
                .definedWhen(w -> ok(rd(w)) && ok(rm(w)) && rn(w) == rm(w));
    }
}

package dynvm.arm.a32;

import static dynvm.arm.ArmRegs.C;
import static dynvm.arm.ArmRegs.GE;
import static dynvm.arm.ArmRegs.N;
import static dynvm.arm.ArmRegs.Q;
import static dynvm.arm.ArmRegs.V;
import static dynvm.arm.ArmRegs.Z;
import static dynvm.arm.a32.A32Fields.bit;
import static dynvm.arm.a32.A32Fields.cond;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;

import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.Services;
import java.util.ArrayList;
import java.util.List;

/**
 * Status register access, exception-generating, hint, barrier and coprocessor instructions as seen
 * from user mode (ARM ARM A5.2.12, A5.7, B6 "CP15"): MRS/MSR of the APSR, SVC, BKPT, UDF, the
 * ARMv6K/v7 hints (NOP, YIELD, WFE, WFI, SEV, DBG), PLD, PLI, CLREX, DMB/DSB/ISB and their ARMv6
 * CP15 forms, and the one CP15 register user mode may read: TPIDRURO (mrc p15, 0, Rt, c13, c0, 3).
 * Every other coprocessor access is UNDEFINED here (no VFP): it has no row, so it raises SIGILL.
 *
 * <p>SVC, BKPT and UDF end the block (a terminal cannot sit inside a conditional region): a
 * conditional SVC passes its condition to the SYSCALL service, which skips the call when it
 * fails; BKPT and UDF trap whatever their condition.
 */
public final class A32Misc {
    private A32Misc() { }

    /** User mode in the CPSR mode field, as MRS reports it. */
    public static final int USR_MODE = 0x10;

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        r.add(A32Row.unguarded("svc", 0x0f000000, 0x0f000000, "#i24", A32Misc::svc));
        r.add(A32Row.unguarded("bkpt", 0x0ff000f0, 0x01200070, "#i16", (e, w, pc) -> {
            e.trap(GuestException.BREAKPOINT, pc, String.format("bkpt 0x%04x", (w >>> 4) & 0xfff0 | w & 15));
            return false;
        }));
        r.add(A32Row.unguarded("udf", 0x0ff000f0, 0x07f000f0, "#i16", (e, w, pc) -> {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("udf: permanently undefined instruction 0x%08x", w));
            return false;
        }));
        r.add(A32Row.plain("mrs", 0x0fff0fff, 0x010f0000, "R12,apsr", (e, w, pc) -> ArmOps.writeRegUnlessPc(e, r12(w), readApsr(e))));
        r.add(A32Row.plain("msr", 0x0ff0fff0, 0x0120f000, "msrmask,R0", (e, w, pc) ->
                writeApsr(e, w, ArmOps.readReg(e, r0(w), pcRead(pc)))));
        r.add(A32Row.plain("msr", 0x0ff0f000, 0x0320f000, "msrmask,#rimm", (e, w, pc) ->
                writeApsr(e, w, e.const32(ArmOps.expandImmValue(w & 0xfff)))));
        // MSR imm with an empty mask is the hint space (ARMv6K); unknown hints are NOPs too
        r.add(A32Row.plain("hint", 0x0fffff00, 0x0320f000, "#i8", (e, w, pc) -> { }));
        // user-mode WFE/WFI are hints too: a single-threaded VM has nothing to wait for
        String[] hints = {"nop", "yield", "wfe", "wfi", "sev"};
        for (int i = 0; i < hints.length; i++) r.add(A32Row.plain(hints[i], 0x0fffffff, 0x0320f000 | i, "", (e, w, pc) -> { }));
        r.add(A32Row.plain("dbg", 0x0ffffff0, 0x0320f0f0, "#i4", (e, w, pc) -> { }));
        // preload data (PLD, PLDW with R = 0) and instructions (PLI, ARMv7): hints without architectural effect
        // PLD: 1111 01 I 1 U R01 Rn 1111 ...; PLI: 1111 0100 U101 Rn 1111 imm12 / 1111 0110 U101 Rn 1111 imm5 type 0 Rm
        for (int rBit = 0; rBit < 2; rBit++) {
            String name = rBit == 1 ? "pld" : "pldw";
            r.add(A32Row.plain(name, 0xff70f000, 0xf510f000 | rBit << 22, "am2", (e, w, pc) -> { }));
            r.add(A32Row.plain(name, 0xff70f010, 0xf710f000 | rBit << 22, "am2", (e, w, pc) -> { }));
        }
        r.add(A32Row.plain("pli", 0xff70f000, 0xf450f000, "preload", (e, w, pc) -> { }));
        r.add(A32Row.plain("pli", 0xff70f010, 0xf650f000, "preload", (e, w, pc) -> { }));
        r.add(A32Row.plain("clrex", 0xffffffff, 0xf57ff01f, "", (e, w, pc) -> e.set(ArmRegs.EXCL_ADDR, e.const32(-1))));
        // barriers: ordering is trivially kept by a single-threaded user VM; the option (bits 3:0) is only printed
        r.add(A32Row.plain("dsb", 0xfffffff0, 0xf57ff040, "barrier", (e, w, pc) -> { }));
        r.add(A32Row.plain("dmb", 0xfffffff0, 0xf57ff050, "barrier", (e, w, pc) -> { }));
        r.add(A32Row.plain("isb", 0xfffffff0, 0xf57ff060, "isbopt", (e, w, pc) -> { }));
        // cond 1110 opc1 L CRn Rt 1111 opc2 1 CRm
        r.add(A32Row.plain("mrc", 0x0fff0fff, 0x0e1d0f70, "p15,0,R12,c13,c0,3", A32Misc::readTls));
        r.add(A32Row.plain("mcr", 0x0fff0fff, 0x0e070fba, "p15,0,R12,c7,c10,5", (e, w, pc) -> { }));   // DMB
        r.add(A32Row.plain("mcr", 0x0fff0fff, 0x0e070f9a, "p15,0,R12,c7,c10,4", (e, w, pc) -> { }));   // DSB
        r.add(A32Row.plain("mcr", 0x0fff0fff, 0x0e070f95, "p15,0,R12,c7,c5,4", (e, w, pc) -> { }));    // ISB
        return r;
    }

    private static boolean svc(IrEmitter e, int w, int pc) {
        if (cond(w) == ArmOps.AL) e.service(Services.SYSCALL, pc + 4);
        else e.service(Services.SYSCALL, pc + 4, e.boolToI32(ArmOps.condition(e, cond(w)))); // made only if it holds
        return false;
    }

    /** The APSR as MRS reads it in user mode: NZCVQ, GE[3:0] at 19:16, mode USR. */
    public static int readApsr(IrEmitter e) {
        int v = e.or(e.shlImm(e.get(N), 31), e.shlImm(e.get(Z), 30));
        v = e.or(v, e.shlImm(e.get(C), 29));
        v = e.or(v, e.shlImm(e.get(V), 28));
        v = e.or(v, e.shlImm(e.get(Q), 27));
        v = e.or(v, e.shlImm(e.get(GE), 16));
        return e.or(v, e.const32(USR_MODE));
    }

    /**
     * MSR APSR: mask bit 19 (f, APSR_nzcvq) writes NZCVQ, bit 18 (s, APSR_g) writes GE; the
     * control and extension bytes are privileged and ignored in user mode.
     */
    public static void writeApsr(IrEmitter e, int w, int v) {
        if (bit(w, 19)) {
            e.set(N, ArmOps.bit(e, v, 31));
            e.set(Z, ArmOps.bit(e, v, 30));
            e.set(C, ArmOps.bit(e, v, 29));
            e.set(V, ArmOps.bit(e, v, 28));
            e.set(Q, ArmOps.bit(e, v, 27));
        }
        if (bit(w, 18)) e.set(GE, e.andImm(e.shruImm(v, 16), 15));
    }

    /** mrc p15, 0, Rt, c13, c0, 3; Rt = 15 means APSR_nzcv (flags from the top bits). */
    private static void readTls(IrEmitter e, int w, int pc) {
        int v = e.get(ArmRegs.TPIDRURO);
        if (r12(w) != 15) {
            ArmOps.writeRegUnlessPc(e, r12(w), v);
            return;
        }
        e.set(N, ArmOps.bit(e, v, 31));
        e.set(Z, ArmOps.bit(e, v, 30));
        e.set(C, ArmOps.bit(e, v, 29));
        e.set(V, ArmOps.bit(e, v, 28));
    }
}

package dynvm.arm.thumb;

import static dynvm.arm.ArmDecoder.IT_SHIFT;
import static dynvm.arm.ArmDecoder.THUMB;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmFeatureGate;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.arm.neon.Neon;
import dynvm.arm.vfp.Vfp;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.MemoryPort;

/**
 * Decodes one ARMv7-A Thumb instruction through {@link ThumbTable} and lowers it to IR, inside or
 * outside an IT block.
 *
 * <p>A halfword whose bits 15:11 are 11101, 11110 or 11111 is the first half of a 32-bit
 * instruction: the second halfword is fetched before any IR is emitted (the interpreter executes
 * ops as they arrive), and its fetch fault propagates like any other.
 *
 * <p>IT blocks: the IT state comes from the decode context (bits 15:8). An instruction inside a
 * block runs under condition ITSTATE[7:4] (a skipUnless guard, none for AL); after it, outside
 * the guard, ITSTATE gets its advanced value and the block builder is told to go on in that
 * context, so a block may end anywhere in an IT block and the next one resumes there. An
 * instruction that wrote the pc ends the block on NEXT_PC with the condition (the state is
 * advanced first: 0 after the last instruction, which is where the architecture allows a branch).
 * Rows marked {@link ThumbRow.It#OWN} (SVC, BKPT) see the state and advance it before they end
 * the block; rows that are UNPREDICTABLE in a block ({@link ThumbRow.It#OUTSIDE_ONLY}) raise
 * SIGILL there.
 */
public final class ThumbDecoder {
    private ThumbDecoder() { }


    /** Does {@code hw} start a 32-bit instruction? */
    static boolean isWide(int hw) { return (hw & 0xffff) >>> 11 >= 0b11101; }

    public static int lower(int pc, int context, MemoryPort code, IrEmitter e) {
        int hw = code.load16(pc) & 0xffff;
        boolean wide = isWide(hw);
        int insn = wide ? hw << 16 | code.load16(pc + 2) & 0xffff : hw;
        int len = wide ? 4 : 2;
        int it = context >>> IT_SHIFT & 0xff;
        e.insnStart(pc, context);
        ThumbRow row = null;
        boolean systemRow = false;
        int sys = context & (ArmDecoder.SYSTEM | ArmDecoder.VFP_ENABLED | ArmDecoder.PRIVILEGED | ArmDecoder.ALIGNMENT_CHECK | ArmDecoder.MODEL_MASK);
        if ((sys & ArmDecoder.SYSTEM) != 0) {   // system mode: the sensitive rows first, and VFP only when enabled
            row = ThumbSystem.find(insn, wide, context);
            systemRow = row != null;   // the system CPU (a Cortex-A15) has its own rows, SDIV/UDIV among them
            if (row == null && wide && (sys & ArmDecoder.VFP_ENABLED) == 0 && ThumbSystem.vfpSpace(insn)) {
                e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("VFP disabled: 0x%08x", insn));
                return len;
            }
        }
        if (row == null) row = wide ? ThumbTable.findWide(insn) : ThumbTable.find(hw);
        if (row == null || !row.defined().test(insn)) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format(wide ? "undefined Thumb instruction 0x%08x" : "undefined Thumb instruction 0x%04x", insn));
            return len;
        }
        ArmCpuModel model = ArmDecoder.modelAt(pc, context);
        if (!systemRow && !ArmFeatureGate.thumb(model, row.name(), wide) || row.name().equals("vfp") && !(Vfp.defined(insn, model) || Neon.defined(insn, model))
                || row.name().equals("neon") && !Neon.defined(Neon.fromThumb(insn), model)) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("%s is not in %s: 0x%x", row.name(), model.cpuName, insn));
            return len;
        }
        if (!ThumbItState.inBlock(it)) {
            if (row.lower().lower(e, insn, pc, 0)) ArmOps.endAtNextPc(e, -1, pc + len);
        } else {
            lowerInItBlock(e, row, insn, pc, len, it);
        }
        if (sys != 0) keepSystemContext(e, sys);
        return len;
    }

    /** An IT instruction announced the next context without the system and model bits: put them back. */
    private static void keepSystemContext(IrEmitter e, int sys) {
        int next = e.takeNextContext();
        if (next != IrEmitter.NO_CONTEXT_CHANGE) e.continueIn(next | sys);
    }

    private static void lowerInItBlock(IrEmitter e, ThumbRow row, int insn, int pc, int len, int it) {
        int next = ThumbItState.advance(it);
        switch (row.it()) {
            case OUTSIDE_ONLY -> e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("%s inside an IT block (UNPREDICTABLE) 0x%x", row.name(), insn));
            case OWN -> {
                setItState(e, next);
                row.lower().lower(e, insn, pc, it);
            }
            default -> {
                int cond = ThumbItState.condition(it);
                int label = cond == ArmOps.AL ? -1 : e.skipUnless(ArmOps.condition(e, cond));
                boolean wrotePc = row.lower().lower(e, insn, pc, it);
                if (e.ended()) throw new IllegalStateException(row.name() + " set a terminal inside an IT block");
                if (label >= 0) e.label(label);
                setItState(e, next);
                if (wrotePc) ArmOps.endAtNextPc(e, cond, pc + len);
            }
        }
    }

    /** Writes ITSTATE and tells the block builder the next instruction decodes under it. */
    static void setItState(IrEmitter e, int it) {
        e.set(ArmRegs.ITSTATE, e.const32(it));
        e.continueIn(THUMB | it << IT_SHIFT);
    }

    public static String disassemble(int pc, int context, MemoryPort code) {
        int hw = code.load16(pc) & 0xffff;
        int it = context >>> IT_SHIFT & 0xff;
        if (!isWide(hw)) return ThumbDisassembler.format(ThumbTable.find(hw), hw, pc, it);
        int insn = hw << 16 | code.load16(pc + 2) & 0xffff;
        return ThumbDisassembler.format(ThumbTable.findWide(insn), insn, pc, it);
    }
}

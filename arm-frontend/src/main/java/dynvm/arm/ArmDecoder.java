package dynvm.arm;

import dynvm.arm.a32.A32Disassembler;
import dynvm.arm.a32.A32Row;
import dynvm.arm.a32.A32System;
import dynvm.arm.a32.A32Table;
import dynvm.arm.thumb.ThumbDecoder;
import dynvm.arm.thumb.ThumbSystem;
import dynvm.arm.neon.Neon;
import dynvm.arm.vfp.Vfp;
import dynvm.ir.GuestException;
import dynvm.ir.IrEmitter;
import dynvm.spi.Decoder;
import dynvm.spi.MemoryPort;

/**
 * Decodes one ARM instruction. Context bit 0 is the T bit: Thumb code goes to
 * {@link ThumbDecoder}, ARM code through {@link A32Table}. Conditional execution is done here for
 * every guarded row: the row's IR sits between skipUnless and its label, and an instruction that
 * wrote the pc ends the block after the label on NEXT_PC (or the next instruction when the
 * condition failed). Stateless, so one instance may serve every VM.
 */
public final class ArmDecoder implements Decoder {
    /** Context bit: executing Thumb code. */
    public static final int THUMB = 1;
    /** Context bits 15:8: the IT state (ITSTATE) the instruction decodes under, 0 outside IT blocks. */
    public static final int IT_SHIFT = 8;
    /**
     * Context bit: system mode (ArmRegs.SYSMODE bit 0). Sensitive instructions lower to
     * {@link dynvm.spi.Services#SYSTEM} calls ({@link A32System}, {@link ThumbSystem}) instead of
     * their user-mode behaviour; without it every word decodes exactly as in user mode.
     */
    public static final int SYSTEM = 1 << 16;
    /** Context bit, system mode only: VFP is enabled (ArmRegs.SYSMODE bit 1); without it VFP instructions are UNDEFINED. */
    public static final int VFP_ENABLED = 1 << 17;
    /** Context bit, system mode only: the CPU is privileged (ArmRegs.SYSMODE bit 2), so PL1-only registers may be read inline. */
    public static final int PRIVILEGED = 1 << 18;
    /**
     * Context bit, system mode only: SCTLR.A is set (ArmRegs.SYSMODE bit 3), so every unaligned
     * access takes an alignment fault ({@link ArmAlignment#memU}); a bit of its own so that code
     * translated with and without the checks never mixes.
     */
    public static final int ALIGNMENT_CHECK = 1 << 19;
    /** Where ArmRegs.SYSMODE's bits land in the context. */
    public static final int SYSMODE_SHIFT = 16;
    /** Context bits 21:20: the CPU model ({@link ArmCpuModel#of}); what the model lacks is UNDEFINED. */
    public static final int MODEL_SHIFT = 20;
    /** The model's context bits. */
    public static final int MODEL_MASK = 3 << MODEL_SHIFT;

    @Override
    public int lower(int pc, int context, MemoryPort code, IrEmitter e) {
        if ((context & THUMB) != 0) return ThumbDecoder.lower(pc, context, code, e);
        int word = code.load32(pc);
        e.insnStart(pc, context);
        if ((context & SYSTEM) != 0 && A32System.lower(e, word, pc, context)) return 4;
        lowerA32(e, word, pc, modelAt(pc, context));
        return 4;
    }

    /**
     * The model {@code pc} decodes as: the context's, except in the kuser helper page, which is the
     * kernel's own code (Linux builds it for the CPU it runs on; dynvm's uses LDREX/STREX and DMB)
     * and so runs with the whole instruction set on every model.
     */
    public static ArmCpuModel modelAt(int pc, int context) {
        return pc >>> 12 == ArmKuserPage.BASE >>> 12 ? ArmCpuModel.CORTEX_A15 : ArmCpuModel.of(context);
    }

    /** Lowers one A32 word at {@code pc} (fetched already) as {@code model} decodes it. */
    static void lowerA32(IrEmitter e, int word, int pc, ArmCpuModel model) {
        if (word >>> 28 == 15 && Neon.inSpace(word)) {
            lowerNeon(e, word, pc, model);
            return;
        }
        if (word >>> 28 != 15 && Vfp.inSpace(word)) {
            lowerVfp(e, word, pc, model);
            return;
        }
        A32Row row = A32Table.find(word);
        if (row != null && !ArmFeatureGate.a32(model, row.name())) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("%s is not in %s: 0x%08x", row.name(), model.cpuName, word));
            return;
        }
        if (row == null) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("undefined instruction 0x%08x", word));
            return;
        }
        int cond = word >>> 28;
        if (!row.guarded() || cond >= ArmOps.AL) {
            if (row.lower().lower(e, word, pc)) ArmOps.endAtNextPc(e, -1, pc + 4);
            return;
        }
        int label = e.skipUnless(ArmOps.condition(e, cond));
        boolean wrotePc = row.lower().lower(e, word, pc);
        e.label(label);
        if (wrotePc) ArmOps.endAtNextPc(e, cond, pc + 4);
    }

    /** The unconditional Advanced SIMD spaces (data processing, element loads/stores). */
    private static void lowerNeon(IrEmitter e, int word, int pc, ArmCpuModel model) {
        if (!Neon.defined(word, model)) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("undefined Advanced SIMD instruction 0x%08x", word));
            return;
        }
        Neon.lower(e, word);
    }

    /**
     * Coprocessor 10/11 space: a VFP instruction, or an Advanced SIMD core-register transfer
     * (VMOV.8/.16 scalar, VDUP), guarded by its condition like any other row.
     */
    private static void lowerVfp(IrEmitter e, int word, int pc, ArmCpuModel model) {
        if (!Vfp.defined(word, model) && Neon.defined(word, model)) {
            int cond = word >>> 28;
            int label = cond == ArmOps.AL ? -1 : e.skipUnless(ArmOps.condition(e, cond));
            Neon.lower(e, word);
            if (label >= 0) e.label(label);
            return;
        }
        if (!Vfp.defined(word, model)) {
            e.trap(GuestException.UNDEFINED_INSTRUCTION, pc, String.format("undefined VFP instruction 0x%08x", word));
            return;
        }
        int cond = word >>> 28;
        if (cond == ArmOps.AL) {
            Vfp.lower(e, word, pc + 8);
            return;
        }
        int label = e.skipUnless(ArmOps.condition(e, cond));
        Vfp.lower(e, word, pc + 8);
        e.label(label);
    }

    @Override
    public String disassemble(int pc, int context, MemoryPort code) {
        if ((context & THUMB) != 0) return ThumbDecoder.disassemble(pc, context, code);
        return A32Disassembler.format(code.load32(pc), pc);
    }

    /** The table row that decodes {@code word}, or null (for tests and tools). */
    public static A32Row find(int word) { return A32Table.find(word); }

    /** Disassembly of one A32 word at {@code pc}. */
    public static String disassemble(int word, int pc) { return A32Disassembler.format(word, pc); }
}

package dynvm.arm.sys;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.Terminal;
import dynvm.spi.CpuState;
import dynvm.spi.sys.Platform;
import dynvm.spi.sys.SystemCpu;
import dynvm.spi.sys.TranslationFault;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ARMv7-A vCPU's privileged state and behaviour (ARM ARM B1 "System level programmers'
 * model"): processor modes with their banked registers and SPSRs, exception entry and return,
 * interrupts, CP15 and the Generic Timer, for a Cortex-A15 without Security or Virtualization
 * Extensions, as QEMU's {@code virt} machine presents it.
 *
 * <h2>Where the CPSR lives</h2>
 * The bits translated code reads and writes all the time stay in the IR registers (N, Z, C, V, Q,
 * GE, T, ITSTATE); the system bits (M, E, A, I, F) live here and change only through service
 * calls, exceptions and returns. {@link #cpsr()} combines both, {@link #writeCpsr} splits them
 * again. The IR register file always holds the current mode's r0-r14; {@link BankedRegisters}
 * swaps the copies on a mode change. ArmRegs.SYSMODE tells the decoder it runs in system mode and
 * whether VFP is enabled (decode context).
 *
 * <h2>Exceptions</h2>
 * {@link #enterException} follows the ARM ARM's TakeXxxException pseudocode for PL1 without the
 * Security Extensions: SPSR = old CPSR, LR = preferred return + the exception's offset, I set,
 * F set for FIQ and Reset, A set for all but Undefined and SVC, IT cleared, T = SCTLR.TE,
 * E = SCTLR.EE, pc = vector base (SCTLR.V ? 0xffff0000 : VBAR) + the vector's offset.
 *
 * <h2>Threads</h2>
 * Everything runs on the vCPU's thread except {@link #setInterruptLine} (the interrupt
 * controller's thread) and the timer callbacks; the lines are volatile and rising ones set
 * {@code cpu.interrupt} so that the engine returns to the VM, which then calls
 * {@link #takeInterrupt}. An operation that unmasks interrupts while a line is high sets it too.
 */
public final class ArmSystemCpu implements SystemCpu {
    /** Vector offsets (ARM ARM B1.8.1). */
    static final int VECTOR_RESET = 0x00, VECTOR_UNDEF = 0x04, VECTOR_SVC = 0x08, VECTOR_PABT = 0x0c, VECTOR_DABT = 0x10,
            VECTOR_IRQ = 0x18, VECTOR_FIQ = 0x1c;
    /** CPSR bits. */
    static final int PSR_E = 1 << 9, PSR_A = 1 << 8, PSR_I = 1 << 7, PSR_F = 1 << 6, PSR_T = 1 << 5, PSR_M = 0x1f;
    /**
     * Fault status values this class makes itself (ARM ARM B3.13.3, B3.13.4): synchronous external
     * abort, debug event and alignment fault in the short-descriptor format, then the
     * long-descriptor STATUS values, which also set FSR_LPAE.
     */
    static final int FSR_EXTERNAL = 0x8, FSR_DEBUG = 0x2, FSR_ALIGNMENT = 0x1,
            LPAE_EXTERNAL = 0x10, LPAE_DEBUG = 0x22, LPAE_ALIGNMENT = 0x21, FSR_LPAE = 1 << 9, FSR_WNR = 1 << 11;

    final CpuState cpu;
    final Platform platform;
    final Cp15 cp15;
    final Cp14 cp14 = new Cp14();
    final BankedRegisters banks = new BankedRegisters();
    private final PageTableWalker walker;
    /** Descriptor reads of the table walk: the platform's physical bus. */
    private final Vmsa.TableReader tables;
    private final SystemInstructions instructions;

    /** CPSR.M. */
    private int mode;
    /** CPSR's E, A, I, F bits in place (the rest of the word is 0). */
    private int control;
    private volatile boolean irqLine, fiqLine;

    ArmSystemCpu(CpuState cpu, Platform platform, PageTableWalker walker) {
        this.cpu = cpu;
        this.platform = platform;
        this.walker = walker;
        this.tables = new Vmsa.TableReader() {
            @Override public int read32(long pa) { return (int) platform.readPhysical(pa, 4); }
            @Override public long read64(long pa) { return platform.readPhysical(pa, 8); }
        };
        this.cp15 = new Cp15(this, cpu, platform);
        this.instructions = new SystemInstructions(this);
        reset(0);
    }

    // ---------------------------------------------------------------- reset and boot

    /**
     * As QEMU's reset of an AArch32 CPU started by {@code -kernel} with a non-Linux image: SVC mode,
     * A, I and F masked, MMU and caches off (SCTLR's reset value), every register 0, pc = entry with
     * Thumb state when bit 0 is set. The flags are architecturally UNKNOWN; QEMU's reset leaves Z
     * set (it keeps Z inverted, as "ZF == 0"), so CPSR reads 0x400001d3 at entry, and so does ours.
     */
    @Override
    public void reset(int entry) {
        Arrays.fill(cpu.r, 0);
        Arrays.fill(cpu.d, 0);
        banks.reset();
        cp15.reset();
        cp14.reset();
        mode = ArmMode.SVC;
        control = PSR_A | PSR_I | PSR_F;
        set(ArmRegs.EXCL_ADDR, -1);
        set(ArmRegs.Z, 1);
        set(ArmRegs.T, entry & 1);
        cpu.pc = entry & ~1;
        platform.setMmuIndex(0);
        platform.flushTlb();
        publishContext();
    }

    /** The ARM Linux boot protocol (Documentation/arm/booting): r0 = 0, r1 = ~0 (machine type: use the DT), r2 = the DTB. */
    @Override
    public void bootLinux(int entry, int dtbAddress) {
        reset(entry);
        reg(0, 0);
        reg(1, -1);
        reg(2, dtbAddress);
    }

    // ---------------------------------------------------------------- the CPSR

    int mode() { return mode; }

    boolean privileged() { return ArmMode.privileged(mode); }

    /** The whole CPSR: the IR's flags and execution state with this class's system bits. */
    int cpsr() {
        int it = get(ArmRegs.ITSTATE);
        return get(ArmRegs.N) << 31 | get(ArmRegs.Z) << 30 | get(ArmRegs.C) << 29 | get(ArmRegs.V) << 28 | get(ArmRegs.Q) << 27
                | (it & 3) << 25 | (get(ArmRegs.GE) & 15) << 16 | (it >>> 2 & 0x3f) << 10 | control | get(ArmRegs.T) << 5 | mode;
    }

    /**
     * Writes the CPSR bytes selected by {@code mask} (bit 3 = 31:24 ... bit 0 = 7:0). MSR
     * ({@code exceptionReturn} false) follows CPSRWriteByInstr: the execution-state bits (IT, J, T)
     * are not written, and A, I, F, M only from PL1. An exception return writes every bit. A mode
     * that is not implemented is ignored (QEMU's bad_mode_switch).
     */
    void writeCpsr(int value, int mask, boolean exceptionReturn) {
        boolean pl1 = privileged() || exceptionReturn;
        if ((mask & 8) != 0) {
            set(ArmRegs.N, value >>> 31);
            set(ArmRegs.Z, value >>> 30 & 1);
            set(ArmRegs.C, value >>> 29 & 1);
            set(ArmRegs.V, value >>> 28 & 1);
            set(ArmRegs.Q, value >>> 27 & 1);
        }
        if ((mask & 4) != 0) set(ArmRegs.GE, value >>> 16 & 15);
        if ((mask & 2) != 0) {
            control = control & ~PSR_E | value & PSR_E;
            if (pl1) control = control & ~PSR_A | value & PSR_A;
        }
        if ((mask & 1) != 0 && pl1) {
            control = control & ~(PSR_I | PSR_F) | value & (PSR_I | PSR_F);
            if (ArmMode.valid(value & PSR_M)) changeMode(value & PSR_M);
        }
        if (exceptionReturn) {
            set(ArmRegs.T, value >>> 5 & 1);
            set(ArmRegs.ITSTATE, (value >>> 25 & 3) | (value >>> 10 & 0x3f) << 2);
        }
        controlChanged();
    }

    /** CPS: sets (disable) or clears (enable) A, I, F as selected, and optionally changes mode. */
    void changeInterruptMasks(int aif, boolean disable) {
        control = disable ? control | aif : control & ~aif;
        controlChanged();
    }

    /** Switches to {@code newMode}, banking registers and telling the platform when the privilege changes. */
    void changeMode(int newMode) {
        if (newMode == mode) return;
        boolean wasPl1 = privileged();
        banks.switchMode(cpu, mode, newMode);
        mode = newMode;
        if (wasPl1 != privileged()) platform.setMmuIndex(mmuIndex());
        publishContext();
    }

    /** After I/F/mode changes: an interrupt that just became unmasked must be noticed. */
    private void controlChanged() {
        publishContext();
        if (pendingUnmasked()) cpu.interrupt = true;
    }

    /** SCTLR, CPACR, FPEXC or the privilege changed: the decode context's VFP or alignment bit may have too. */
    void privilegeOrVfpChanged() { publishContext(); }

    /** ArmRegs.SYSMODE: bit 0 system mode, bit 1 VFP enabled, bit 2 privileged, bit 3 SCTLR.A (decode context). */
    private void publishContext() {
        set(ArmRegs.SYSMODE, 1 | (cp15.vfpEnabled(privileged()) ? 2 : 0) | (privileged() ? 4 : 0)
                | ((cp15.sctlr & Cp15.SCTLR_A) != 0 ? 8 : 0));
    }

    int spsr() { return banks.spsr(mode); }

    void setSpsr(int v) { banks.setSpsr(mode, v); }

    // ---------------------------------------------------------------- exceptions

    int vectorBase() { return (cp15.sctlr & Cp15.SCTLR_V) != 0 ? 0xffff0000 : cp15.vbar; }

    /** Takes an exception to {@code newMode} at vector {@code offset} with LR = {@code lr}. */
    void enterException(int newMode, int offset, int lr, boolean maskFiq, boolean maskAsync) {
        int saved = cpsr();
        changeMode(newMode);
        banks.setSpsr(newMode, saved);
        reg(14, lr);
        control |= PSR_I | (maskFiq ? PSR_F : 0) | (maskAsync ? PSR_A : 0);
        control = control & ~PSR_E | ((cp15.sctlr & Cp15.SCTLR_EE) != 0 ? PSR_E : 0);
        set(ArmRegs.ITSTATE, 0);
        set(ArmRegs.T, (cp15.sctlr & Cp15.SCTLR_TE) != 0 ? 1 : 0);
        cpu.pc = vectorBase() + offset;
        publishContext();
    }

    /** Undefined Instruction at {@code pc}: LR = pc + 4 (ARM) or + 2 (Thumb), as TakeUndefInstrException. */
    void undefinedInstruction(int pc) {
        enterException(ArmMode.UND, VECTOR_UNDEF, pc + (get(ArmRegs.T) != 0 ? 2 : 4), false, false);
    }

    /** Supervisor Call: LR = the next instruction. */
    void supervisorCall(int nextPc) {
        enterException(ArmMode.SVC, VECTOR_SVC, nextPc, false, false);
    }

    /** Exception return: CPSR = {@code psr} (all bits), then pc = {@code target} aligned for the new state. */
    void exceptionReturn(int target, int psr) {
        int m = psr & PSR_M;
        if (!ArmMode.valid(m)) psr = psr & ~PSR_M | mode;   // illegal return: stay in this mode (simplified)
        writeCpsr(psr, 0xf, true);
        cpu.pc = target & (get(ArmRegs.T) != 0 ? ~1 : ~3);
    }

    @Override
    public void trap(Terminal.Trap trap) {
        if (trap.kind() == dynvm.ir.GuestException.BREAKPOINT) {   // BKPT: Prefetch Abort, debug event
            cp15.ifsr = cp15.longDescriptors() ? FSR_LPAE | LPAE_DEBUG : FSR_DEBUG;
            enterException(ArmMode.ABT, VECTOR_PABT, trap.pc() + 4, false, true);
        } else {
            undefinedInstruction(trap.pc());
        }
    }

    /**
     * Prefetch Abort (LR = pc + 4, IFSR, IFAR) or Data Abort (LR = pc + 8, DFSR with WnR, DFAR) at
     * cpu.pc. {@code status} is the walker's FSR value, or one of the two faults whose format
     * only TTBCR.EAE decides now: {@link TranslationFault#EXTERNAL} (a bus error) and
     * {@link ArmAlignment#ALIGNMENT_FAULT} (the decoders' and system instructions' checks).
     */
    @Override
    public void abort(int va, int access, int status) {
        boolean lpae = cp15.longDescriptors();
        int fsr = switch (status) {
            case TranslationFault.EXTERNAL -> lpae ? FSR_LPAE | LPAE_EXTERNAL : FSR_EXTERNAL;
            case ArmAlignment.ALIGNMENT_FAULT -> lpae ? FSR_LPAE | LPAE_ALIGNMENT : FSR_ALIGNMENT;
            default -> status | (lpae ? FSR_LPAE : 0);
        };
        if (access == FETCH) {
            cp15.ifsr = fsr;
            cp15.ifar = va;
            enterException(ArmMode.ABT, VECTOR_PABT, cpu.pc + 4, false, true);
        } else {
            cp15.dfsr = fsr | (access == WRITE ? FSR_WNR : 0);
            cp15.dfar = va;
            enterException(ArmMode.ABT, VECTOR_DABT, cpu.pc + 8, false, true);
        }
    }

    // ---------------------------------------------------------------- service calls

    @Override
    public int execute(int[] args, int nextPc) {
        return instructions.execute(args, nextPc);
    }

    // ---------------------------------------------------------------- memory management

    @Override
    public long translate(int va, int access, int mmuIndex) {
        if (!cp15.mmuEnabled()) return va & 0xfffff000L | PERM_READ | PERM_WRITE | PERM_EXEC;   // flat, as the MMU-off VMSA
        return walker.walk(cp15, tables, va, access, mmuIndex == 0);
    }

    /** ATS1C{P,U}{R,W}: translates {@code va} as a PL1 or PL0 read or write and returns the PAR value. */
    long addressTranslation(int va, boolean pl0, boolean write) {
        try {
            long r = translate(va, write ? WRITE : READ, pl0 ? 1 : 0);
            // a fill may grant less than asked: report a permission fault (0x0f in both formats, page / level 3)
            if ((r & (write ? PERM_WRITE : PERM_READ)) == 0) return cp15.faultPar(new TranslationFault(va, write ? WRITE : READ, 0x0f));
            long page = r & ~0xfffL;
            return cp15.okPar(cp15.mmuEnabled() ? walker.par(cp15, tables, va, page) : page);
        } catch (TranslationFault f) {
            return cp15.faultPar(f);
        }
    }

    @Override public int mmuIndex() { return privileged() ? 0 : 1; }

    @Override public int mmuIndexCount() { return 2; }

    // ---------------------------------------------------------------- interrupts

    @Override
    public void setInterruptLine(int line, boolean level) {
        if (line == FIQ) fiqLine = level;
        else irqLine = level;
        if (level) cpu.interrupt = true;
    }

    @Override public boolean interruptAsserted() { return irqLine || fiqLine; }

    private boolean pendingUnmasked() {
        return fiqLine && (control & PSR_F) == 0 || irqLine && (control & PSR_I) == 0;
    }

    /** FIQ before IRQ (ARM ARM B1.8.1 priorities); LR = the next instruction + 4 for both. */
    @Override
    public boolean takeInterrupt() {
        if (fiqLine && (control & PSR_F) == 0) {
            enterException(ArmMode.FIQ, VECTOR_FIQ, cpu.pc + 4, true, true);
            return true;
        }
        if (irqLine && (control & PSR_I) == 0) {
            enterException(ArmMode.IRQ, VECTOR_IRQ, cpu.pc + 4, false, true);
            return true;
        }
        return false;
    }

    /** ISR (c12): the interrupt inputs as they are, masked or not (I = bit 7, F = bit 6). */
    int interruptStatus() { return (irqLine ? PSR_I : 0) | (fiqLine ? PSR_F : 0); }

    // ---------------------------------------------------------------- debugger view

    @Override
    public Map<String, Long> debugRegisters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("cpsr", u(cpsr()));
        m.put("spsr", u(ArmMode.hasSpsr(mode) ? spsr() : 0));
        int[] modes = {ArmMode.USR, ArmMode.SVC, ArmMode.ABT, ArmMode.UND, ArmMode.IRQ, ArmMode.FIQ};
        for (int md : modes) {
            String n = ArmMode.name(md);
            m.put("sp_" + n, u(banks.read(cpu, mode, md, 13)));
            m.put("lr_" + n, u(banks.read(cpu, mode, md, 14)));
            if (md != ArmMode.USR) m.put("spsr_" + n, u(banks.spsr(md)));
        }
        for (int i = 8; i <= 12; i++) m.put("r" + i + "_fiq", u(banks.read(cpu, mode, ArmMode.FIQ, i)));
        m.put("sctlr", u(cp15.sctlr));
        m.put("ttbr0", cp15.ttbr0);
        m.put("ttbr1", cp15.ttbr1);
        m.put("ttbcr", u(cp15.ttbcr));
        m.put("dacr", u(cp15.dacr));
        m.put("dfsr", u(cp15.dfsr));
        m.put("dfar", u(cp15.dfar));
        m.put("ifsr", u(cp15.ifsr));
        m.put("ifar", u(cp15.ifar));
        m.put("vbar", u(cp15.vbar));
        return m;
    }

    /**
     * The debugger's writes of {@link #debugRegisters()}, as qemu-system's gdbstub does them: the
     * CPSR as a whole (mode, masks, T and IT included, like an exception return: a new mode banks
     * the registers), the banked registers and SPSRs of any mode, and the CP15 registers through
     * the MCR/MCRR path at PL1, so a translation register that changes drops the soft TLB.
     */
    @Override
    public boolean setDebugRegister(String name, long value) {
        int v = (int) value;
        switch (name) {
            case "cpsr" -> writeCpsr(v, 0xf, true);
            case "spsr" -> {
                if (!ArmMode.hasSpsr(mode)) return false;
                setSpsr(v);
            }
            case "sctlr" -> cp15.write(0, 1, 0, 0, v, true);
            case "ttbr0" -> cp15.write64(0, 2, value, true);
            case "ttbr1" -> cp15.write64(1, 2, value, true);
            case "ttbcr" -> cp15.write(0, 2, 0, 2, v, true);
            case "dacr" -> cp15.write(0, 3, 0, 0, v, true);
            case "dfsr" -> cp15.write(0, 5, 0, 0, v, true);
            case "ifsr" -> cp15.write(0, 5, 0, 1, v, true);
            case "dfar" -> cp15.write(0, 6, 0, 0, v, true);
            case "ifar" -> cp15.write(0, 6, 0, 2, v, true);
            case "vbar" -> cp15.write(0, 12, 0, 0, v, true);
            default -> { return setBankedDebugRegister(name, v); }
        }
        return true;
    }

    /** {@code sp_MODE}, {@code lr_MODE}, {@code spsr_MODE}, {@code r8_fiq} .. {@code r12_fiq}. */
    private boolean setBankedDebugRegister(String name, int v) {
        int us = name.indexOf('_');
        if (us < 0) return false;
        String reg = name.substring(0, us), modeName = name.substring(us + 1);
        int md = -1;
        for (int m : new int[] {ArmMode.USR, ArmMode.SVC, ArmMode.ABT, ArmMode.UND, ArmMode.IRQ, ArmMode.FIQ})
            if (ArmMode.name(m).equals(modeName)) md = m;
        if (md < 0) return false;
        switch (reg) {
            case "sp" -> banks.write(cpu, mode, md, 13, v);
            case "lr" -> banks.write(cpu, mode, md, 14, v);
            case "spsr" -> {
                if (!ArmMode.hasSpsr(md)) return false;
                banks.setSpsr(md, v);
            }
            case "r8", "r9", "r10", "r11", "r12" -> {
                if (md != ArmMode.FIQ) return false;
                banks.write(cpu, mode, md, Integer.parseInt(reg.substring(1)), v);
            }
            default -> { return false; }
        }
        return true;
    }

    /** TTBR0/TTBR1 are 64-bit registers (LPAE's long form; the short form uses the low word). */
    @Override
    public int debugRegisterBits(String name) { return name.startsWith("ttbr") ? 64 : 32; }

    private static long u(int v) { return v & 0xffffffffL; }

    // ---------------------------------------------------------------- register access

    int get(int reg) { return cpu.r[ArmRegs.slot(reg)]; }

    void set(int reg, int v) { cpu.r[ArmRegs.slot(reg)] = v; }

    /** Core register r0..r14 of the current mode. */
    int reg(int n) { return get(ArmRegs.R[n]); }

    void reg(int n, int v) { set(ArmRegs.R[n], v); }
}

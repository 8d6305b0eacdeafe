package dynvm.arm.sys;

import static dynvm.arm.sys.SysOp.THUMB32;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmRegs;
import dynvm.spi.MemoryPort;
import dynvm.spi.sys.SystemCpu;

/**
 * The sensitive instructions the decoders lower to SYSTEM calls ({@link SysOp}), carried out on
 * an {@link ArmSystemCpu}: one method per instruction, named and specified after the ARM ARM's
 * pseudocode (B9 "System instructions", A8 for MRC/MCR, SVC, WFI...). Each returns a
 * {@link SystemCpu} outcome and leaves the pc at the next instruction unless it takes an exception
 * or returns from one.
 *
 * <p>Order of effects: the condition is checked first (a failed one is a NOP); cpu.pc is set to
 * the instruction's own address before any memory access, so an abort the VM takes from a fault
 * in here reports the right instruction; loads complete before any register is written; an
 * {@link Undefined} anywhere becomes the Undefined Instruction exception with nothing changed.
 */
final class SystemInstructions {
    private final ArmSystemCpu c;
    private final HypervisorCall hypervisor;

    SystemInstructions(ArmSystemCpu cpu) {
        this.c = cpu;
        this.hypervisor = new HypervisorCall(cpu);
    }

    int execute(int[] args, int nextPc) {
        int op = args[0], f = args[1], cond = args[2];
        boolean thumb = c.get(ArmRegs.T) != 0;
        int pc = nextPc - (!thumb || (f & THUMB32) != 0 ? 4 : 2);
        c.cpu.pc = nextPc;
        if (!Conditions.passed(cond, c.cpu)) return SystemCpu.CONTINUE;
        try {
            c.cpu.pc = pc;
            int outcome = switch (op) {
                case SysOp.SVC -> { c.supervisorCall(nextPc); yield SystemCpu.CONTINUE; }
                case SysOp.HVC -> hypervisor.call(f & 0xffff, nextPc);
                case SysOp.SMC -> throw new Undefined("SMC without the Security Extensions");
                case SysOp.MRC -> next(mrc(f), nextPc);
                case SysOp.MCR -> next(mcr(f, pc, thumb), nextPc);
                case SysOp.MRRC -> next(mrrc(f), nextPc);
                case SysOp.MCRR -> next(mcrr(f), nextPc);
                case SysOp.CPS -> next(cps(f), nextPc);
                case SysOp.MRS -> next(mrs(f), nextPc);
                case SysOp.MSR -> next(msr(f, args[3]), nextPc);
                case SysOp.MRS_BANKED -> next(mrsBanked(f), nextPc);
                case SysOp.MSR_BANKED -> next(msrBanked(f), nextPc);
                case SysOp.SRS -> next(srs(f), nextPc);
                case SysOp.RFE -> rfe(f);
                case SysOp.EXCEPTION_RETURN -> subsPcLr(args[3]);
                case SysOp.LDM_USER -> ldmUser(f, nextPc);
                case SysOp.STM_USER -> next(stmUser(f, pc), nextPc);
                case SysOp.UNPRIVILEGED -> next(unprivileged(f, args[3], args[4]), nextPc);
                case SysOp.WFI -> next(SystemCpu.WAIT_FOR_INTERRUPT, nextPc);
                case SysOp.WFE -> next(SystemCpu.YIELD, nextPc);
                case SysOp.SEV, SysOp.ISB -> next(SystemCpu.CONTINUE, nextPc);
                case SysOp.VFP_SYSREG -> next(vfpSystemRegister(f), nextPc);
                default -> throw new IllegalArgumentException("unknown ARM system operation " + op);
            };
            return outcome;
        } catch (Undefined u) {
            c.cpu.pc = pc;
            c.undefinedInstruction(pc);
            return SystemCpu.CONTINUE;
        }
    }

    /** Completes a non-branching operation: pc = the next instruction. */
    private int next(int outcome, int nextPc) {
        c.cpu.pc = nextPc;
        return outcome;
    }

    private static int bits(int w, int hi, int lo) { return w >>> lo & (1 << hi - lo + 1) - 1; }

    private static boolean bit(int w, int n) { return (w >>> n & 1) != 0; }

    /** A core register as a source: r15 reads as the instruction's address + 8 (ARM) or + 4 (Thumb). */
    private int source(int n, int pc, boolean thumb) { return n == 15 ? pc + (thumb ? 4 : 8) : c.reg(n); }

    private void requirePl1(String what) {
        if (!c.privileged()) throw new Undefined(what + " in User mode");
    }

    // ---------------------------------------------------------------- coprocessor transfers (A8.8.98 MCR, A8.8.107 MRC, ...)

    private static int coproc(int f) { return bits(f, 11, 8); }

    /** MRC: CP15 registers, the few CP14 debug ID registers; Rt = 15 writes APSR.NZCV. */
    private int mrc(int f) {
        int opc1 = bits(f, 23, 21), crn = bits(f, 19, 16), rt = bits(f, 15, 12), opc2 = bits(f, 7, 5), crm = bits(f, 3, 0);
        int v = switch (coproc(f)) {
            case 15 -> c.cp15.read(opc1, crn, crm, opc2, c.privileged());
            case 14 -> c.cp14.read(opc1, crn, crm, opc2, c.privileged());
            default -> throw new Undefined("coprocessor " + coproc(f));
        };
        if (rt != 15) {
            c.reg(rt, v);
        } else {
            c.set(ArmRegs.N, v >>> 31);
            c.set(ArmRegs.Z, v >>> 30 & 1);
            c.set(ArmRegs.C, v >>> 29 & 1);
            c.set(ArmRegs.V, v >>> 28 & 1);
        }
        return SystemCpu.CONTINUE;
    }

    private int mcr(int f, int pc, boolean thumb) {
        int opc1 = bits(f, 23, 21), crn = bits(f, 19, 16), rt = bits(f, 15, 12), opc2 = bits(f, 7, 5), crm = bits(f, 3, 0);
        int v = source(rt, pc, thumb);
        switch (coproc(f)) {
            case 15 -> c.cp15.write(opc1, crn, crm, opc2, v, c.privileged());
            case 14 -> c.cp14.write(opc1, crn, crm, opc2, v, c.privileged());
            default -> throw new Undefined("coprocessor " + coproc(f));
        }
        return SystemCpu.CONTINUE;
    }

    /** MRRC: Rt = low word, Rt2 = high word. */
    private int mrrc(int f) {
        int rt2 = bits(f, 19, 16), rt = bits(f, 15, 12), opc1 = bits(f, 7, 4), crm = bits(f, 3, 0);
        if (coproc(f) != 15 || rt == 15 || rt2 == 15 || rt == rt2) throw new Undefined("MRRC");
        long v = c.cp15.read64(opc1, crm, c.privileged());
        c.reg(rt, (int) v);
        c.reg(rt2, (int) (v >>> 32));
        return SystemCpu.CONTINUE;
    }

    private int mcrr(int f) {
        int rt2 = bits(f, 19, 16), rt = bits(f, 15, 12), opc1 = bits(f, 7, 4), crm = bits(f, 3, 0);
        if (coproc(f) != 15 || rt == 15 || rt2 == 15) throw new Undefined("MCRR");
        c.cp15.write64(opc1, crm, (long) c.reg(rt2) << 32 | c.reg(rt) & 0xffffffffL, c.privileged());
        return SystemCpu.CONTINUE;
    }

    // ---------------------------------------------------------------- status registers (B9.3.x)

    /** CPS: no effect in User mode (the ARM ARM's CPS is a NOP there); imod 10 enables, 11 disables. */
    private int cps(int f) {
        if (!c.privileged()) return SystemCpu.CONTINUE;
        int imod = bits(f, 19, 18), aif = f & (ArmSystemCpu.PSR_A | ArmSystemCpu.PSR_I | ArmSystemCpu.PSR_F);
        if (bit(f, 17) && ArmMode.valid(f & 0x1f)) c.changeMode(f & 0x1f);
        if (imod >= 2) c.changeInterruptMasks(aif, imod == 3);
        return SystemCpu.CONTINUE;
    }

    /** MRS Rd, CPSR reads it without the execution-state bits (IT, J, T), as QEMU; MRS Rd, SPSR needs one. */
    private int mrs(int f) {
        int rd = bits(f, 15, 12);
        int v;
        if (bit(f, 22)) {
            requirePl1("MRS SPSR");
            v = c.spsr();
        } else {
            v = c.cpsr() & ~0x0700fc20;
        }
        c.reg(rd, v);
        return SystemCpu.CONTINUE;
    }

    /** MSR CPSR_fields (CPSRWriteByInstr) or SPSR_fields (every selected byte, PL1 only). */
    private int msr(int f, int value) {
        int mask = bits(f, 19, 16);
        if (!bit(f, 22)) {
            c.writeCpsr(value, mask, false);
            return SystemCpu.CONTINUE;
        }
        requirePl1("MSR SPSR");
        int bytes = 0;
        for (int i = 0; i < 4; i++) if (bit(mask, i)) bytes |= 0xff << 8 * i;
        c.setSpsr(c.spsr() & ~bytes | value & bytes);
        return SystemCpu.CONTINUE;
    }

    /**
     * The banked register SYSm = M:M1 names (B9.2.3): r8-r14 of USR and FIQ, r13/r14 of IRQ,
     * SVC, ABT, UND (and SPSRs with R = 1); Monitor and Hyp ones are UNDEFINED here. Returns
     * mode << 8 | register number (16 = SPSR).
     */
    private static int bankedTarget(boolean r, int sysm) {
        if (r) {
            return switch (sysm) {
                case 0x0e -> ArmMode.FIQ << 8 | 16;
                case 0x10 -> ArmMode.IRQ << 8 | 16;
                case 0x12 -> ArmMode.SVC << 8 | 16;
                case 0x14 -> ArmMode.ABT << 8 | 16;
                case 0x16 -> ArmMode.UND << 8 | 16;
                default -> throw new Undefined("banked SPSR " + sysm);
            };
        }
        if (sysm <= 6) return ArmMode.USR << 8 | 8 + sysm;
        if (sysm >= 8 && sysm <= 0x0e) return ArmMode.FIQ << 8 | sysm;
        return switch (sysm) {
            case 0x10 -> ArmMode.IRQ << 8 | 14;
            case 0x11 -> ArmMode.IRQ << 8 | 13;
            case 0x12 -> ArmMode.SVC << 8 | 14;
            case 0x13 -> ArmMode.SVC << 8 | 13;
            case 0x14 -> ArmMode.ABT << 8 | 14;
            case 0x15 -> ArmMode.ABT << 8 | 13;
            case 0x16 -> ArmMode.UND << 8 | 14;
            case 0x17 -> ArmMode.UND << 8 | 13;
            default -> throw new Undefined("banked register " + sysm);
        };
    }

    private static int sysm(int f) { return (f >>> 8 & 1) << 4 | bits(f, 19, 16); }

    /** MRS Rd, &lt;banked&gt;: PL1 only; naming a register of the current mode is UNPREDICTABLE (QEMU: UNDEFINED). */
    private int mrsBanked(int f) {
        requirePl1("MRS banked");
        int t = bankedTarget(bit(f, 22), sysm(f)), m = t >>> 8, n = t & 0xff;
        if (m == c.mode() || m == ArmMode.USR && c.mode() == ArmMode.SYS && n != 16) throw new Undefined("MRS banked of the current mode");
        c.reg(bits(f, 15, 12), n == 16 ? c.banks.spsr(m) : c.banks.read(c.cpu, c.mode(), m, n));
        return SystemCpu.CONTINUE;
    }

    private int msrBanked(int f) {
        requirePl1("MSR banked");
        int t = bankedTarget(bit(f, 22), sysm(f)), m = t >>> 8, n = t & 0xff;
        if (m == c.mode() || m == ArmMode.USR && c.mode() == ArmMode.SYS && n != 16) throw new Undefined("MSR banked of the current mode");
        int v = c.reg(f & 15);
        if (n == 16) c.banks.setSpsr(m, v);
        else c.banks.write(c.cpu, c.mode(), m, n, v);
        return SystemCpu.CONTINUE;
    }

    // ---------------------------------------------------------------- exception return and SRS (B9.3.13 RFE, B9.3.16 SRS, B9.3.20 SUBS pc, lr)

    /** Start address of a two-word transfer at {@code base} for P (before) and U (up), like LDM/STM. */
    private static int twoWordStart(int base, boolean before, boolean up) {
        return up ? base + (before ? 4 : 0) : base - (before ? 8 : 4);
    }

    /** SRS: stores LR and SPSR of the current mode on the stack of {@code mode}; writeback to that mode's SP. */
    private int srs(int f) {
        requirePl1("SRS");
        int m = f & 0x1f;
        if (!ArmMode.valid(m) || !ArmMode.hasSpsr(c.mode()) && c.mode() != ArmMode.SYS) throw new Undefined("SRS mode");
        int base = c.banks.read(c.cpu, c.mode(), m, 13);
        boolean up = bit(f, 23);
        int addr = twoWordStart(base, bit(f, 24), up);
        requireAligned(addr, 4, true);
        MemoryPort mem = c.cpu.mem;
        mem.store32(addr, c.reg(14));
        mem.store32(addr + 4, c.spsr());
        if (bit(f, 21)) c.banks.write(c.cpu, c.mode(), m, 13, up ? base + 8 : base - 8);
        return SystemCpu.CONTINUE;
    }

    /** RFE: pc from [addr], CPSR from [addr + 4]; writeback to Rn. */
    private int rfe(int f) {
        requirePl1("RFE");
        int rn = bits(f, 19, 16);
        int base = c.reg(rn);
        boolean up = bit(f, 23);
        int addr = twoWordStart(base, bit(f, 24), up);
        requireAligned(addr, 4, false);
        MemoryPort mem = c.cpu.mem;
        int target = mem.load32(addr), psr = mem.load32(addr + 4);
        if (bit(f, 21)) c.reg(rn, up ? base + 8 : base - 8);
        c.exceptionReturn(target, psr);
        return SystemCpu.CONTINUE;
    }

    /** SUBS pc, lr, #imm and the other data-processing exception returns: CPSR = SPSR, pc = the result. */
    private int subsPcLr(int target) {
        if (!ArmMode.hasSpsr(c.mode())) throw new Undefined("exception return without an SPSR");
        c.exceptionReturn(target, c.spsr());
        return SystemCpu.CONTINUE;
    }

    /**
     * LDM (user registers) and LDM (exception return) (B9.3.5, B9.3.6): with pc in the list the
     * registers load into the current mode and CPSR = SPSR; without it they load into the User
     * bank. Every word is loaded before any register is written.
     */
    private int ldmUser(int f, int nextPc) {
        if (!ArmMode.hasSpsr(c.mode())) throw new Undefined("LDM^ in User or System mode");
        int list = f & 0xffff, n = Integer.bitCount(list), rn = bits(f, 19, 16);
        int base = c.reg(rn), addr = multipleStart(base, n, bit(f, 24), bit(f, 23));
        requireAligned(addr, 4, false);
        int[] values = new int[16];
        for (int i = 0, k = 0; i < 16; i++) if (bit(list, i)) values[i] = c.cpu.mem.load32(addr + 4 * k++);
        boolean ret = bit(list, 15);
        if (bit(f, 21)) c.reg(rn, bit(f, 23) ? base + 4 * n : base - 4 * n);
        for (int i = 0; i < 15; i++) {
            if (!bit(list, i)) continue;
            if (ret) c.reg(i, values[i]);
            else c.banks.write(c.cpu, c.mode(), ArmMode.USR, i, values[i]);
        }
        if (ret) {
            c.exceptionReturn(values[15], c.spsr());
        } else {
            c.cpu.pc = nextPc;
        }
        return SystemCpu.CONTINUE;
    }

    /** STM (user registers): stores the User bank's registers (pc as pc + 8). */
    private int stmUser(int f, int pc) {
        requirePl1("STM^");
        int list = f & 0xffff, n = Integer.bitCount(list), rn = bits(f, 19, 16);
        int addr = multipleStart(c.reg(rn), n, bit(f, 24), bit(f, 23));
        requireAligned(addr, 4, true);
        for (int i = 0, k = 0; i < 16; i++) {
            if (!bit(list, i)) continue;
            int v = i == 15 ? pc + 8 : c.banks.read(c.cpu, c.mode(), ArmMode.USR, i);
            c.cpu.mem.store32(addr + 4 * k++, v);
        }
        return SystemCpu.CONTINUE;
    }

    /** MemA[addr, size]: an unaligned address is an alignment fault, before any access (ArmAlignment). */
    private static void requireAligned(int addr, int size, boolean write) {
        if ((addr & size - 1) != 0) throw ArmAlignment.fault(addr, write);
    }

    /** Lowest address of an LDM/STM of {@code n} words: IA Rn, IB Rn+4, DA Rn-4n+4, DB Rn-4n. */
    private static int multipleStart(int base, int n, boolean before, boolean up) {
        return up ? base + (before ? 4 : 0) : base - 4 * n + (before ? 0 : 4);
    }

    // ---------------------------------------------------------------- unprivileged loads and stores (LDRT ...)

    /**
     * LDRT, STRT and family: the access is made with PL0 permissions (MMU index 1) even from PL1;
     * the platform's index is restored whatever happens. Loads complete before Rt and Rn change.
     */
    private int unprivileged(int f, int addr, int writeback) {
        int rt = bits(f, 15, 12), rn = bits(f, 19, 16), size = 1 << (f & 3);
        boolean load = bit(f, 20), signed = bit(f, 2), wback = bit(f, 3);
        if ((c.cp15.sctlr & Cp15.SCTLR_A) != 0) requireAligned(addr, size, !load);   // MemU
        MemoryPort mem = c.cpu.mem;
        boolean drop = c.privileged();
        if (drop) c.platform.setMmuIndex(1);
        int v = 0;
        try {
            if (load) {
                v = switch (size) {
                    case 1 -> signed ? (byte) mem.load8(addr) : mem.load8(addr) & 0xff;
                    case 2 -> signed ? (short) mem.load16(addr) : mem.load16(addr) & 0xffff;
                    default -> mem.load32(addr);
                };
            } else {
                int value = c.reg(rt);
                switch (size) {
                    case 1 -> mem.store8(addr, value);
                    case 2 -> mem.store16(addr, value);
                    default -> mem.store32(addr, value);
                }
            }
        } finally {
            if (drop) c.platform.setMmuIndex(c.mmuIndex());
        }
        if (wback) c.reg(rn, writeback);
        if (load) c.reg(rt, v);
        return SystemCpu.CONTINUE;
    }

    // ---------------------------------------------------------------- VFP system registers (B6.1)

    /** VMRS/VMSR of FPSID, MVFR0/1 (read-only) and FPEXC: PL1 only; FPSCR never comes here. */
    private int vfpSystemRegister(int f) {
        requirePl1("VFP system register");
        int reg = bits(f, 19, 16), rt = bits(f, 15, 12);
        if (bit(f, 20)) {
            int v = switch (reg) {
                case 0 -> CortexA15.FPSID;
                case 6 -> CortexA15.MVFR1;
                case 7 -> CortexA15.MVFR0;
                case 8 -> c.cp15.fpexc;
                default -> throw new Undefined("VMRS of VFP register " + reg);
            };
            c.reg(rt, v);
            return SystemCpu.CONTINUE;
        }
        switch (reg) {
            case 0 -> { }                       // FPSID: writes ignored
            case 8 -> { c.cp15.fpexc = c.reg(rt) & 0xe0000000; c.privilegeOrVfpChanged(); }
            default -> throw new Undefined("VMSR of VFP register " + reg);
        }
        return SystemCpu.CONTINUE;
    }
}

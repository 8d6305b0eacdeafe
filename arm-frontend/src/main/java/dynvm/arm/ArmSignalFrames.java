package dynvm.arm;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.SignalDelivery;
import dynvm.spi.SignalFrames;

/**
 * ARM EABI Linux signal frames, laid out as arch/arm/kernel/signal.c and the uapi headers
 * asm/sigcontext.h and asm/ucontext.h define them:
 * <pre>
 * struct sigcontext (84 bytes): trap_no 0, error_code 4, oldmask 8, r0..r10 12..52, fp 56, ip 60,
 *                               sp 64, lr 68, pc 72, cpsr 76, fault_address 80
 * struct ucontext (744): uc_flags 0, uc_link 4, uc_stack 8 (ss_sp, ss_flags, ss_size),
 *                        uc_mcontext 20, uc_sigmask 104 (8 bytes, then 120 unused),
 *                        uc_regspace 232 (128 words, 8-aligned)
 * struct sigframe (760):    ucontext 0, retcode[4] 744
 * struct rt_sigframe (888): siginfo 0 (128 bytes), sigframe 128
 * uc_regspace: struct vfp_sigframe (0x120): magic 0x56465001, size 0x120, fpregs[32] at 8,
 *              fpscr 264, fpexc 272, fpinst 276, fpinst2 280; then end_magic 0 at 288
 * </pre>
 * The frame goes at (sp - size) & ~7 (get_sigframe: ATPCS wants 8-byte alignment). The handler
 * starts with r0 = sig, r1 = &info and r2 = &uc (rt), sp = frame, lr = the restorer or the
 * kernel's sigreturn code, pc = handler with bit 0 selecting Thumb; setup_return clears the CPSR's
 * flags byte (NZCVQ, IT[1:0], J) and the IT bits. The sigreturn codes are the kernel's
 * sigreturn_codes[], on the stack (retcode) and in the vector page at {@link #SIGRETURN_CODES},
 * where pre-3.11 kernels kept them (this VM has no separate sigpage).
 */
public final class ArmSignalFrames implements SignalFrames {
    static final int SC_TRAP_NO = 0, SC_ERROR_CODE = 4, SC_OLDMASK = 8, SC_R0 = 12, SC_SP = 64, SC_LR = 68, SC_PC = 72,
            SC_CPSR = 76, SC_FAULT_ADDRESS = 80;
    static final int UC_FLAGS = 0, UC_LINK = 4, UC_STACK = 8, UC_MCONTEXT = 20, UC_SIGMASK = 104, UC_REGSPACE = 232,
            UC_SIZE = 744;
    static final int SIGFRAME_RETCODE = 744, SIGFRAME_SIZE = 760, RT_INFO = 0, RT_UC = 128, RT_SIZE = 888;
    static final int VFP_MAGIC = 0x56465001, VFP_SIZE = 0x120, VFP_FPREGS = 8, VFP_FPSCR = 264, VFP_FPEXC = 272,
            VFP_END_MAGIC = 288;
    /** uc_flags of a non-rt frame: "a value which sc.trap_no would never have". */
    static final int NON_RT_UC_FLAGS = 0x5ac3c35a;
    /** FPEXC.EN: what the kernel saves for a task whose VFP is enabled. */
    static final int FPEXC_EN = 0x40000000;
    /** The kernel's sigreturn_codes[]: ARM and Thumb "mov r7, #NR; svc" for sigreturn (119) and rt_sigreturn (173). */
    static final int[] SIGRETURN_CODES = {0xe3a07077, 0xef900077, 0xdf002777, 0xe3a070ad, 0xef9000ad, 0xdf0027ad, 0};
    /** Where the codes sit in the vector page. */
    public static final int SIGRETURN_CODES_ADDR = ArmKuserPage.BASE + 0x500;
    static final int USR_MODE = 0x10, T_BIT = 0x20;

    private static final int R0 = ArmRegs.slot(ArmRegs.R[0]), SP = ArmRegs.slot(ArmRegs.SP), LR = ArmRegs.slot(ArmRegs.LR),
            N = ArmRegs.slot(ArmRegs.N), Z = ArmRegs.slot(ArmRegs.Z), C = ArmRegs.slot(ArmRegs.C), V = ArmRegs.slot(ArmRegs.V),
            Q = ArmRegs.slot(ArmRegs.Q), GE = ArmRegs.slot(ArmRegs.GE), T = ArmRegs.slot(ArmRegs.T),
            IT = ArmRegs.slot(ArmRegs.ITSTATE), FPSCR = ArmRegs.slot(ArmRegs.FPSCR), EXCL = ArmRegs.slot(ArmRegs.EXCL_ADDR);

    @Override public int stackPointer(CpuState cpu) { return cpu.r[SP]; }

    /** The CPSR as user code would read it, in user mode. */
    static int cpsr(CpuState cpu) {
        int it = cpu.r[IT] & 0xff;
        return cpu.r[N] << 31 | cpu.r[Z] << 30 | cpu.r[C] << 29 | cpu.r[V] << 28 | cpu.r[Q] << 27
                | (it & 3) << 25 | (cpu.r[GE] & 0xf) << 16 | (it >>> 2) << 10 | cpu.r[T] << 5 | USR_MODE;
    }

    static void setCpsr(CpuState cpu, int v) {
        cpu.r[N] = v >>> 31;
        cpu.r[Z] = v >>> 30 & 1;
        cpu.r[C] = v >>> 29 & 1;
        cpu.r[V] = v >>> 28 & 1;
        cpu.r[Q] = v >>> 27 & 1;
        cpu.r[GE] = v >>> 16 & 0xf;
        cpu.r[T] = v >>> 5 & 1;
        cpu.r[IT] = (v >>> 25 & 3) | (v >>> 10 & 0x3f) << 2;
    }

    @Override
    public int push(CpuState cpu, SignalDelivery d) {
        MemoryPort m = cpu.mem;
        boolean rt = d.rt();
        int frame = (d.stackTop() - (rt ? RT_SIZE : SIGFRAME_SIZE)) & ~7;
        int sf = rt ? frame + RT_UC : frame;     // the struct sigframe
        if (rt) {
            for (int i = 0; i < 128; i += 4) m.store32(frame + RT_INFO + i, word(d.siginfo(), i));
            m.store32(sf + UC_FLAGS, 0);
            m.store32(sf + UC_LINK, 0);
            m.store32(sf + UC_STACK, d.altSp());
            m.store32(sf + UC_STACK + 4, d.altFlags());
            m.store32(sf + UC_STACK + 8, d.altSize());
        } else {
            m.store32(sf + UC_FLAGS, NON_RT_UC_FLAGS);
        }
        int mc = sf + UC_MCONTEXT;
        for (int i = 0; i < 15; i++) m.store32(mc + SC_R0 + 4 * i, cpu.r[ArmRegs.slot(ArmRegs.R[i])]);
        m.store32(mc + SC_PC, cpu.pc);
        m.store32(mc + SC_CPSR, cpsr(cpu));
        boolean fault = d.signal() == 11 || d.signal() == 7;
        m.store32(mc + SC_TRAP_NO, fault ? 14 : d.signal() == 4 || d.signal() == 5 ? 6 : 0);
        m.store32(mc + SC_ERROR_CODE, fault && d.faultWrite() ? 0x800 : 0);
        m.store32(mc + SC_FAULT_ADDRESS, fault ? d.faultAddress() : 0);
        m.store32(mc + SC_OLDMASK, (int) d.savedMask());
        m.store32(sf + UC_SIGMASK, (int) d.savedMask());
        m.store32(sf + UC_SIGMASK + 4, (int) (d.savedMask() >>> 32));
        int vfp = sf + UC_REGSPACE;
        m.store32(vfp, VFP_MAGIC);
        m.store32(vfp + 4, VFP_SIZE);
        for (int i = 0; i < 32; i++) m.store64(vfp + VFP_FPREGS + 8 * i, cpu.d[ArmRegs.slot(ArmRegs.D[i])]);
        m.store32(vfp + VFP_FPSCR, cpu.r[FPSCR]);
        m.store32(vfp + VFP_FPSCR + 4, 0);
        m.store32(vfp + VFP_FPEXC, FPEXC_EN);
        m.store32(vfp + VFP_FPEXC + 4, 0);
        m.store32(vfp + VFP_FPEXC + 8, 0);
        m.store32(vfp + VFP_FPEXC + 12, 0);
        m.store32(vfp + VFP_END_MAGIC, 0);

        int thumb = d.handler() & 1;
        int retcode;
        if (d.hasRestorer()) {
            retcode = d.restorer();
        } else {
            int idx = (thumb << 1) + (rt ? 3 : 0);
            m.store32(sf + SIGFRAME_RETCODE, SIGRETURN_CODES[idx]);
            m.store32(sf + SIGFRAME_RETCODE + 4, SIGRETURN_CODES[idx + 1]);
            retcode = SIGRETURN_CODES_ADDR + (idx << 2) + thumb;
        }
        cpu.r[R0] = d.signal();
        if (rt) {
            cpu.r[R0 + 1] = frame + RT_INFO;
            cpu.r[R0 + 2] = sf;
        }
        cpu.r[SP] = frame;
        cpu.r[LR] = retcode;
        cpu.pc = d.handler() & ~1;
        setCpsr(cpu, cpsr(cpu) & 0x00ff0000 | thumb << 5 | USR_MODE);
        cpu.r[FPSCR] &= ~0x00370000; // vfp_preserve_user_clear_hwstate: LEN and STRIDE cleared for the handler
        cpu.r[EXCL] = -1;            // an exception clears the local monitor
        return 0;                    // the stack copy of the codes is never run: lr points at the vector page
    }

    private static int word(byte[] le, int i) {
        return le[i] & 0xff | (le[i + 1] & 0xff) << 8 | (le[i + 2] & 0xff) << 16 | (le[i + 3] & 0xff) << 24;
    }

    @Override
    public long restore(CpuState cpu, boolean rt) {
        MemoryPort m = cpu.mem;
        int sp = cpu.r[SP];
        if ((sp & 7) != 0) throw new IllegalStateException("misaligned signal frame");
        int sf = rt ? sp + RT_UC : sp;
        int vfp = sf + UC_REGSPACE;
        if (m.load32(vfp) != VFP_MAGIC || m.load32(vfp + 4) != VFP_SIZE) throw new IllegalStateException("bad VFP frame");
        long mask = (m.load32(sf + UC_SIGMASK) & 0xffffffffL) | ((long) m.load32(sf + UC_SIGMASK + 4) << 32);
        int mc = sf + UC_MCONTEXT;
        int[] regs = new int[15];
        for (int i = 0; i < 15; i++) regs[i] = m.load32(mc + SC_R0 + 4 * i);
        int pc = m.load32(mc + SC_PC), cpsr = m.load32(mc + SC_CPSR);
        long[] dregs = new long[32];
        for (int i = 0; i < 32; i++) dregs[i] = m.load64(vfp + VFP_FPREGS + 8 * i);
        int fpscr = m.load32(vfp + VFP_FPSCR);
        // all reads done: a fault above leaves the registers untouched
        for (int i = 0; i < 15; i++) cpu.r[ArmRegs.slot(ArmRegs.R[i])] = regs[i];
        for (int i = 0; i < 32; i++) cpu.d[ArmRegs.slot(ArmRegs.D[i])] = dregs[i];
        cpu.r[FPSCR] = fpscr;
        setCpsr(cpu, cpsr);
        cpu.pc = pc & (cpu.r[T] != 0 ? ~1 : ~3);
        cpu.r[EXCL] = -1;
        return mask;
    }

    @Override
    public void rewindSyscall(CpuState cpu) { cpu.pc -= cpu.r[T] != 0 ? 2 : 4; }
}

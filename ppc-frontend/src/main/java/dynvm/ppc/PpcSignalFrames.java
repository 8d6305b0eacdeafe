package dynvm.ppc;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.SignalDelivery;
import dynvm.spi.SignalFrames;

/**
 * 32-bit PowerPC Linux signal frames, as arch/powerpc/kernel/signal_32.c and the uapi headers
 * (asm/ucontext.h, asm/sigcontext.h, asm/elf.h, asm/ptrace.h) lay them out:
 * <pre>
 * struct mcontext (992, 16-aligned): mc_gregs[48] 0 (r0..r31, nip 32, msr 33, orig_r3 34, ctr 35,
 *        link 36, xer 37, ccr 38, mq 39, trap 40, dar 41, dsisr 42, result 43), mc_fregs[33] 192
 *        (f0..f31, then fpscr in the low word of the 33rd double), mc_pad[2] 456 (the trampoline),
 *        mc_vregs 464 (33 x 16; vrsave in the first word of the last)
 * struct ucontext (1184): uc_flags 0, uc_link 4, uc_stack 8, uc_pad[7] 20, uc_regs 48 (pointer to
 *        uc_mcontext), uc_sigmask 52, uc_maskext[30] 60, uc_pad2[3] 180, uc_mcontext 192
 * struct rt_sigframe (1536): siginfo 0, ucontext 128, abigap[56] 1312
 * struct sigframe (1248) for handlers without SA_SIGINFO: sigcontext 0 (_unused[4] 0 with the mask's
 *        high word in _unused[3], signal 16, handler 20, oldmask 24, regs 28), mcontext 32, abigap 1024
 * </pre>
 * The frame goes at (sp - size) & ~15; below it a caller frame of __SIGNAL_FRAMESIZE (64) bytes,
 * plus 16 for rt frames, whose first word is the back chain (the interrupted r1). Without a vDSO
 * the return trampoline "li r0,NR; sc" is written into mc_pad and lr points at it. The handler gets
 * r1 = that new sp, r3 = sig, r4 = &info and r5 = &uc and r6 = the frame (rt), or r4 = the
 * sigcontext; FPSCR is cleared for it ("turn off all fp exceptions").
 */
public final class PpcSignalFrames implements SignalFrames {
    static final int SIGNAL_FRAMESIZE = 64;
    static final int MC_GREGS = 0, MC_FREGS = 192, MC_PAD = 456, MC_VRSAVE = 464 + 32 * 16, MC_SIZE = 992;
    static final int PT_NIP = 32, PT_MSR = 33, PT_ORIG_R3 = 34, PT_CTR = 35, PT_LNK = 36, PT_XER = 37, PT_CCR = 38,
            PT_MQ = 39, PT_TRAP = 40, PT_DAR = 41, PT_DSISR = 42, PT_RESULT = 43;
    static final int UC_FLAGS = 0, UC_LINK = 4, UC_STACK = 8, UC_REGS = 48, UC_SIGMASK = 52, UC_MCONTEXT = 192, UC_SIZE = 1184;
    static final int RT_INFO = 0, RT_UC = 128, RT_SIZE = 1536;
    static final int SC_UNUSED3 = 12, SC_SIGNAL = 16, SC_HANDLER = 20, SC_OLDMASK = 24, SC_REGS = 28, SF_MCONTEXT = 32,
            SF_SIZE = 1248;
    static final int NR_SIGRETURN = 119, NR_RT_SIGRETURN = 172;
    /** li r0,0 (add the number) and sc. */
    static final int LI_R0 = 0x38000000, SC = 0x44000002;
    /** MSR of a 32-bit user task: EE | PR | ME | IR | DR | RI. */
    static final int MSR_USER = 0xd032;

    private static final int R1 = PpcRegs.slot(PpcRegs.GPR[1]), LR = PpcRegs.slot(PpcRegs.LR), CTR = PpcRegs.slot(PpcRegs.CTR),
            SO = PpcRegs.slot(PpcRegs.XER_SO), OV = PpcRegs.slot(PpcRegs.XER_OV), CA = PpcRegs.slot(PpcRegs.XER_CA),
            BC = PpcRegs.slot(PpcRegs.XER_BC), FPSCR = PpcRegs.slot(PpcRegs.FPSCR), RESV = PpcRegs.slot(PpcRegs.RESV_ADDR);

    @Override public int stackPointer(CpuState cpu) { return cpu.r[R1]; }

    static int gpr(CpuState cpu, int i) { return cpu.r[PpcRegs.slot(PpcRegs.GPR[i])]; }

    static int xer(CpuState cpu) { return cpu.r[SO] << 31 | cpu.r[OV] << 30 | cpu.r[CA] << 29 | cpu.r[BC] & 0x7f; }

    static int cr(CpuState cpu) {
        int v = 0;
        for (int i = 0; i < 8; i++) v |= (cpu.r[PpcRegs.slot(PpcRegs.CR[i])] & 0xf) << (28 - 4 * i);
        return v;
    }

    @Override
    public int push(CpuState cpu, SignalDelivery d) {
        MemoryPort m = cpu.mem;
        boolean rt = d.rt();
        int frame = (d.stackTop() - (rt ? RT_SIZE : SF_SIZE)) & ~15;
        int mc = rt ? frame + RT_UC + UC_MCONTEXT : frame + SF_MCONTEXT;
        if (rt) {
            for (int i = 0; i < 128; i += 4) m.store32(frame + RT_INFO + i, word(d.siginfo(), i));
            int uc = frame + RT_UC;
            m.store32(uc + UC_FLAGS, 0);
            m.store32(uc + UC_LINK, 0);
            m.store32(uc + UC_STACK, d.altSp());
            m.store32(uc + UC_STACK + 4, d.altFlags());
            m.store32(uc + UC_STACK + 8, d.altSize());
            m.store32(uc + UC_REGS, mc);
            m.store32(uc + UC_SIGMASK, (int) d.savedMask());
            m.store32(uc + UC_SIGMASK + 4, (int) (d.savedMask() >>> 32));
        } else {
            m.store32(frame + SC_HANDLER, d.handler());
            m.store32(frame + SC_OLDMASK, (int) d.savedMask());
            m.store32(frame + SC_UNUSED3, (int) (d.savedMask() >>> 32));
            m.store32(frame + SC_REGS, mc);
            m.store32(frame + SC_SIGNAL, d.signal());
        }
        for (int i = 0; i < 32; i++) m.store32(mc + 4 * i, gpr(cpu, i));
        boolean segv = d.signal() == 11 || d.signal() == 7;
        boolean program = d.signal() == 4 || d.signal() == 5 || d.signal() == 8;
        int code = word(d.siginfo(), 8);
        m.store32(mc + 4 * PT_NIP, cpu.pc);
        m.store32(mc + 4 * PT_MSR, MSR_USER);
        m.store32(mc + 4 * PT_ORIG_R3, gpr(cpu, 3));
        m.store32(mc + 4 * PT_CTR, cpu.r[CTR]);
        m.store32(mc + 4 * PT_LNK, cpu.r[LR]);
        m.store32(mc + 4 * PT_XER, xer(cpu));
        m.store32(mc + 4 * PT_CCR, cr(cpu));
        m.store32(mc + 4 * PT_MQ, 0);
        m.store32(mc + 4 * PT_TRAP, segv ? 0x300 : program ? 0x700 : 0);
        m.store32(mc + 4 * PT_DAR, segv ? d.faultAddress() : 0);
        // DSISR: 0x40000000 no translation, 0x08000000 protection, 0x02000000 a store
        m.store32(mc + 4 * PT_DSISR, segv ? (code == 2 ? 0x08000000 : 0x40000000) | (d.faultWrite() ? 0x02000000 : 0) : 0);
        for (int i = PT_RESULT; i < 48; i++) m.store32(mc + 4 * i, 0);
        for (int i = 0; i < 32; i++) m.store64(mc + MC_FREGS + 8 * i, cpu.d[PpcRegs.slot(PpcRegs.FPR[i])]);
        m.store64(mc + MC_FREGS + 8 * 32, cpu.r[FPSCR] & 0xffffffffL);
        m.store32(mc + MC_VRSAVE, 0);
        int tramp = mc + MC_PAD;
        m.store32(tramp, LI_R0 + (rt ? NR_RT_SIGRETURN : NR_SIGRETURN));
        m.store32(tramp + 4, SC);
        int newsp = frame - (rt ? SIGNAL_FRAMESIZE + 16 : SIGNAL_FRAMESIZE);
        m.store32(newsp, cpu.r[R1]);
        cpu.r[R1] = newsp;
        setGpr(cpu, 3, d.signal());
        if (rt) {
            setGpr(cpu, 4, frame + RT_INFO);
            setGpr(cpu, 5, frame + RT_UC);
            setGpr(cpu, 6, frame);
        } else {
            setGpr(cpu, 4, frame);
        }
        cpu.r[LR] = tramp;
        cpu.pc = d.handler();
        cpu.r[FPSCR] = 0;
        cpu.r[RESV] = -1;
        return tramp;
    }

    private static void setGpr(CpuState cpu, int i, int v) { cpu.r[PpcRegs.slot(PpcRegs.GPR[i])] = v; }

    private static int word(byte[] be, int i) {
        return (be[i] & 0xff) << 24 | (be[i + 1] & 0xff) << 16 | (be[i + 2] & 0xff) << 8 | be[i + 3] & 0xff;
    }

    @Override
    public long restore(CpuState cpu, boolean rt) {
        MemoryPort m = cpu.mem;
        int sp = cpu.r[R1];
        long mask;
        int mc;
        if (rt) {
            int uc = sp + SIGNAL_FRAMESIZE + 16 + RT_UC;
            mask = (m.load32(uc + UC_SIGMASK) & 0xffffffffL) | ((long) m.load32(uc + UC_SIGMASK + 4) << 32);
            mc = m.load32(uc + UC_REGS);
        } else {
            int sc = sp + SIGNAL_FRAMESIZE;
            mask = (m.load32(sc + SC_OLDMASK) & 0xffffffffL) | ((long) m.load32(sc + SC_UNUSED3) << 32);
            mc = m.load32(sc + SC_REGS);
        }
        int[] g = new int[48];
        for (int i = 0; i < 48; i++) g[i] = m.load32(mc + 4 * i);
        long[] f = new long[33];
        for (int i = 0; i < 33; i++) f[i] = m.load64(mc + MC_FREGS + 8 * i);
        // all reads done: a fault above leaves the registers untouched
        for (int i = 0; i < 32; i++) setGpr(cpu, i, g[i]);
        cpu.pc = g[PT_NIP] & ~3;
        cpu.r[CTR] = g[PT_CTR];
        cpu.r[LR] = g[PT_LNK];
        int xer = g[PT_XER];
        cpu.r[SO] = xer >>> 31;
        cpu.r[OV] = xer >>> 30 & 1;
        cpu.r[CA] = xer >>> 29 & 1;
        cpu.r[BC] = xer & 0x7f;
        for (int i = 0; i < 8; i++) cpu.r[PpcRegs.slot(PpcRegs.CR[i])] = g[PT_CCR] >>> (28 - 4 * i) & 0xf;
        for (int i = 0; i < 32; i++) cpu.d[PpcRegs.slot(PpcRegs.FPR[i])] = f[i];
        cpu.r[FPSCR] = (int) f[32];
        cpu.r[RESV] = -1;
        return mask;
    }

    @Override
    public void rewindSyscall(CpuState cpu) { cpu.pc -= 4; }
}

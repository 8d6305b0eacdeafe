package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.SignalDelivery;
import org.junit.jupiter.api.Test;

/** Frame offsets against arch/powerpc/kernel/signal_32.c and uapi asm/ucontext.h, asm/elf.h, asm/ptrace.h. */
class PpcSignalFramesTest {
    static final int BASE = 0x10000, TOP = 0x1800c;

    /** Big-endian RAM at BASE..BASE+64K. */
    static final class Ram implements MemoryPort {
        final byte[] b = new byte[1 << 16];
        public int load8(int a) { return b[a - BASE] & 0xff; }
        public int load16(int a) { return load8(a) << 8 | load8(a + 1); }
        public int load32(int a) { return load16(a) << 16 | load16(a + 2); }
        public long load64(int a) { return (long) load32(a) << 32 | (load32(a + 4) & 0xffffffffL); }
        public void store8(int a, int v) { b[a - BASE] = (byte) v; }
        public void store16(int a, int v) { store8(a, v >>> 8); store8(a + 1, v); }
        public void store32(int a, int v) { store16(a, v >>> 16); store16(a + 2, v); }
        public void store64(int a, long v) { store32(a, (int) (v >>> 32)); store32(a + 4, (int) v); }
    }

    private static CpuState cpu(Ram ram) {
        CpuState c = new CpuState(PpcRegs.FILE);
        c.mem = ram;
        for (int i = 0; i < 32; i++) c.r[PpcRegs.slot(PpcRegs.GPR[i])] = 0x200 + i;
        c.r[PpcRegs.slot(PpcRegs.GPR[1])] = TOP;
        c.pc = 0x10001000;
        c.r[PpcRegs.slot(PpcRegs.LR)] = 0x1111;
        c.r[PpcRegs.slot(PpcRegs.CTR)] = 0x2222;
        c.r[PpcRegs.slot(PpcRegs.XER_CA)] = 1;
        c.r[PpcRegs.slot(PpcRegs.XER_BC)] = 5;
        c.r[PpcRegs.slot(PpcRegs.CR[0])] = 0x8;
        c.r[PpcRegs.slot(PpcRegs.CR[7])] = 0x3;
        c.r[PpcRegs.slot(PpcRegs.FPSCR)] = 0x82000000;
        for (int i = 0; i < 32; i++) c.d[PpcRegs.slot(PpcRegs.FPR[i])] = 0x3ff0_0000_0000_0000L + i;
        return c;
    }

    private static SignalDelivery delivery(int flags) {
        byte[] info = new byte[128];
        info[3] = 10;
        return new SignalDelivery(10, 0x10002000, flags, 0, 0x0000_0001_0000_0400L, info, TOP, 0, 2, 0, 0, false);
    }

    @Test
    void rtFrameLayoutAndHandlerEntry() {
        Ram ram = new Ram();
        CpuState c = cpu(ram);
        int tramp = new PpcSignalFrames().push(c, delivery(SignalDelivery.SA_SIGINFO));
        int frame = (TOP - 1536) & ~15;                   // sizeof(struct rt_sigframe): 128 + 1184 + 224
        int newsp = frame - (64 + 16);                    // __SIGNAL_FRAMESIZE + 16
        assertEquals(newsp, c.r[PpcRegs.slot(PpcRegs.GPR[1])]);
        assertEquals(TOP, ram.load32(newsp));             // back chain
        assertEquals(10, c.r[PpcRegs.slot(PpcRegs.GPR[3])]);
        assertEquals(frame, c.r[PpcRegs.slot(PpcRegs.GPR[4])]);       // &info
        int uc = frame + 128;
        assertEquals(uc, c.r[PpcRegs.slot(PpcRegs.GPR[5])]);          // &uc
        assertEquals(frame, c.r[PpcRegs.slot(PpcRegs.GPR[6])]);
        assertEquals(0x10002000, c.pc);
        assertEquals(0, c.r[PpcRegs.slot(PpcRegs.FPSCR)]);
        int mc = uc + 192;                                             // uc_mcontext
        assertEquals(mc, ram.load32(uc + 48));                         // uc_regs
        assertEquals(0x400, ram.load32(uc + 52));                      // uc_sigmask
        assertEquals(1, ram.load32(uc + 56));
        assertEquals(mc + 456, tramp);                                 // mc_pad
        assertEquals(tramp, c.r[PpcRegs.slot(PpcRegs.LR)]);
        assertEquals(0x38000000 + 172, ram.load32(tramp));             // li r0,__NR_rt_sigreturn
        assertEquals(0x44000002, ram.load32(tramp + 4));               // sc
        assertEquals(0x200, ram.load32(mc));                           // gpr0
        assertEquals(TOP, ram.load32(mc + 4));                         // gpr1
        assertEquals(0x10001000, ram.load32(mc + 4 * 32));             // nip
        assertEquals(0x2222, ram.load32(mc + 4 * 35));                 // ctr
        assertEquals(0x1111, ram.load32(mc + 4 * 36));                 // link
        assertEquals(0x20000005, ram.load32(mc + 4 * 37));             // xer: CA, byte count
        assertEquals(0x80000003, ram.load32(mc + 4 * 38));             // ccr
        assertEquals(0x3ff0_0000_0000_0007L, ram.load64(mc + 192 + 7 * 8));
        assertEquals(0x82000000L, ram.load64(mc + 192 + 32 * 8));      // fpscr in the 33rd double
    }

    @Test
    void restoreRoundTripsEverything() {
        for (int flags : new int[]{SignalDelivery.SA_SIGINFO, 0}) {
            Ram ram = new Ram();
            CpuState c = cpu(ram), before = cpu(new Ram());
            PpcSignalFrames f = new PpcSignalFrames();
            f.push(c, delivery(flags));
            if (flags == 0) {
                int frame = (TOP - 1248) & ~15;           // sizeof(struct sigframe): 32 + 992 + 224
                assertEquals(frame - 64, c.r[PpcRegs.slot(PpcRegs.GPR[1])]);
                assertEquals(frame, c.r[PpcRegs.slot(PpcRegs.GPR[4])]);   // the sigcontext
                assertEquals(10, ram.load32(frame + 16));                   // sc.signal
                assertEquals(0x400, ram.load32(frame + 24));                // sc.oldmask
                assertEquals(1, ram.load32(frame + 12));                    // sc._unused[3]: mask high word
                assertEquals(frame + 32, ram.load32(frame + 28));           // sc.regs
            }
            c.d[PpcRegs.slot(PpcRegs.FPR[3])] = 7;
            c.r[PpcRegs.slot(PpcRegs.CR[2])] = 0xf;
            assertEquals(0x0000_0001_0000_0400L, f.restore(c, flags != 0));
            assertEquals(before.pc, c.pc);
            for (int i = 0; i < c.r.length; i++)
                if (i != PpcRegs.slot(PpcRegs.RESV_ADDR)) assertEquals(before.r[i], c.r[i], "r slot " + i);
            for (int i = 0; i < c.d.length; i++) assertEquals(before.d[i], c.d[i], "d slot " + i);
        }
    }
}

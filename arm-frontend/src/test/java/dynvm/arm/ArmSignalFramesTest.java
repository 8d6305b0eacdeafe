package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import dynvm.spi.SignalDelivery;
import org.junit.jupiter.api.Test;

/** Frame offsets against arch/arm/kernel/signal.c and uapi asm/sigcontext.h, asm/ucontext.h. */
class ArmSignalFramesTest {
    static final int BASE = 0x10000, TOP = 0x18004;

    /** Little-endian RAM at BASE..BASE+64K. */
    static final class Ram implements MemoryPort {
        final byte[] b = new byte[1 << 16];
        public int load8(int a) { return b[a - BASE] & 0xff; }
        public int load16(int a) { return load8(a) | load8(a + 1) << 8; }
        public int load32(int a) { return load16(a) | load16(a + 2) << 16; }
        public long load64(int a) { return (load32(a) & 0xffffffffL) | (long) load32(a + 4) << 32; }
        public void store8(int a, int v) { b[a - BASE] = (byte) v; }
        public void store16(int a, int v) { store8(a, v); store8(a + 1, v >>> 8); }
        public void store32(int a, int v) { store16(a, v); store16(a + 2, v >>> 16); }
        public void store64(int a, long v) { store32(a, (int) v); store32(a + 4, (int) (v >>> 32)); }
    }

    private static CpuState cpu(Ram ram) {
        CpuState c = new CpuState(ArmRegs.FILE);
        c.mem = ram;
        for (int i = 0; i < 15; i++) c.r[ArmRegs.slot(ArmRegs.R[i])] = 0x100 + i;
        c.r[ArmRegs.slot(ArmRegs.SP)] = TOP;
        c.pc = 0x8000;
        c.r[ArmRegs.slot(ArmRegs.N)] = 1;
        c.r[ArmRegs.slot(ArmRegs.C)] = 1;
        c.r[ArmRegs.slot(ArmRegs.GE)] = 0xa;
        c.r[ArmRegs.slot(ArmRegs.T)] = 1;
        c.r[ArmRegs.slot(ArmRegs.ITSTATE)] = 0x2c;
        c.r[ArmRegs.slot(ArmRegs.FPSCR)] = 0x03c00010;
        for (int i = 0; i < 32; i++) c.d[ArmRegs.slot(ArmRegs.D[i])] = 0x4000_0000_0000_0000L + i;   // d16-d31: the D32 models'
        return c;
    }

    private static SignalDelivery delivery(int flags, int handler) {
        byte[] info = new byte[128];
        info[0] = 10;
        return new SignalDelivery(10, handler, flags, 0x9000, 0x1234_0000_0200L, info, TOP, 0, 2, 0, 0, false);
    }

    @Test
    void rtFrameLayoutAndHandlerEntry() {
        Ram ram = new Ram();
        CpuState c = cpu(ram);
        new ArmSignalFrames().push(c, delivery(SignalDelivery.SA_SIGINFO | SignalDelivery.SA_RESTORER, 0xa001));
        int frame = (TOP - 888) & ~7;                     // sizeof(struct rt_sigframe) = 128 + 744 + 16
        assertEquals(frame, c.r[ArmRegs.slot(ArmRegs.SP)]);
        assertEquals(10, c.r[ArmRegs.slot(ArmRegs.R[0])]);
        assertEquals(frame, c.r[ArmRegs.slot(ArmRegs.R[1])]);          // &info
        int uc = frame + 128;
        assertEquals(uc, c.r[ArmRegs.slot(ArmRegs.R[2])]);             // &uc
        assertEquals(0x9000, c.r[ArmRegs.slot(ArmRegs.LR)]);           // sa_restorer
        assertEquals(0xa000, c.pc);
        assertEquals(1, c.r[ArmRegs.slot(ArmRegs.T)]);                 // handler bit 0: Thumb
        assertEquals(0, c.r[ArmRegs.slot(ArmRegs.ITSTATE)]);
        assertEquals(0, c.r[ArmRegs.slot(ArmRegs.N)]);                 // flags byte cleared
        assertEquals(0xa, c.r[ArmRegs.slot(ArmRegs.GE)]);              // GE kept
        assertEquals(10, ram.load32(frame));                           // si_signo
        assertEquals(2, ram.load32(uc + 12));                          // uc_stack.ss_flags
        int mc = uc + 20;                                              // uc_mcontext
        assertEquals(0x200, ram.load32(mc + 8));                       // oldmask
        assertEquals(0x100, ram.load32(mc + 12));                      // arm_r0
        assertEquals(0x10a, ram.load32(mc + 52));                      // arm_r10
        assertEquals(TOP, ram.load32(mc + 64));                        // arm_sp
        assertEquals(0x8000, ram.load32(mc + 72));                     // arm_pc
        int cpsr = ram.load32(mc + 76);
        assertEquals(0xa0000000 | 0xa << 16 | 0x20 | 0x10 | (0x2c & 3) << 25 | (0x2c >>> 2) << 10, cpsr);
        assertEquals(0x200, ram.load32(uc + 104));                     // uc_sigmask
        assertEquals(0x1234, ram.load32(uc + 108));
        int vfp = uc + 232;                                            // uc_regspace
        assertEquals(0x56465001, ram.load32(vfp));
        assertEquals(0x120, ram.load32(vfp + 4));
        assertEquals(0x4000_0000_0000_0003L, ram.load64(vfp + 8 + 3 * 8));
        assertEquals(0x4000_0000_0000_001fL, ram.load64(vfp + 8 + 31 * 8));   // struct user_vfp holds all 32
        assertEquals(0x03c00010, ram.load32(vfp + 8 + 256));           // fpscr
        assertEquals(0x40000000, ram.load32(vfp + 272));               // fpexc: EN
        assertEquals(0, ram.load32(vfp + 288));                        // end_magic
    }

    @Test
    void restoreRoundTripsEverything() {
        Ram ram = new Ram();
        CpuState c = cpu(ram), before = cpu(new Ram());
        ArmSignalFrames f = new ArmSignalFrames();
        f.push(c, delivery(SignalDelivery.SA_SIGINFO | SignalDelivery.SA_RESTORER, 0xa000));
        c.d[ArmRegs.slot(ArmRegs.D[5])] = 99;                          // the handler clobbers things
        c.d[ArmRegs.slot(ArmRegs.D[27])] = 98;
        c.r[ArmRegs.slot(ArmRegs.FPSCR)] = 0;
        long mask = f.restore(c, true);
        assertEquals(0x1234_0000_0200L, mask);
        assertEquals(before.pc, c.pc);
        for (int i = 0; i < c.r.length; i++)
            if (i != ArmRegs.slot(ArmRegs.EXCL_ADDR)) assertEquals(before.r[i], c.r[i], "r slot " + i);
        for (int i = 0; i < c.d.length; i++) assertEquals(before.d[i], c.d[i], "d slot " + i);
    }

    @Test
    void nonRtFrameWithoutRestorerReturnsThroughTheVectorPage() {
        Ram ram = new Ram();
        CpuState c = cpu(ram);
        ArmSignalFrames f = new ArmSignalFrames();
        f.push(c, delivery(0, 0xa000));
        int frame = (TOP - 760) & ~7;                     // sizeof(struct sigframe)
        assertEquals(frame, c.r[ArmRegs.slot(ArmRegs.SP)]);
        assertEquals(0x5ac3c35a, ram.load32(frame));                  // uc_flags of a non-rt frame
        assertEquals(ArmSignalFrames.SIGRETURN_CODES_ADDR, c.r[ArmRegs.slot(ArmRegs.LR)]);
        assertEquals(0xe3a07077, ram.load32(frame + 744));            // retcode: mov r7, #119
        assertEquals(0, c.r[ArmRegs.slot(ArmRegs.T)]);
        assertEquals(0x1234_0000_0200L, f.restore(c, false));
        assertEquals(0x8000, c.pc);
        c.r[ArmRegs.slot(ArmRegs.SP)] = frame + 4;
        assertThrows(IllegalStateException.class, () -> f.restore(c, false));  // misaligned frame
    }
}

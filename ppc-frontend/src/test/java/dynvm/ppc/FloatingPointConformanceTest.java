package dynvm.ppc;

import static dynvm.ppc.Fpscr.*;
import static org.junit.jupiter.api.Assertions.*;

import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import org.junit.jupiter.api.Test;

/**
 * Real encodings of the FP facility run through the interpreter and the translator from the same
 * state (SnippetRunner fails on any register or memory difference); then the final state is
 * checked against the architecture.
 */
class FloatingPointConformanceTest {
    static final SnippetRunner RUN = new SnippetRunner(new PpcIsa());

    static int a(int op, int t, int a, int b, int c, int xo, int rc) { return (op << 26) | (t << 21) | (a << 16) | (b << 11) | (c << 6) | (xo << 1) | rc; }
    static int x(int op, int t, int a, int b, int xo, int rc) { return (op << 26) | (t << 21) | (a << 16) | (b << 11) | (xo << 1) | rc; }
    static int dform(int op, int t, int a, int d) { return (op << 26) | (t << 21) | (a << 16) | (d & 0xffff); }
    static int mtfsfi(int bf, int u) { return (63 << 26) | (bf << 23) | (u << 12) | (134 << 1); }

    static long b(double v) { return Double.doubleToRawLongBits(v); }
    static long fpr(CpuState c, int i) { return PpcRegs.FILE.read(c, PpcRegs.FPR[i]); }
    static double f(CpuState c, int i) { return Double.longBitsToDouble(fpr(c, i)); }
    static int reg(CpuState c, int r) { return (int) PpcRegs.FILE.read(c, r); }

    static void set(CpuState c, int fr, double v) { PpcRegs.FILE.write(c, PpcRegs.FPR[fr], b(v)); }

    @Test void arithmeticUnderDirectedRounding() {
        int[] code = {
            mtfsfi(7, 2),                      // RN = toward +inf
            a(63, 3, 1, 2, 0, 21, 0),          // fadd  f3,f1,f2
            a(63, 4, 1, 2, 0, 18, 0),          // fdiv  f4,f1,f2
            a(63, 5, 0, 2, 0, 22, 0),          // fsqrt f5,f2
            a(59, 6, 1, 2, 0, 18, 0),          // fdivs f6,f1,f2
            a(63, 7, 4, 1, 2, 29, 0),          // fmadd f7,f4,f2,f1  (f4*f2 + f1)
            a(63, 8, 4, 0, 2, 25, 0),          // fmul  f8,f4,f2
            x(63, 9, 0, 4, 12, 0),             // frsp  f9,f4
            x(63, 10, 0, 11, 14, 0),           // fctiw f10,f11
            x(63, 12, 0, 11, 15, 0),           // fctiwz f12,f11
            x(63, 13, 0, 11, 40, 0),           // fneg  f13,f11
            x(63, 14, 0, 13, 264, 0),          // fabs  f14,f13
            x(63, 15, 0, 11, 136, 0),          // fnabs f15,f11
            a(63, 16, 13, 1, 2, 23, 0),        // fsel  f16,f13,f2,f1  (f13 < 0 -> f1)
            x(63, 2 << 2, 1, 2, 32, 0),        // fcmpo cr2,f1,f2
            x(63, 17, 0, 0, 583, 0),           // mffs  f17
        };
        SnippetRunner.Result r = RUN.run(code, (cpu, mem) -> {
            set(cpu, 1, 1.0);
            set(cpu, 2, 3.0);
            set(cpu, 11, -2.5);
        });
        assertEquals("end", r.stop());
        CpuState c = r.cpu();
        assertEquals(4.0, f(c, 3));
        double third = Math.nextUp(1.0 / 3); // RN of 1/3 is below it
        assertEquals(third, f(c, 4));
        assertEquals(PpcFpu.fsqrt(cpuWith(2), 0, b(3.0)), fpr(c, 5));
        assertEquals((double) (1f / 3), f(c, 6), "the nearest single is already above 1/3");
        assertEquals(PpcFpu.fmadd(cpuWith(2), 0, b(third), b(3.0), b(1.0)), fpr(c, 7));
        assertEquals(Math.nextUp(1.0), f(c, 8), "3 * nextUp(1/3) rounded up");
        assertEquals((double) (float) (1.0 / 3), f(c, 9), "frsp toward +inf: the nearest single is above");
        assertEquals(0xfff8_0000_ffff_fffeL, fpr(c, 10), "fctiw -2.5 toward +inf = -2");
        assertEquals(0xfff8_0000_ffff_fffeL, fpr(c, 12));
        assertEquals(2.5, f(c, 13));
        assertEquals(2.5, f(c, 14));
        assertEquals(-2.5, f(c, 15));
        assertEquals(3.0, f(c, 16), "fsel: 2.5 >= 0 selects FRC");
        assertEquals(8, reg(c, PpcRegs.CR[2]));
        int fpscr = reg(c, PpcRegs.FPSCR);
        assertEquals(2, fpscr & RN);
        assertEquals(FX | XX, fpscr & (FX | XX | VX | OX | UX | ZX));
        assertEquals(0xfff8_0000_0000_0000L | (fpscr & 0xffff_ffffL), fpr(c, 17));
    }

    static CpuState cpuWith(int fpscr) {
        CpuState c = new CpuState(PpcRegs.FILE);
        c.r[PpcRegs.slot(PpcRegs.FPSCR)] = fpscr;
        return c;
    }

    @Test void recordFormsAndFpscrMoves() {
        int[] code = {
            a(63, 3, 1, 2, 0, 20, 1),          // fsub. f3,f1,f2  (inf - inf: VXISI)
            x(63, 3 << 2, 0, 0, 64, 0),        // mcrfs cr3,0   (FX FEX VX OX; clears FX)
            x(63, 25, 0, 0, 38, 0),            // mtfsb1 25 (OE)
            x(63, 4 << 2, 2 << 2, 0, 64, 0),   // mcrfs cr4,2   (field 2 = VXISI VXIDI VXZDZ VXIMZ; clears VXISI)
            a(63, 4, 5, 6, 0, 18, 1),          // fdiv. f4,f5,f6 (1/0: ZX)
            (63 << 26) | (0xff << 17) | (7 << 11) | (711 << 1), // mtfsf 0xff,f7
            x(63, 8, 0, 0, 583, 1),            // mffs. f8
        };
        SnippetRunner.Result r = RUN.run(code, (cpu, mem) -> {
            set(cpu, 1, Double.POSITIVE_INFINITY);
            set(cpu, 2, Double.POSITIVE_INFINITY);
            set(cpu, 5, 1.0);
            set(cpu, 6, 0.0);
            PpcRegs.FILE.write(cpu, PpcRegs.FPR[7], 0x0000_0000_8000_0001L); // FX and RN=1
        });
        CpuState c = r.cpu();
        assertEquals(FpRounding.DEFAULT_QNAN, fpr(c, 3));
        assertEquals(0b1010, reg(c, PpcRegs.CR[3]), "FX, VX");
        assertEquals(0b1000, reg(c, PpcRegs.CR[4]), "field 2 starts with VXISI");
        assertEquals(Double.POSITIVE_INFINITY, f(c, 4));
        assertEquals(0x8000_0001, reg(c, PpcRegs.FPSCR), "mtfsf replaced everything; VX/FEX recomputed to 0");
        assertEquals(0b1000, reg(c, PpcRegs.CR[1]), "mffs. copies FX FEX VX OX");
        assertEquals(0xfff8_0000_8000_0001L, fpr(c, 8));
    }

    @Test void loadsAndStores() {
        int base = SnippetRunner.DATA;
        int[] code = {
            dform(48, 1, 9, 0),                // lfs   f1,0(r9)   (single SNaN, kept signalling)
            dform(48, 2, 9, 4),                // lfs   f2,4(r9)   (single denormal)
            dform(50, 3, 9, 8),                // lfd   f3,8(r9)
            dform(52, 2, 9, 16),               // stfs  f2,16(r9)
            dform(53, 3, 9, 20),               // stfsu f3,20(r9)  r9 += 20
            dform(55, 3, 9, 4),                // stfdu f3,4(r9)   r9 += 4
            x(31, 1, 9, 10, 663, 0),           // stfsx f1,r9,r10
            x(31, 4, 0, 11, 599, 0),           // lfdx  f4,0,r11
            x(31, 5, 9, 12, 567, 0),           // lfsux f5,r9,r12
            x(31, 10, 9, 13, 983, 0),          // stfiwx f10,r9,r13
        };
        SnippetRunner.Result r = RUN.run(code, (cpu, mem) -> {
            mem.store32be(base, 0x7f80_0001);
            mem.store32be(base + 4, 0x0000_0003);
            mem.store64be(base + 8, b(1.0 + 0x1p-40));
            PpcRegs.FILE.write(cpu, PpcRegs.GPR[9], base);
            PpcRegs.FILE.write(cpu, PpcRegs.GPR[10], 16);
            PpcRegs.FILE.write(cpu, PpcRegs.GPR[11], base + 8);
            PpcRegs.FILE.write(cpu, PpcRegs.GPR[12], -24);
            PpcRegs.FILE.write(cpu, PpcRegs.GPR[13], 48);
            PpcRegs.FILE.write(cpu, PpcRegs.FPR[10], 0xfff8_0000_1234_5678L);
        });
        CpuState c = r.cpu();
        var m = r.mem();
        assertEquals(0x7ff0_0000_2000_0000L, fpr(c, 1));
        assertEquals(b(3 * 0x1p-149), fpr(c, 2));
        assertEquals(0x0000_0003, m.load32be(base + 16));
        assertEquals(0x3f80_0000, m.load32be(base + 20), "stfs truncates 1+2^-40");
        assertEquals(b(1.0 + 0x1p-40), m.load64be(base + 24));
        assertEquals(0x7f80_0001, m.load32be(base + 24 + 16));
        assertEquals(b(1.0 + 0x1p-40), fpr(c, 4));
        assertEquals(base, reg(c, PpcRegs.GPR[9]), "lfsux updated RA to base + 24 - 24");
        assertEquals(0x7ff0_0000_2000_0000L, fpr(c, 5), "lfsux read the SNaN at base");
        assertEquals(0x1234_5678, m.load32be(base + 48));
        assertEquals(0, reg(c, PpcRegs.FPSCR), "loads and stores never touch the FPSCR");
    }

    /** FPSCR bit 20 is reserved: mtfsfi, mtfsf and mtfsb1 leave it 0 (found by QemuDifferentialTest). */
    @Test void reservedFpscrBit20StaysClear() {
        int mtfsb1 = x(63, 20, 0, 0, 38, 0);                    // mtfsb1 20
        int mtfsf = (63 << 26) | (0x04 << 17) | (1 << 11) | (711 << 1);  // mtfsf 0x04 (field 5),f1
        SnippetRunner.Result r = RUN.run(new int[]{mtfsfi(5, 0xf), mtfsb1, mtfsf, x(63, 2, 0, 0, 583, 0)}, (cpu, mem) ->
                PpcRegs.FILE.write(cpu, PpcRegs.FPR[1], 0x0000_0fffL));
        int fpscr = reg(r.cpu(), PpcRegs.FPSCR);
        assertEquals(0, fpscr & 0x800, "reserved bit 20");
        assertEquals(0x700, fpscr & 0xf00, "VXSOFT, VXSQRT, VXCVI from field 5");
    }
}

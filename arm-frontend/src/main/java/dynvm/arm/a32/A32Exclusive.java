package dynvm.arm.a32;

import static dynvm.arm.ArmRegs.EXCL_ADDR;
import static dynvm.arm.a32.A32Fields.pcRead;
import static dynvm.arm.a32.A32Fields.r0;
import static dynvm.arm.a32.A32Fields.r12;
import static dynvm.arm.a32.A32Fields.r16;

import dynvm.arm.ArmAlignment;
import dynvm.arm.ArmOps;
import dynvm.arm.ArmRegs;
import dynvm.ir.Helper;
import dynvm.ir.IrEmitter;
import dynvm.spi.CpuState;
import java.util.ArrayList;
import java.util.List;

/**
 * Synchronization primitives (ARM ARM A5.2.10 / A8 "LDREX", "STREX", "SWP"): SWP/SWPB and the
 * exclusive pairs in word, byte, halfword and doubleword sizes, plus CLREX (in A32Misc).
 *
 * <p>The exclusive monitor is the EXCL_ADDR register plus the loaded value(s) in EXCL_VAL and
 * EXCL_VAL_HI: LDREX records address and value, STREX stores (status 0) only if the monitor holds
 * exactly that address and memory still holds the recorded value, as one compare-and-set, so it
 * is atomic against other guest threads (QEMU's cmpxchg scheme; an intervening store of the same
 * value goes unnoticed, which the ARM ARM permits for the global monitor's granule). Every STREX
 * clears the monitor. A conditional store cannot be spelled in straight-line IR, so it is a
 * helper (like PPC stwcx.); both engines run the same IR and helper.
 */
public final class A32Exclusive {
    private A32Exclusive() { }

    private static final Helper STORE_IF = Helper.of(A32Exclusive.class, "storeIf");
    private static final Helper STORE64_IF = Helper.of(A32Exclusive.class, "store64If");

    static List<A32Row> rows() {
        List<A32Row> r = new ArrayList<>();
        r.add(A32Row.plain("swp", 0x0ff00ff0, 0x01000090, "R12,R0,[R16]", (e, w, pc) -> swap(e, w, pc, 4)));
        r.add(A32Row.plain("swpb", 0x0ff00ff0, 0x01400090, "R12,R0,[R16]", (e, w, pc) -> swap(e, w, pc, 1)));
        String[] sfx = {"", "d", "b", "h"};
        int[] sizes = {4, 8, 1, 2};
        for (int k = 0; k < 4; k++) {
            int size = sizes[k], op = k << 21;
            // the doubleword forms need an even register pair (odd Rt: UNPREDICTABLE, SIGILL in qemu-arm too)
            r.add(A32Row.plain("ldrex" + sfx[k], 0x0ff00fff, 0x01900f9f | op, size == 8 ? "R12,R12n,[R16]" : "R12,[R16]",
                    (e, w, pc) -> loadExclusive(e, w, pc, size)).where(w -> size != 8 || (w & 1 << 12) == 0));
            r.add(A32Row.plain("strex" + sfx[k], 0x0ff00ff0, 0x01800f90 | op, size == 8 ? "R12,R0,R0n,[R16]" : "R12,R0,[R16]",
                    (e, w, pc) -> storeExclusive(e, w, pc, size)).where(w -> size != 8 || (w & 1) == 0));
        }
        return r;
    }

    /**
     * SWP Rt, Rt2, [Rn]: Rt = mem[Rn]; mem[Rn] = Rt2 (Rt2 read before Rt is written). SWP's
     * word must be aligned in the system context (MemA, checked as the load).
     */
    private static void swap(IrEmitter e, int w, int pc, int size) {
        int addr = ArmOps.readReg(e, r16(w), pcRead(pc));
        int v = ArmOps.readReg(e, r0(w), pcRead(pc));
        int old = ArmOps.loadAligned(e, size, addr);
        ArmOps.store(e, size, addr, v);
        if (r12(w) != 15) ArmOps.writeReg(e, r12(w), old);
    }

    private static void loadExclusive(IrEmitter e, int w, int pc, int size) {
        int addr = ArmOps.readReg(e, r16(w), pcRead(pc)), rt = r12(w);
        if (size == 8) loadExclusive(e, addr, size, rt & 14, rt | 1);
        else loadExclusive(e, addr, size, rt, 15);
    }

    /** STREX Rd, Rt, [Rn]: Rd = 0 if stored, 1 if not; the monitor is cleared either way. */
    private static void storeExclusive(IrEmitter e, int w, int pc, int size) {
        int addr = ArmOps.readReg(e, r16(w), pcRead(pc)), rt = r0(w);
        int value = ArmOps.readReg(e, size == 8 ? rt & 14 : rt, pcRead(pc));
        int hi = size == 8 ? ArmOps.readReg(e, rt | 1, pcRead(pc)) : -1;
        storeExclusive(e, addr, size, r12(w), value, hi);
    }

    /**
     * LDREX{B,H,D} semantics shared by A32 and Thumb-2: loads {@code size} bytes at {@code addr}
     * (zero-extended; doubleword: Rt from addr, Rt2 from addr + 4), then marks addr in the
     * monitor. A destination of 15 is not written (the forms that name pc are UNPREDICTABLE).
     * In the system context addr must be aligned to the size (MemA, 8 for the doubleword).
     */
    public static void loadExclusive(IrEmitter e, int addr, int size, int rt, int rt2) {
        if (size == 8) {
            ArmAlignment.memA(e, addr, 8, false);
            int lo = e.load32(addr), hi = e.load32(e.addImm(addr, 4));
            e.set(EXCL_ADDR, addr);
            e.set(ArmRegs.EXCL_VAL, lo);
            e.set(ArmRegs.EXCL_VAL_HI, hi);
            ArmOps.writeRegUnlessPc(e, rt, lo);
            ArmOps.writeRegUnlessPc(e, rt2, hi);
            return;
        }
        int v = ArmOps.loadAligned(e, size, addr);
        e.set(EXCL_ADDR, addr);
        e.set(ArmRegs.EXCL_VAL, v);
        ArmOps.writeRegUnlessPc(e, rt, v);
    }

    /**
     * STREX{B,H,D} semantics shared by A32 and Thumb-2: stores {@code value} (doubleword: value
     * at addr and {@code hi} at addr + 4) only if the monitor holds addr, clears the monitor, and
     * writes the status (0 stored, 1 not) to Rd unless Rd is 15. No alignment check, as in
     * QEMU 7.2: an unaligned STREX just fails, since LDREX never leaves an unaligned address of
     * its size in the monitor (ExclusiveMonitorsPass would fault it first).
     */
    public static void storeExclusive(IrEmitter e, int addr, int size, int rd, int value, int hi) {
        int ok = e.eq(e.get(EXCL_ADDR), addr);
        int status = size == 8
                ? e.call(STORE64_IF, ok, addr, e.get(ArmRegs.EXCL_VAL), e.get(ArmRegs.EXCL_VAL_HI), value, hi)
                : e.call(STORE_IF, ok, addr, e.get(ArmRegs.EXCL_VAL), value, e.const32(size));
        e.set(EXCL_ADDR, e.const32(-1));
        ArmOps.writeRegUnlessPc(e, rd, status);
    }

    /**
     * STREX{B,H}'s store: when the monitor holds addr ({@code ok}), compare-and-sets the low
     * {@code size} bytes at {@code addr} from {@code expect} (what LDREX loaded) to {@code value}.
     * Returns STREX's status: 0 stored, 1 not.
     */
    public static int storeIf(CpuState cpu, boolean ok, int addr, int expect, int value, int size) {
        if (!ok) return 1;
        long m = size == 4 ? 0xffffffffL : (1L << (8 * size)) - 1;
        return cpu.mem.compareAndSet(addr, size, expect & m, value & m) ? 0 : 1;
    }

    /** STREXD's store: lo at addr and hi at addr+4 (little-endian doubleword) as one compare-and-set. */
    public static int store64If(CpuState cpu, boolean ok, int addr, int expLo, int expHi, int lo, int hi) {
        if (!ok) return 1;
        long expect = ((long) expHi << 32) | (expLo & 0xffffffffL), value = ((long) hi << 32) | (lo & 0xffffffffL);
        return cpu.mem.compareAndSet(addr, 8, expect, value) ? 0 : 1;
    }
}

package dynvm.ppc;

import static dynvm.ppc.PpcAsm.d;
import static dynvm.ppc.PpcAsm.x;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/** Loads and stores through both engines: big-endian layout, update forms, strings, reservations. */
class LoadStoreTest extends PpcSnippets {
    private static final int LT = 8, GT = 4, EQ = 2, SO = 1;

    /** r4 = DATA, r5 = 8, and the words 0x8899aabb 0x11223344 0xcafef00d 0x01020304 at DATA. */
    private static final BiConsumer<CpuState, GuestMemory> DATA_INIT = (c, m) -> {
        setGpr(c, 4, DATA);
        setGpr(c, 5, 8);
        m.store32be(DATA, 0x8899aabb);
        m.store32be(DATA + 4, 0x11223344);
        m.store32be(DATA + 8, 0xcafef00d);
        m.store32be(DATA + 12, 0x01020304);
    };

    @Test
    void dFormLoads() {
        SnippetRunner.Result r = run(DATA_INIT,
                d(32, 3, 4, 4),      // lwz r3,4(r4)
                d(34, 6, 4, 1),      // lbz r6,1(r4)
                d(40, 7, 4, 2),      // lhz r7,2(r4)
                d(42, 8, 4, 0),      // lha r8,0(r4)
                d(42, 9, 4, 6));     // lha r9,6(r4)
        assertEquals(0x11223344, gpr(r, 3));
        assertEquals(0x99, gpr(r, 6));
        assertEquals(0xaabb, gpr(r, 7));
        assertEquals(0xffff8899, gpr(r, 8));
        assertEquals(0x3344, gpr(r, 9));
    }

    @Test
    void updateAndIndexedLoads() {
        SnippetRunner.Result r = run(DATA_INIT,
                d(33, 3, 4, 4),           // lwzu r3,4(r4): r4 = DATA+4
                x(31, 6, 4, 5, 23, 0),    // lwzx r6,r4,r5 -> DATA+12
                x(31, 7, 0, 4, 87, 0),    // lbzx r7,0,r4 (RA=0) -> byte at DATA+4
                x(31, 8, 4, 5, 375, 0),   // lhaux r8,r4,r5: r4 = DATA+12
                d(35, 9, 4, -11),         // lbzu r9,-11(r4): r4 = DATA+1
                x(31, 10, 4, 5, 311, 0),  // lhzux r10,r4,r5: r4 = DATA+9
                d(41, 11, 4, -9),         // lhzu r11,-9(r4): r4 = DATA
                x(31, 12, 4, 5, 55, 0));  // lwzux r12,r4,r5: r4 = DATA+8
        assertEquals(0x11223344, gpr(r, 3));
        assertEquals(0x01020304, gpr(r, 6));
        assertEquals(0x11, gpr(r, 7));
        assertEquals(0x0102, gpr(r, 8));
        assertEquals(0x99, gpr(r, 9));
        assertEquals(0xfef0, gpr(r, 10));
        assertEquals(0x8899, gpr(r, 11));
        assertEquals(0xcafef00d, gpr(r, 12));
        assertEquals(DATA + 8, gpr(r, 4));
    }

    @Test
    void storesAreBigEndian() {
        SnippetRunner.Result r = run((c, m) -> {
                    setGpr(c, 4, DATA);
                    setGpr(c, 5, 8);
                    setGpr(c, 3, 0x12345678);
                },
                d(36, 3, 4, 0),            // stw r3,0(r4)
                d(38, 3, 4, 4),            // stb r3,4(r4)
                d(44, 3, 4, 6),            // sth r3,6(r4)
                d(37, 3, 4, 16),           // stwu r3,16(r4): r4 = DATA+16
                x(31, 3, 4, 5, 247, 0),    // stbux r3,r4,r5: r4 = DATA+24
                x(31, 3, 4, 5, 439, 0),    // sthux: r4 = DATA+32
                x(31, 3, 4, 5, 183, 0),    // stwux: r4 = DATA+40
                x(31, 4, 4, 5, 151, 0));   // stwx r4,r4,r5: stores DATA+40 at DATA+48
        GuestMemory m = r.mem();
        assertEquals(0x12345678, m.load32be(DATA));
        assertEquals(0x78, m.load8(DATA + 4));
        assertEquals(0x5678, m.load16be(DATA + 6));
        assertEquals(0x12345678, m.load32be(DATA + 16));
        assertEquals(0x78, m.load8(DATA + 24));
        assertEquals(0x5678, m.load16be(DATA + 32));
        assertEquals(0x12345678, m.load32be(DATA + 40));
        assertEquals(DATA + 40, m.load32be(DATA + 48));
        assertEquals(0x12, m.load8(DATA)); // most significant byte first
    }

    @Test
    void storeWithUpdateStoresTheOldBase() {
        // stwu r1,-16(r1): the stored value is r1 before the update (the stack back chain)
        SnippetRunner.Result r = run((c, m) -> setGpr(c, 1, DATA + 64), d(37, 1, 1, -16));
        assertEquals(DATA + 48, gpr(r, 1));
        assertEquals(DATA + 64, r.mem().load32be(DATA + 48));
    }

    @Test
    void invalidUpdateFormsTrap() {
        assertEquals("trap:4", run(DATA_INIT, d(33, 4, 4, 0)).stop());          // lwzu r4,0(r4): RA=RT
        assertEquals("trap:4", run(DATA_INIT, d(33, 3, 0, 0)).stop());          // lwzu r3,0(0)
        assertEquals("trap:4", run(DATA_INIT, x(31, 3, 0, 5, 55, 0)).stop());   // lwzux RA=0
        assertEquals("trap:4", run(DATA_INIT, d(37, 3, 0, 0)).stop());          // stwu RA=0
        assertEquals("end", run(DATA_INIT, d(37, 4, 4, 0)).stop());             // stwu RS=RA is fine
    }

    @Test
    void byteReversed() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    setGpr(c, 3, 0x12345678);
                },
                x(31, 6, 0, 4, 534, 0),    // lwbrx r6,0,r4
                x(31, 7, 4, 5, 790, 0),    // lhbrx r7,r4,r5
                x(31, 3, 4, 5, 662, 0),    // stwbrx r3,r4,r5
                x(31, 3, 0, 4, 918, 0));   // sthbrx r3,0,r4
        assertEquals(0xbbaa9988, gpr(r, 6));
        assertEquals(0xfeca, gpr(r, 7));
        assertEquals(0x78563412, r.mem().load32be(DATA + 8));
        assertEquals(0x7856aabb, r.mem().load32be(DATA));
    }

    @Test
    void loadAndStoreMultiple() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    for (int i = 28; i < 32; i++) setGpr(c, i, 0x1000 + i);
                },
                d(47, 28, 4, 32),          // stmw r28,32(r4)
                d(46, 29, 4, 0));          // lmw r29,0(r4)
        assertEquals(0x101c, r.mem().load32be(DATA + 32));
        assertEquals(0x101f, r.mem().load32be(DATA + 44));
        assertEquals(0x101c, gpr(r, 28));
        assertEquals(0x8899aabb, gpr(r, 29));
        assertEquals(0xcafef00d, gpr(r, 31));
    }

    @Test
    void loadStringImmediateCrossesRegistersAndWraps() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    setGpr(c, 6, -1);
                    setGpr(c, 0, -1);
                    setGpr(c, 1, -1);
                },
                x(31, 5, 4, 7, 597, 0),    // lswi r5,r4,7: r5 = 4 bytes, r6 = 3 bytes + 0
                x(31, 31, 4, 6, 597, 0));  // lswi r31,r4,6: r31, then r0 (wraps)
        assertEquals(0x8899aabb, gpr(r, 5));
        assertEquals(0x11223300, gpr(r, 6));
        assertEquals(0x8899aabb, gpr(r, 31));
        assertEquals(0x11220000, gpr(r, 0));
        assertEquals(-1, gpr(r, 1));
    }

    @Test
    void storeStringImmediate() {
        SnippetRunner.Result r = run((c, m) -> {
                    setGpr(c, 4, DATA);
                    setGpr(c, 7, 0x41424344);
                    setGpr(c, 8, 0x45464748);
                    m.store32be(DATA + 4, 0xffffffff);
                },
                x(31, 7, 4, 6, 725, 0));   // stswi r7,r4,6
        assertEquals(0x41424344, r.mem().load32be(DATA));
        assertEquals(0x4546ffff, r.mem().load32be(DATA + 4));
    }

    @Test
    void indexedStringsUseTheXerCount() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    set(c, PpcRegs.XER_BC, 5);
                    setGpr(c, 10, 0x61626364);
                    setGpr(c, 11, 0x65666768);
                    setGpr(c, 7, -1);
                },
                x(31, 6, 4, 5, 533, 0),    // lswx r6,r4,r5: 5 bytes from DATA+8
                x(31, 10, 0, 4, 661, 0));  // stswx r10,0,r4: 5 bytes to DATA
        assertEquals(0xcafef00d, gpr(r, 6));
        assertEquals(0x01000000, gpr(r, 7));
        assertEquals(0x61626364, r.mem().load32be(DATA));
        assertEquals(0x65223344, r.mem().load32be(DATA + 4));
    }

    @Test
    void reservationSucceeds() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    setGpr(c, 6, 0x55);
                    set(c, PpcRegs.XER_SO, 1);
                },
                x(31, 3, 0, 4, 20, 0),     // lwarx r3,0,r4
                x(31, 6, 0, 4, 150, 1));   // stwcx. r6,0,r4
        assertEquals(0x8899aabb, gpr(r, 3));
        assertEquals(0x55, r.mem().load32be(DATA));
        assertEquals(EQ | SO, cr(r, 0));
        assertEquals(-1, get(r, PpcRegs.RESV_ADDR));
    }

    @Test
    void reservationFailsOnAnotherAddressOrWithoutLwarx() {
        SnippetRunner.Result r = run((c, m) -> {
                    DATA_INIT.accept(c, m);
                    setGpr(c, 6, 0x55);
                },
                x(31, 3, 0, 4, 20, 0),     // lwarx r3,0,r4
                x(31, 6, 4, 5, 150, 1),    // stwcx. r6,r4,r5: other address -> fails, no store
                x(31, 6, 0, 4, 150, 1));   // stwcx. r6,0,r4: reservation already lost
        assertEquals(0xcafef00d, r.mem().load32be(DATA + 8));
        assertEquals(0x8899aabb, r.mem().load32be(DATA));
        assertEquals(0, cr(r, 0));
        assertEquals(-1, get(r, PpcRegs.RESV_ADDR));
        // a fresh process has no reservation
        r = run(DATA_INIT, x(31, 4, 0, 4, 150, 1));
        assertEquals(0x8899aabb, r.mem().load32be(DATA));
        assertEquals(0, cr(r, 0));
    }

    @Test
    void atomicIncrementLoop() {
        // loop: lwarx r3,0,r4; addi r3,r3,1; stwcx. r3,0,r4; bne- loop
        SnippetRunner.Result r = run(DATA_INIT, x(31, 3, 0, 4, 20, 0), PpcAsm.addi(3, 3, 1),
                x(31, 3, 0, 4, 150, 1), PpcAsm.bc(4, 2, -12, 0, 0));
        assertEquals(0x8899aabc, r.mem().load32be(DATA));
        assertEquals(EQ, cr(r, 0));
    }

    @Test
    void loadFaultStopsPrecisely() {
        SnippetRunner.Result r = run((c, m) -> setGpr(c, 4, 0x100), PpcAsm.li(3, 7), d(32, 5, 4, 0));
        assertEquals("fault:0x00000100", r.stop());
        assertEquals(7, gpr(r, 3));
    }
}

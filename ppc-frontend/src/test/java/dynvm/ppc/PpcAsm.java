package dynvm.ppc;

/** Encoders for the instruction formats, so tests spell instructions by their fields. */
final class PpcAsm {
    private PpcAsm() { }

    static int d(int op, int rt, int ra, int imm) { return op << 26 | rt << 21 | ra << 16 | (imm & 0xffff); }

    static int x(int op, int rt, int ra, int rb, int xo, int rc) { return op << 26 | rt << 21 | ra << 16 | rb << 11 | xo << 1 | rc; }

    static int x(int rt, int ra, int rb, int xo) { return x(31, rt, ra, rb, xo, 0); }

    static int xo(int rt, int ra, int rb, int oe, int xo, int rc) { return 31 << 26 | rt << 21 | ra << 16 | rb << 11 | oe << 10 | xo << 1 | rc; }

    static int m(int op, int rs, int ra, int sh, int mb, int me, int rc) { return op << 26 | rs << 21 | ra << 16 | sh << 11 | mb << 6 | me << 1 | rc; }

    static int xl(int bt, int ba, int bb, int xo) { return 19 << 26 | bt << 21 | ba << 16 | bb << 11 | xo << 1; }

    static int b(int li, int aa, int lk) { return 18 << 26 | (li & 0x03fffffc) | aa << 1 | lk; }

    static int bc(int bo, int bi, int bd, int aa, int lk) { return 16 << 26 | bo << 21 | bi << 16 | (bd & 0xfffc) | aa << 1 | lk; }

    static int bclr(int bo, int bi, int lk) { return 19 << 26 | bo << 21 | bi << 16 | 16 << 1 | lk; }

    static int bcctr(int bo, int bi, int lk) { return 19 << 26 | bo << 21 | bi << 16 | 528 << 1 | lk; }

    /** mfspr / mtspr with the split SPR field. */
    static int spr(int xo, int r, int spr) { return 31 << 26 | r << 21 | (spr & 31) << 16 | (spr >>> 5) << 11 | xo << 1; }

    static int addi(int rt, int ra, int si) { return d(14, rt, ra, si); }

    static int li(int rt, int si) { return addi(rt, 0, si); }

    static final int SC = 0x44000002;
}

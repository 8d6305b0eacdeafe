package dynvm.arm.thumb;

import static dynvm.arm.thumb.ThumbAsm.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmRegs;
import dynvm.arm.a32.A32Asm;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.translator.harness.SnippetRunner;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The 32-bit Thumb-2 loads and stores through both engines. Expected values come from a plain
 * model written here: a memory image of known bytes, the ARM ARM's address arithmetic (offset,
 * P/U/W, Align(pc + 4, 4)) and little-endian assembly of the bytes, never from the front-end.
 */
class Thumb32LoadStoreTest extends ThumbSnippets {
    /** Where the data image starts and the base register points (mid-image, so negative offsets stay inside). */
    private static final int IMAGE = DATA, IMAGE_BYTES = 0x500, BASE = IMAGE + 0x200;

    /** The image's byte at {@code addr}: a pattern with both signs in every position. */
    private static int byteAt(int addr) { return ((addr - IMAGE) * 37 + 0x8b) & 0xff; }

    /** The model's load: {@code size} bytes little-endian from the image, sign- or zero-extended. */
    private static int modelLoad(int addr, int size, boolean signed) {
        int v = 0;
        for (int i = size - 1; i >= 0; i--) v = v << 8 | byteAt(addr + i);
        if (!signed || size == 4) return v;
        return size == 1 ? (byte) v : (short) v;
    }

    private static SnippetRunner.Result exec(BiConsumer<CpuState, GuestMemory> init, int... halfwords) {
        return run((c, m) -> {
            for (int i = 0; i < IMAGE_BYTES; i++) m.store8(IMAGE + i, byteAt(IMAGE + i));
            init.accept(c, m);
        }, halfwords);
    }

    // ---------------------------------------------------------------- encodings (ARM ARM A6.3.7-A6.3.10, A6.3.5, A6.3.6)

    /** hw1 bits of each width: S (bit 24) and size (bits 22:21). */
    private static final int B = 0, H = 1 << 21, W = 2 << 21, SB = 1 << 24, SH = 1 << 24 | 1 << 21;

    private static int[] imm12(boolean load, int width, int rt, int rn, int imm12) {
        return wide(0xf8800000 | width | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | imm12);
    }

    /** The imm8 forms: hw2 = Rt 1 P U W imm8. */
    private static int[] imm8(boolean load, int width, int rt, int rn, boolean p, boolean u, boolean w, int imm8) {
        return wide(0xf8000800 | width | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | (p ? 0x400 : 0) | (u ? 0x200 : 0) | (w ? 0x100 : 0) | imm8);
    }

    /** LDRT and friends: hw2 = Rt 1110 imm8. */
    private static int[] user(boolean load, int width, int rt, int rn, int imm8) {
        return wide(0xf8000e00 | width | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | imm8);
    }

    private static int[] regOffset(boolean load, int width, int rt, int rn, int rm, int lsl) {
        return wide(0xf8000000 | width | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | lsl << 4 | rm);
    }

    private static int[] literal(int width, int rt, boolean up, int imm12) {
        return wide(0xf81f0000 | width | (up ? 1 << 23 : 0) | rt << 12 | imm12);
    }

    private static int[] dual(boolean load, int rt, int rt2, int rn, boolean p, boolean u, boolean w, int imm8) {
        return wide(0xe8400000 | (p ? 1 << 24 : 0) | (u ? 1 << 23 : 0) | (w ? 1 << 21 : 0) | (load ? 1 << 20 : 0) | rn << 16 | rt << 12 | rt2 << 8 | imm8);
    }

    private static int[] ldrex(int rt, int rn, int imm8) { return wide(0xe8500f00 | rn << 16 | rt << 12 | imm8); }

    private static int[] strex(int rd, int rt, int rn, int imm8) { return wide(0xe8400000 | rn << 16 | rt << 12 | rd << 8 | imm8); }

    /** LDREXB/H/D (size 1, 2, 8): hw2 = Rt Rt2|1111 01xx 1111. */
    private static int[] ldrexSized(int size, int rt, int rt2, int rn) {
        int op = size == 1 ? 0x40 : size == 2 ? 0x50 : 0x70;
        return wide(0xe8d0000f | rn << 16 | rt << 12 | (size == 8 ? rt2 : 15) << 8 | op);
    }

    private static int[] strexSized(int size, int rd, int rt, int rt2, int rn) {
        int op = size == 1 ? 0x40 : size == 2 ? 0x50 : 0x70;
        return wide(0xe8c00000 | rn << 16 | rt << 12 | (size == 8 ? rt2 : 15) << 8 | op | rd);
    }

    private static int[] tb(boolean half, int rn, int rm) { return wide(0xe8d0f000 | (half ? 0x10 : 0) | rn << 16 | rm); }

    /** LDM/STM IA (increment) or DB, with writeback. */
    private static int[] multiple(boolean load, boolean increment, boolean wback, int rn, int list) {
        return wide((increment ? 0xe8800000 : 0xe9000000) | (wback ? 1 << 21 : 0) | (load ? 1 << 20 : 0) | rn << 16 | list);
    }

    private static final int[][] WIDTHS = {{B, 1, 0}, {H, 2, 0}, {W, 4, 0}, {SB, 1, 1}, {SH, 2, 1}};

    private static String name(int[] width) {
        return (width[2] == 1 ? "ldrs" : "ldr") + (width[1] == 1 ? "b" : width[1] == 2 ? "h" : "");
    }

    // ---------------------------------------------------------------- single loads

    @Test
    void loadsInEveryWidthAndAddressingForm() {
        for (int[] wd : WIDTHS) {
            int width = wd[0], size = wd[1];
            boolean signed = wd[2] == 1;
            for (int off : new int[]{0, 1, 7, 0x80, 0xff}) {
                // imm12 (and a large one), imm8 pre/post with writeback up and down, negative, T form
                Object[][] forms = {
                        {"imm12", imm12(true, width, 0, 1, off), BASE + off, BASE},
                        {"imm12 big", imm12(true, width, 0, 1, 0x100 + off), BASE + 0x100 + off, BASE},
                        {"pre up !", imm8(true, width, 0, 1, true, true, true, off), BASE + off, BASE + off},
                        {"pre down !", imm8(true, width, 0, 1, true, false, true, off), BASE - off, BASE - off},
                        {"post up", imm8(true, width, 0, 1, false, true, true, off), BASE, BASE + off},
                        {"post down", imm8(true, width, 0, 1, false, false, true, off), BASE, BASE - off},
                        {"negative", imm8(true, width, 0, 1, true, false, false, off), BASE - off, BASE},
                        {"unprivileged", user(true, width, 0, 1, off), BASE + off, BASE},
                };
                for (Object[] f : forms) {
                    SnippetRunner.Result r = exec((c, m) -> setReg(c, 1, BASE), (int[]) f[1]);
                    String what = name(wd) + " " + f[0] + " #" + off;
                    assertEquals(modelLoad((Integer) f[2], size, signed), reg(r, 0), what);
                    assertEquals((int) (Integer) f[3], reg(r, 1), what + " base");
                }
            }
            for (int lsl = 0; lsl < 4; lsl++) {
                for (int index : new int[]{0, 3, 0x31, -8}) {
                    int sh = lsl;
                    SnippetRunner.Result r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 2, index); }, regOffset(true, width, 0, 1, 2, sh));
                    assertEquals(modelLoad(BASE + (index << lsl), size, signed), reg(r, 0), name(wd) + " [r1, r2, lsl #" + lsl + "] r2=" + index);
                }
            }
        }
    }

    @Test
    void wordLoadsMayUseSpAsBaseAndTarget() {
        // ldr.w sp, [r1, #8]; ldr.w r2, [r3, #4] with r3 = sp's old value; ldr.w r4, [sp] is checked with sp = BASE
        SnippetRunner.Result r = exec((c, m) -> setReg(c, 1, BASE), imm12(true, W, 13, 1, 8));
        assertEquals(modelLoad(BASE + 8, 4, false), reg(r, 13));
        r = exec((c, m) -> setReg(c, 13, BASE), seq(imm12(true, W, 2, 13, 4), imm8(true, W, 4, 13, false, false, true, 8)));
        assertEquals(modelLoad(BASE + 4, 4, false), reg(r, 2));
        assertEquals(modelLoad(BASE, 4, false), reg(r, 4));
        assertEquals(BASE - 8, reg(r, 13));
    }

    /**
     * Literal loads from both pc alignments: Align(pc + 4, 4) +/- imm12. The data is the code
     * itself (the model reads the halfwords it assembled), so every width sees known bytes.
     */
    @Test
    void literalLoadsAtBothPcAlignments() {
        for (int pad = 0; pad < 2; pad++) {
            for (int[] wd : WIDTHS) {
                for (int[] form : new int[][]{{1, 0}, {1, 2}, {1, 5}, {0, 4}, {0, 3}, {0, 1}, {0, 0}}) {
                    boolean up = form[0] == 1;
                    int imm = form[1];
                    // [pad NOP] ldr<w>.w r0, [pc, #+/-imm]; then NOPs the positive offsets read
                    int[] insn = literal(wd[0], 0, up, imm);
                    int[] code = pad == 1 ? seq(NOP, insn, NOP, NOP, NOP, NOP, NOP, NOP) : seq(insn, NOP, NOP, NOP, NOP, NOP, NOP);
                    int pc = CODE + 2 * pad;
                    int addr = ((pc + 4) & ~3) + (up ? imm : -imm);
                    SnippetRunner.Result r = run(code);
                    assertEquals(codeLoad(code, addr, wd[1], wd[2] == 1), reg(r, 0),
                            String.format("%s literal pc=%x %s%d", name(wd), pc, up ? "+" : "-", imm));
                }
            }
            // ldrd r2, r3, [pc, #-8] / [pc, #4]
            int[] code = pad == 1 ? seq(NOP, NOP, NOP, NOP, NOP, dual(true, 2, 3, 15, true, false, false, 2), NOP, NOP, NOP, NOP)
                    : seq(NOP, NOP, NOP, NOP, dual(true, 2, 3, 15, true, false, false, 2), NOP, NOP, NOP, NOP);
            int pc = CODE + 8 + 2 * pad, addr = ((pc + 4) & ~3) - 8;
            SnippetRunner.Result r = run(code);
            assertEquals(codeLoad(code, addr, 4, false), reg(r, 2), "ldrd literal lo, pad " + pad);
            assertEquals(codeLoad(code, addr + 4, 4, false), reg(r, 3), "ldrd literal hi, pad " + pad);
        }
    }

    /** The model's load from the code halfwords at CODE. */
    private static int codeLoad(int[] halfwords, int addr, int size, boolean signed) {
        int v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int off = addr + i - CODE;
            int hw = off / 2 < halfwords.length ? halfwords[off / 2] : NOP;
            v = v << 8 | (hw >>> (8 * (off & 1)) & 0xff);
        }
        if (!signed || size == 4) return v;
        return size == 1 ? (byte) v : (short) v;
    }

    // ---------------------------------------------------------------- single stores

    @Test
    void storesInEveryWidthAndAddressingForm() {
        int value = 0x8a7b6c5d;
        int[][] widths = {{B, 1}, {H, 2}, {W, 4}};
        for (int[] wd : widths) {
            for (int off : new int[]{0, 3, 0x7f, 0xff}) {
                Object[][] forms = {
                        {"imm12", imm12(false, wd[0], 0, 1, off), BASE + off, BASE},
                        {"pre up !", imm8(false, wd[0], 0, 1, true, true, true, off), BASE + off, BASE + off},
                        {"pre down !", imm8(false, wd[0], 0, 1, true, false, true, off), BASE - off, BASE - off},
                        {"post up", imm8(false, wd[0], 0, 1, false, true, true, off), BASE, BASE + off},
                        {"post down", imm8(false, wd[0], 0, 1, false, false, true, off), BASE, BASE - off},
                        {"negative", imm8(false, wd[0], 0, 1, true, false, false, off), BASE - off, BASE},
                        {"unprivileged", user(false, wd[0], 0, 1, off), BASE + off, BASE},
                        {"register lsl 2", regOffset(false, wd[0], 0, 1, 2, 2), BASE + 4 * off, BASE},
                };
                for (Object[] f : forms) {
                    SnippetRunner.Result r = exec((c, m) -> { setReg(c, 0, value); setReg(c, 1, BASE); setReg(c, 2, off); }, (int[]) f[1]);
                    String what = "store size " + wd[1] + " " + f[0] + " #" + off;
                    assertImage(r, (Integer) f[2], wd[1], value, what);
                    assertEquals((int) (Integer) f[3], reg(r, 1), what + " base");
                }
            }
        }
    }

    /** The image after a store of {@code size} bytes of {@code value} at {@code addr}: those bytes changed, the rest as before. */
    private static void assertImage(SnippetRunner.Result r, int addr, int size, int value, String what) {
        for (int a = IMAGE; a < IMAGE + IMAGE_BYTES; a++) {
            int expect = a >= addr && a < addr + size ? value >>> 8 * (a - addr) & 0xff : byteAt(a);
            assertEquals(expect, r.mem().load8(a) & 0xff, what + String.format(" byte at %x", a));
        }
    }

    // ---------------------------------------------------------------- LDRD / STRD

    @Test
    void doublewordsInEveryIndexingMode() {
        for (boolean[] puw : new boolean[][]{{true, true, false}, {true, false, false}, {true, true, true}, {true, false, true}, {false, true, true}, {false, false, true}}) {
            boolean p = puw[0], u = puw[1], w = puw[2];
            for (int imm8 : new int[]{0, 1, 0x3f}) {
                int offAddr = BASE + (u ? 4 * imm8 : -4 * imm8), addr = p ? offAddr : BASE, wb = w ? offAddr : BASE;
                String what = String.format("P%d U%d W%d #%d", p ? 1 : 0, u ? 1 : 0, w ? 1 : 0, 4 * imm8);
                SnippetRunner.Result r = exec((c, m) -> setReg(c, 1, BASE), dual(true, 4, 9, 1, p, u, w, imm8));
                assertEquals(modelLoad(addr, 4, false), reg(r, 4), "ldrd lo " + what);
                assertEquals(modelLoad(addr + 4, 4, false), reg(r, 9), "ldrd hi " + what);
                assertEquals(wb, reg(r, 1), "ldrd base " + what);
                r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 4, 0x11223344); setReg(c, 9, 0x55667788); }, dual(false, 4, 9, 1, p, u, w, imm8));
                assertEquals(0x11223344, r.mem().load32le(addr), "strd lo " + what);
                assertEquals(0x55667788, r.mem().load32le(addr + 4), "strd hi " + what);
                assertEquals(wb, reg(r, 1), "strd base " + what);
            }
        }
        // strd with Rt == Rt2 is allowed
        SnippetRunner.Result r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 2, 0xcafe); }, dual(false, 2, 2, 1, true, true, false, 0));
        assertEquals(0xcafe, r.mem().load32le(BASE));
        assertEquals(0xcafe, r.mem().load32le(BASE + 4));
    }

    // ---------------------------------------------------------------- exclusives

    @Test
    void exclusivePairsSucceedOnlyOnTheMarkedAddress() {
        // ldrex r0, [r1, #8]; strex r2, r3, [r1, #8]: success (status 0), stored
        SnippetRunner.Result r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 3, 0x12345678); setReg(c, 2, 7); },
                seq(ldrex(0, 1, 2), strex(2, 3, 1, 2)));
        assertEquals(modelLoad(BASE + 8, 4, false), reg(r, 0));
        assertEquals(0, reg(r, 2));
        assertEquals(0x12345678, r.mem().load32le(BASE + 8));
        assertEquals(-1, get(r, ArmRegs.EXCL_ADDR));
        // a second strex fails: the monitor was cleared
        r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 3, 0x12345678); },
                seq(ldrex(0, 1, 0), strex(2, 3, 1, 0), strex(4, 0, 1, 0)));
        assertEquals(0, reg(r, 2));
        assertEquals(1, reg(r, 4));
        assertEquals(0x12345678, r.mem().load32le(BASE));
        // strex to another address than the one marked fails and stores nothing
        r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 3, 0x12345678); }, seq(ldrex(0, 1, 0), strex(2, 3, 1, 1)));
        assertEquals(1, reg(r, 2));
        assertEquals(modelLoad(BASE + 4, 4, false), r.mem().load32le(BASE + 4));
        // clrex between them: fails
        r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 3, 0x12345678); }, seq(ldrex(0, 1, 0), wide(0xf3bf8f2f), strex(2, 3, 1, 0)));
        assertEquals(1, reg(r, 2));
        assertEquals(modelLoad(BASE, 4, false), r.mem().load32le(BASE));
    }

    @Test
    void byteHalfwordAndDoublewordExclusives() {
        for (int size : new int[]{1, 2, 8}) {
            int value = 0xa1b2c3d4, hi = 0x0f1e2d3c;
            SnippetRunner.Result r = exec((c, m) -> { setReg(c, 1, BASE + 8); setReg(c, 3, value); setReg(c, 4, hi); },
                    seq(ldrexSized(size, 6, 7, 1), strexSized(size, 2, 3, 4, 1)));
            String what = "size " + size;
            assertEquals(modelLoad(BASE + 8, Math.min(size, 4), false), reg(r, 6), "ldrex " + what);
            if (size == 8) assertEquals(modelLoad(BASE + 12, 4, false), reg(r, 7), "ldrexd hi");
            assertEquals(0, reg(r, 2), "strex status " + what);
            if (size == 8) {
                assertEquals(value, r.mem().load32le(BASE + 8));
                assertEquals(hi, r.mem().load32le(BASE + 12));
            } else {
                assertImage(r, BASE + 8, size, value, "strex " + what);
            }
            // without a preceding ldrex: status 1, memory untouched
            r = exec((c, m) -> { setReg(c, 1, BASE + 8); setReg(c, 3, value); setReg(c, 4, hi); }, strexSized(size, 2, 3, 4, 1));
            assertEquals(1, reg(r, 2), "failed strex " + what);
            assertImage(r, BASE, 0, 0, "failed strex " + what);
        }
    }

    // ---------------------------------------------------------------- TBB / TBH

    @Test
    void tableBranchesFromPcAndFromARegister() {
        // tbb/tbh [pc, r0] at CODE: the table follows at pc + 4 = CODE + 4 (4 bytes for TBB, 8 for TBH), then four
        // targets "movs r1, #i+1; b end"; entry i = (target_i - (CODE + 4)) / 2
        for (int k = 0; k < 4; k++) {
            for (boolean half : new boolean[]{false, true}) {
                int index = k, first = half ? 12 : 8;
                int[] entries = new int[4];
                for (int i = 0; i < 4; i++) entries[i] = (first + 4 * i - 4) / 2;
                int[] table = half ? entries : new int[]{entries[0] | entries[1] << 8, entries[2] | entries[3] << 8};
                int[] code = seq(tb(half, 15, 0), table, movImm(1, 1), b(10), movImm(1, 2), b(6), movImm(1, 3), b(2), movImm(1, 4), NOP);
                SnippetRunner.Result r = run((c, m) -> setReg(c, 0, index), code);
                assertEquals(k + 1, reg(r, 1), (half ? "tbh" : "tbb") + " index " + k);
                assertEquals("end", r.stop());
            }
        }
        // tbb [r2, r0] / tbh [r2, r0, lsl #1] with the table in data: entry 1 skips one halfword
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 0, 1); setReg(c, 2, DATA); m.store8(DATA + 1, 1); },
                seq(tb(false, 2, 0), movImm(1, 1), movImm(3, 3)));
        assertEquals(0, reg(r, 1), "tbb skipped the first movs");
        assertEquals(3, reg(r, 3));
        r = run((c, m) -> { setReg(c, 0, 1); setReg(c, 2, DATA); m.store16le(DATA + 2, 1); },
                seq(tb(true, 2, 0), movImm(1, 1), movImm(3, 3)));
        assertEquals(0, reg(r, 1), "tbh skipped the first movs");
        assertEquals(3, reg(r, 3));
    }

    // ---------------------------------------------------------------- LDM / STM / PUSH / POP

    @Test
    void loadAndStoreMultipleBothDirections() {
        int list = 1 << 2 | 1 << 4 | 1 << 8 | 1 << 12 | 1 << 14;
        for (boolean increment : new boolean[]{true, false}) {
            for (boolean wback : new boolean[]{false, true}) {
                int start = increment ? BASE : BASE - 20, end = wback ? (increment ? BASE + 20 : BASE - 20) : BASE;
                String what = (increment ? "ia" : "db") + (wback ? "!" : "");
                SnippetRunner.Result r = exec((c, m) -> setReg(c, 1, BASE), multiple(true, increment, wback, 1, list));
                int k = 0;
                for (int i = 0; i < 15; i++) if ((list >>> i & 1) != 0) assertEquals(modelLoad(start + 4 * k++, 4, false), reg(r, i), "ldm" + what + " r" + i);
                assertEquals(end, reg(r, 1), "ldm" + what + " base");
                r = exec((c, m) -> { setReg(c, 1, BASE); for (int i : new int[]{2, 4, 8, 12, 14}) setReg(c, i, 0x1000 * i + 1); },
                        multiple(false, increment, wback, 1, list));
                k = 0;
                for (int i = 0; i < 15; i++) if ((list >>> i & 1) != 0) assertEquals(0x1000 * i + 1, r.mem().load32le(start + 4 * k++), "stm" + what + " r" + i);
                assertEquals(end, reg(r, 1), "stm" + what + " base");
            }
        }
        // the base in the list without writeback: LDM loads it, STM stores its original value
        SnippetRunner.Result r = exec((c, m) -> setReg(c, 1, BASE), multiple(true, true, false, 1, 0b110));
        assertEquals(modelLoad(BASE, 4, false), reg(r, 1));
        assertEquals(modelLoad(BASE + 4, 4, false), reg(r, 2));
        r = exec((c, m) -> { setReg(c, 1, BASE); setReg(c, 2, 5); }, multiple(false, false, false, 1, 0b110));
        assertEquals(BASE, r.mem().load32le(BASE - 8));
        assertEquals(5, r.mem().load32le(BASE - 4));
    }

    @Test
    void pushAndPopWide() {
        // push.w {r4, r5, r8, lr}; pop.w {r0, r1, r2, r3}
        SnippetRunner.Result r = exec((c, m) -> { setReg(c, 13, BASE); setReg(c, 4, 4); setReg(c, 5, 5); setReg(c, 8, 8); setReg(c, 14, 14); },
                seq(multiple(false, false, true, 13, 1 << 4 | 1 << 5 | 1 << 8 | 1 << 14), multiple(true, true, true, 13, 0b1111)));
        assertEquals(BASE, reg(r, 13));
        assertEquals(4, reg(r, 0));
        assertEquals(5, reg(r, 1));
        assertEquals(8, reg(r, 2));
        assertEquals(14, reg(r, 3));
        assertEquals(14, r.mem().load32le(BASE - 4));
    }

    @Test
    void popToPcInterworks() {
        // to Thumb: pop.w {r0, pc} with pc = CODE + 9 (Thumb): skips the movs r1 at CODE + 4..7
        SnippetRunner.Result r = run((c, m) -> { setReg(c, 13, DATA); m.store32le(DATA, 7); m.store32le(DATA + 4, CODE + 9); },
                seq(multiple(true, true, true, 13, 1 | 1 << 15), movImm(1, 1), movImm(1, 2), movImm(2, 2), NOP));
        assertEquals(7, reg(r, 0));
        assertEquals(0, reg(r, 1));
        assertEquals(2, reg(r, 2));
        assertEquals(DATA + 8, reg(r, 13));
        assertEquals(1, get(r, ArmRegs.T));
        // to ARM: ldr.w pc, [sp], #4 loads CODE + 8 (bit 0 clear): the word there runs in ARM state
        int[] words = {ThumbAsm.words(imm8(true, W, 15, 13, false, true, true, 4))[0], ThumbAsm.words(movImm(1, 1), NOP)[0], A32Asm.movImm(2, 9)};
        r = runArm((c, m) -> { set(c, ArmRegs.T, 1); setReg(c, 13, DATA); m.store32le(DATA, CODE + 8); }, words);
        assertEquals("end", r.stop());
        assertEquals(0, reg(r, 1));
        assertEquals(9, reg(r, 2));
        assertEquals(0, get(r, ArmRegs.T));
        assertEquals(DATA + 4, reg(r, 13));
        // ldm r1, {r2, pc} (no writeback) back to Thumb
        r = run((c, m) -> { setReg(c, 1, DATA); m.store32le(DATA, 3); m.store32le(DATA + 4, CODE + 9); },
                seq(multiple(true, true, false, 1, 1 << 2 | 1 << 15), movImm(0, 1), movImm(0, 2), movImm(5, 5), NOP));
        assertEquals(3, reg(r, 2));
        assertEquals(0, reg(r, 0));
        assertEquals(5, reg(r, 5));
    }

    @Test
    void loadToPcLastInAnItBlockIsConditional() {
        for (int flags : new int[]{0b0100, 0}) {
            // ite eq; moveq r3, #3 (16-bit, "then"); ldrne.w pc, [r1, #4] (else, last) -> CODE + 13 skips movs r0, #1
            SnippetRunner.Result r = run((c, m) -> { setNzcv(c, flags); setReg(c, 1, DATA); m.store32le(DATA + 4, CODE + 13); },
                    seq(it(EQ, "e"), movImm(3, 3), imm12(true, W, 15, 1, 4), movImm(0, 1), NOP, movImm(2, 2), NOP));
            boolean eq = flags != 0;
            assertEquals(eq ? 3 : 0, reg(r, 3));
            assertEquals(eq ? 1 : 0, reg(r, 0), "the load to pc ran only when NE");
            assertEquals(2, reg(r, 2));
            assertEquals(0, get(r, ArmRegs.ITSTATE));
            // it eq; ldmiaeq.w sp!, {r4, pc} alone
            r = run((c, m) -> { setNzcv(c, flags); setReg(c, 13, DATA); m.store32le(DATA, 44); m.store32le(DATA + 4, CODE + 11); },
                    seq(it(EQ, ""), multiple(true, true, true, 13, 1 << 4 | 1 << 15), movImm(0, 1), NOP, movImm(2, 2), NOP));
            assertEquals(eq ? 44 : 0, reg(r, 4));
            assertEquals(eq ? 0 : 1, reg(r, 0));
            assertEquals(eq ? DATA + 8 : DATA, reg(r, 13));
            assertEquals(2, reg(r, 2));
        }
    }

    // ---------------------------------------------------------------- hints and UNDEFINED forms

    @Test
    void preloadHintsNeverAccessMemory() {
        // pld [r0, #32]; pld [r0, #-32]; pld [r0, r1, lsl #2]; pldw [r0, #32]; pli [r0, #32]; pli [r0, r1]; pld [pc, #-8]; ldrsh.w pc hint
        int[] hints = {0xf890f020, 0xf810fc20, 0xf810f021, 0xf8b0f020, 0xf990f020, 0xf910f001, 0xf81ff008, 0xf9b0f008, 0xf930f001};
        for (int h : hints) {
            SnippetRunner.Result r = run((c, m) -> { setReg(c, 0, 0); setReg(c, 1, 0x40000000); }, seq(wide(h), movImm(2, 2)));
            assertEquals("end", r.stop(), String.format("%08x", h));
            assertEquals(2, reg(r, 2));
        }
    }

    @Test
    void unpredictableFormsAreUndefined() {
        int[][] undefined = {
                imm8(true, W, 1, 1, true, true, true, 4),        // ldr r1, [r1, #4]!: writeback to the loaded register
                imm8(false, W, 1, 1, false, true, true, 4),      // str r1, [r1], #4
                imm12(false, W, 0, 15, 4),                        // str.w r0, [pc, #4]: Rn = pc
                imm12(false, W, 15, 1, 4),                        // str.w pc, ...
                imm12(true, B, 13, 1, 4),                         // ldrb.w sp, ...
                imm12(false, H, 13, 1, 4),                        // strh.w sp, ...
                imm8(true, B, 15, 1, true, true, true, 4),        // ldrb.w pc, [r1, #4]!
                user(true, W, 13, 1, 0),                          // ldrt sp
                regOffset(true, W, 0, 1, 13, 0),                  // ldr.w r0, [r1, sp]
                regOffset(false, W, 0, 1, 15, 0),                 // str.w r0, [r1, pc]
                wide(0xf8510800),                                 // P = 0, W = 0
                wide(0xf8510040),                                 // op2 = 000001
                wide(0xf8710000),                                 // size 11
                wide(0xf9500000),                                 // ldrsw does not exist
                dual(true, 2, 2, 1, true, true, false, 0),        // ldrd r2, r2
                dual(true, 2, 13, 1, true, true, false, 0),       // ldrd with sp
                dual(true, 1, 3, 1, true, true, true, 0),         // ldrd r1, r3, [r1]!: writeback into a loaded register
                dual(false, 2, 3, 15, true, true, false, 0),      // strd [pc]
                dual(true, 2, 3, 15, true, true, true, 0),        // ldrd literal with writeback
                ldrex(15, 1, 0), ldrex(0, 15, 0), strex(0, 0, 1, 0), strex(1, 0, 1, 0), strex(13, 0, 1, 0),
                ldrexSized(8, 2, 2, 1), strexSized(8, 3, 3, 4, 1), strexSized(1, 1, 2, 0, 1),
                wide(0xe8d10f4e),                                 // ldrexb with SBO bits 3:0 not all ones
                tb(false, 13, 0), tb(true, 1, 15),
                multiple(true, true, true, 1, 1 << 1 | 1 << 2),   // ldm r1!, {r1, r2}
                multiple(false, true, false, 1, 1 << 2),          // stm with one register
                multiple(false, true, false, 1, 1 << 2 | 1 << 13),// sp in the list
                multiple(false, true, false, 1, 1 << 2 | 1 << 15),// pc in an STM list
                multiple(true, true, false, 1, 1 << 14 | 1 << 15),// ldm with both lr and pc
                multiple(true, false, false, 15, 0b11),           // ldmdb pc
                wide(0xe8100000 | 0b11),                          // RFE (privileged)
                wide(0xe80dc000),                                 // SRS (privileged)
        };
        for (int[] hw : undefined) {
            SnippetRunner.Result r = run((c, m) -> setReg(c, 1, DATA), seq(hw, NOP, NOP));
            assertEquals("trap:4", r.stop(), String.format("%04x%04x", hw[0], hw[1]));
        }
        // no signed stores: on cortex-a9; with NEON (the default) 0xf900 0000 is VST4.8 {d0-d3}, [r0]
        SnippetRunner a9 = new SnippetRunner(new dynvm.arm.ArmIsa(dynvm.arm.ArmCpuModel.CORTEX_A9));
        SnippetRunner.Result r = a9.run(ThumbAsm.words(seq(wide(0xf9000000), NOP, NOP)), (c, m) -> {
            set(c, dynvm.arm.ArmRegs.T, 1);
            setReg(c, 1, DATA);
        });
        assertEquals("trap:4", r.stop(), "f9000000 on cortex-a9");
    }

    // ---------------------------------------------------------------- disassembly

    /** Encodings assembled by GNU as (binutils 2.40, -march=armv7-a+mp), text as objdump prints it at pc 0. */
    @Test
    void disassemblyMatchesObjdump() {
        String[][] cases = {
                {"f8d10004", 0 + "", "ldr.w r0, [r1, #4]"}, {"f8510c04", "8", "ldr.w r0, [r1, #-4]"}, {"f8510d04", "c", "ldr.w r0, [r1, #-4]!"},
                {"f8510f04", "10", "ldr.w r0, [r1, #4]!"}, {"f8510b04", "14", "ldr.w r0, [r1], #4"}, {"f8510904", "18", "ldr.w r0, [r1], #-4"},
                {"f8510002", "20", "ldr.w r0, [r1, r2]"}, {"f8510022", "24", "ldr.w r0, [r1, r2, lsl #2]"},
                {"f8df0008", "28", "ldr.w r0, [pc, #8] @ 0x34"}, {"f85f0008", "2c", "ldr.w r0, [pc, #-8] @ 0x28"},
                {"f8df0000", "30", "ldr.w r0, [pc] @ 0x34"}, {"f8510e04", "34", "ldrt r0, [r1, #4]"}, {"f8510e00", "38", "ldrt r0, [r1]"},
                {"f8110e04", "3c", "ldrbt r0, [r1, #4]"}, {"f9310e04", "40", "ldrsht r0, [r1, #4]"}, {"f8410e04", "44", "strt r0, [r1, #4]"},
                {"f9910004", "4c", "ldrsb.w r0, [r1, #4]"}, {"f8310c04", "54", "ldrh.w r0, [r1, #-4]"}, {"f8a10004", "58", "strh.w r0, [r1, #4]"},
                {"f8010d04", "5c", "strb.w r0, [r1, #-4]!"}, {"f91f0004", "60", "ldrsb.w r0, [pc, #-4] @ 0x60"},
                {"e9dd2302", "68", "ldrd r2, r3, [sp, #8]"}, {"e9712302", "6c", "ldrd r2, r3, [r1, #-8]!"}, {"e8f12302", "70", "ldrd r2, r3, [r1], #8"},
                {"e9d12300", "74", "ldrd r2, r3, [r1]"}, {"e9412302", "78", "strd r2, r3, [r1, #-8]"}, {"e95f2302", "80", "ldrd r2, r3, [pc, #-8] @ 0x7c"},
                {"e9510200", "14", "ldrd r0, r2, [r1, #-0]"}, {"e8712300", "7c", "ldrd r2, r3, [r1], #-0"}, {"f8510c00", "0", "ldr.w r0, [r1]"},
                {"f8510900", "4", "ldr.w r0, [r1], #0"}, {"f8510d00", "8", "ldr.w r0, [r1]!"},
                {"e8510f00", "84", "ldrex r0, [r1]"}, {"e8510f01", "88", "ldrex r0, [r1, #4]"}, {"e8410202", "90", "strex r2, r0, [r1, #8]"},
                {"e8d10f4f", "94", "ldrexb r0, [r1]"}, {"e8d10f5f", "98", "ldrexh r0, [r1]"}, {"e8d2017f", "9c", "ldrexd r0, r1, [r2]"},
                {"e8c10f43", "a0", "strexb r3, r0, [r1]"}, {"e8c10f53", "a4", "strexh r3, r0, [r1]"}, {"e8c20174", "a8", "strexd r4, r0, r1, [r2]"},
                {"e8dff000", "ac", "tbb [pc, r0]"}, {"e8dff010", "b0", "tbh [pc, r0, lsl #1]"}, {"e8d1f000", "b4", "tbb [r1, r0]"},
                {"f890f020", "bc", "pld [r0, #32]"}, {"f810fc20", "c0", "pld [r0, #-32]"}, {"f810f021", "c4", "pld [r0, r1, lsl #2]"},
                {"f890f000", "c8", "pld [r0]"}, {"f8b0f020", "cc", "pldw [r0, #32]"}, {"f830f001", "d4", "pldw [r0, r1]"},
                {"f910fc20", "dc", "pli [r0, #-32]"}, {"f89ff008", "e4", "pld [pc, #8] @ 0xf0"}, {"f99ff008", "ec", "pli [pc, #8] @ 0xf8"},
                {"f9b0f008", "54", "ldrsh.w pc, [r0, #8]"},
                {"e8b00006", "f8", "ldmia.w r0!, {r1, r2}"}, {"e8900006", "fc", "ldmia.w r0, {r1, r2}"}, {"e8a00006", "100", "stmia.w r0!, {r1, r2}"},
                {"e9200006", "104", "stmdb r0!, {r1, r2}"}, {"e9100006", "108", "ldmdb r0, {r1, r2}"}, {"e93d0006", "10c", "ldmdb sp!, {r1, r2}"},
                {"f85d4b04", "11a", "ldr.w r4, [sp], #4"}, {"f84d4d04", "11e", "str.w r4, [sp, #-4]!"}, {"f85dfb04", "12a", "ldr.w pc, [sp], #4"},
                {"f8d0f004", "12e", "ldr.w pc, [r0, #4]"}, {"f8510032", "13e", "ldr.w r0, [r1, r2, lsl #3]"},
                // PUSH.W / POP.W: the aliases (LLVM's spelling; GNU objdump 2.40 prints stmdb sp! / ldmia.w sp!)
                {"e8bd8030", "f0", "pop.w {r4, r5, pc}"}, {"e92d4030", "f4", "push.w {r4, r5, lr}"},
        };
        for (String[] c : cases) {
            int w = (int) Long.parseLong(c[0], 16), pc = Integer.parseInt(c[1], 16);
            assertEquals(c[2], ThumbDisassembler.format(ThumbTable.findWide(w), w, pc), c[0]);
        }
        // inside an IT block the condition goes before ".w"
        int it = 0xbf18;   // it ne
        assertEquals("ldrne.w pc, [r1, #4]", ThumbDisassembler.format(ThumbTable.findWide(0xf8d1f004), 0xf8d1f004, 2, it & 0xff));
        assertEquals("popne.w {r4, pc}", ThumbDisassembler.format(ThumbTable.findWide(0xe8bd8010), 0xe8bd8010, 2, it & 0xff));
    }
}

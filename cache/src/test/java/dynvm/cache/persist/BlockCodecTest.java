package dynvm.cache.persist;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.Block;
import dynvm.ir.GuestException;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

public class BlockCodecTest {
    /** A helper for CALL ops (resolved by name when read back). */
    public static int twice(int x) { return 2 * x; }

    public static void effect(long a, double b) { }

    static final HelperResolver HELPERS = HelperResolver.of(BlockCodecTest.class.getClassLoader());

    /** One op of every kind, with varied temps, immediates (negative, 64-bit, FP bits) and helpers. */
    static List<Insn> everyOp() {
        List<Insn> ops = new ArrayList<>();
        Helper twice = Helper.of(BlockCodecTest.class, "twice"), effect = Helper.of(BlockCodecTest.class, "effect");
        int k = 0;
        for (Op op : Op.values()) {
            int n = op.operands == null ? 2 : op.operands.length;
            int[] src = new int[n];
            for (int i = 0; i < n; i++) src[i] = (k + i) % 40;
            long imm = switch (k % 4) { case 0 -> k; case 1 -> -k; case 2 -> Double.doubleToRawLongBits(-1.5e300); default -> Long.MIN_VALUE + k; };
            Object aux = op == Op.CALL ? (k % 2 == 0 ? twice : effect) : null;
            ops.add(new Insn(op, op.result == null && op != Op.GET_REG && op != Op.CALL ? -1 : k % 40, src, imm, aux));
            k++;
        }
        ops.add(new Insn(Op.CALL, -1, new int[]{1, 2}, 0, effect));
        ops.add(new Insn(Op.CALL, 7, new int[]{3}, 0, twice));
        return ops;
    }

    static List<Terminal> everyTerminal() {
        return List.of(new Terminal.Jump(0x10000000), new Terminal.Branch(3, -4, 0x7ffffff0),
                new Terminal.IndirectJump(12), new Terminal.ServiceCall(1, 0xfffffffc, new int[]{1, 2, 3}),
                new Terminal.ServiceCall(9, 4, new int[0]),
                new Terminal.Trap(GuestException.UNDEFINED_INSTRUCTION, 0x8000, "udf #1 (undefined)"),
                new Terminal.Trap(GuestException.BREAKPOINT, 0, null));
    }

    static Block block(int pc, int ctx, List<Insn> ops, Terminal t) {
        Type[] temps = new Type[41];
        for (int i = 0; i < temps.length; i++) temps[i] = i == 5 ? null : Type.values()[i % Type.values().length];
        return new Block(pc, ctx, ops, temps, t, 17, pc + 68);
    }

    static void assertSameBlock(Block want, Block got) {
        assertEquals(want.pc(), got.pc());
        assertEquals(want.context(), got.context());
        assertEquals(want.endPc(), got.endPc());
        assertEquals(want.guestInsns(), got.guestInsns());
        assertArrayEquals(want.temps(), got.temps());
        assertEquals(want.ops().size(), got.ops().size());
        for (int i = 0; i < want.ops().size(); i++) {
            Insn a = want.ops().get(i), b = got.ops().get(i);
            assertEquals(a.op, b.op, "op " + i);
            assertEquals(a.dst, b.dst, "dst " + i);
            assertArrayEquals(a.src, b.src, "src " + i);
            assertEquals(a.imm, b.imm, "imm " + i);
            if (a.aux == null) assertNull(b.aux, "aux " + i);
            else assertEquals(((Helper) a.aux).method, ((Helper) b.aux).method, "helper " + i);
        }
        assertEquals(want.terminal().toString().replaceAll("\\[I@\\w+", ""), got.terminal().toString().replaceAll("\\[I@\\w+", ""));
        if (want.terminal() instanceof Terminal.ServiceCall sc) assertArrayEquals(sc.args(), ((Terminal.ServiceCall) got.terminal()).args());
        assertEquals(want.dump().replaceAll("\\[I@\\w+", ""), got.dump().replaceAll("\\[I@\\w+", ""));
    }

    @Test
    void everyOpAndEveryTerminalRoundTrip() {
        int pc = 0x80000000, ctx = -3;
        for (Terminal t : everyTerminal()) {
            Block b = block(pc, ctx, everyOp(), t);
            byte[] form = BlockCodec.encode(b);
            Block back = BlockCodec.decode(ByteBuffer.wrap(form), HELPERS);
            assertSameBlock(b, back);
            pc += 0x1000;
            ctx++;
        }
    }

    @Test
    void blocksWithForeignAuxAreNotEncoded() {
        Block b = block(0, 0, List.of(new Insn(Op.CONST_I32, 0, new int[0], 1, "not a helper")), new Terminal.Jump(4));
        assertThrows(IllegalArgumentException.class, () -> BlockCodec.encode(b));
    }

    @Test
    void garbageDoesNotDecodeSilently() {
        byte[] form = BlockCodec.encode(block(0x1000, 0, everyOp(), new Terminal.Jump(4)));
        byte[] cut = java.util.Arrays.copyOf(form, form.length / 2);
        assertThrows(RuntimeException.class, () -> BlockCodec.decode(ByteBuffer.wrap(cut), HELPERS));
        assertThrows(RuntimeException.class, () -> BlockCodec.decode(ByteBuffer.wrap(new byte[]{1, 2, 3, 4, 5, 6, 7, (byte) 0xff, (byte) 0xff}), HELPERS));
    }

    @Test
    void storedOpsDecodeIntoColumnsAndLazilyIntoTheSameInsns() {
        OpArrays cols = new OpArrays();
        int pc = 0x4000;
        for (Terminal t : everyTerminal()) {
            Block b = block(pc, 2, everyOp(), t);
            // a record's block part: a slice of a bigger (direct, like the mapped file) buffer
            byte[] form = BlockCodec.encode(b);
            ByteBuffer file = ByteBuffer.allocateDirect(form.length + 10);
            file.position(7);
            file.put(form);
            ByteBuffer slice = file.slice(7, form.length);
            Block back = BlockCodec.decodeOps(slice, HELPERS, cols);
            assertEquals(b.ops().size(), cols.n);
            for (int i = 0; i < cols.n; i++) {
                Insn a = b.ops().get(i), c = cols.insn(i);
                assertEquals(a.op, c.op, "op " + i);
                assertEquals(a.dst, c.dst, "dst " + i);
                assertArrayEquals(a.src, c.src, "src " + i);
                assertEquals(a.imm, c.imm, "imm " + i);
                assertEquals(a.aux == null ? null : ((Helper) a.aux).method, c.aux == null ? null : ((Helper) c.aux).method, "aux " + i);
            }
            StoredOps lazy = (StoredOps) back.ops();
            assertFalse(lazy.decoded(), "ops decoded before anyone read them");
            OpArrays again = new OpArrays();
            again.fill(back.ops()); // (what tier 0 does with a block another engine read)
            assertFalse(lazy.decoded(), "columns filled without objects");
            assertEquals(cols.n, again.n);
            for (int i = 0; i < cols.n; i++) assertEquals(cols.insn(i).toString(), again.insn(i).toString(), "op " + i);
            assertSameBlock(b, back);
            assertTrue(lazy.decoded());
            assertSame(back.ops().get(0), back.ops().get(0), "decoded once");
            pc += 0x100;
        }
    }

    @Test
    void garbageDoesNotDecodeIntoColumnsSilently() {
        byte[] form = BlockCodec.encode(block(0x1000, 0, everyOp(), new Terminal.Jump(4)));
        byte[] cut = java.util.Arrays.copyOf(form, form.length / 2);
        assertThrows(RuntimeException.class, () -> BlockCodec.decodeOps(ByteBuffer.wrap(cut), HELPERS, new OpArrays()));
    }

    @Test
    void aBlockKeepsItsOwnStoredFormAsItsOps() {
        for (Terminal t : everyTerminal()) {
            Block b = block(0x2000, 1, everyOp(), t);
            byte[] form = BlockCodec.encode(b);
            byte[] rec = new byte[5 + form.length];
            System.arraycopy(form, 0, rec, 5, form.length);
            Block kept = BlockCodec.storedForm(b, rec, 5, form.length, HELPERS);
            assertFalse(((StoredOps) kept.ops()).decoded());
            assertSame(b.terminal(), kept.terminal());
            assertSameBlock(b, kept);
        }
        Block other = block(0x2000, 1, everyOp().subList(0, 3), new Terminal.Jump(4));
        byte[] form = BlockCodec.encode(block(0x2000, 1, everyOp(), new Terminal.Jump(4)));
        assertThrows(IllegalArgumentException.class, () -> BlockCodec.storedForm(other, form, 0, form.length, HELPERS));
    }
}

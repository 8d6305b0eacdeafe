package dynvm.bench;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.ppc.PpcIsa;
import dynvm.ppc.PpcRegs;
import dynvm.spi.CpuState;
import dynvm.spi.Isa;
import java.util.SplittableRandom;
import java.util.zip.CRC32;

/**
 * A tiny PPC guest in memory: one of the CRC-32 loops of {@link PpcCode}, its 256-entry table and
 * a buffer of pseudo-random bytes. {@link #reset} puts a CPU at the loop's start; the run ends at
 * the {@code sc} after the loop, with the CRC in r3.
 */
public final class CrcGuest {
    public static final int CODE = 0x10000000;
    static final int TABLE = CODE + 0x1000, BUFFER = CODE + 0x2000;

    /** Loop shapes: instructions per byte in each. */
    public enum Shape {
        ONE_BLOCK(7), TWO_BLOCKS(8);
        public final int insnsPerByte;
        Shape(int n) { insnsPerByte = n; }
        int[] code() { return this == ONE_BLOCK ? PpcCode.crcLoop() : PpcCode.crcTwoBlocks(); }
    }

    private final Isa isa = new PpcIsa();
    private final GuestMemory mem;
    private final int length;
    private final int expected;
    private final Shape shape;

    public CrcGuest(Shape shape, int length) {
        this.shape = shape;
        this.length = length;
        int size = BUFFER - CODE + ((length + GuestMemory.PAGE_SIZE - 1) & -GuestMemory.PAGE_SIZE);
        mem = new GuestMemory(CODE, size);
        mem.setFlags(CODE, size, 0, GuestMemory.UNMAPPED);
        int[] code = shape.code();
        for (int i = 0; i < code.length; i++) mem.store32be(CODE + 4 * i, code[i]);
        for (int i = 0; i < 256; i++) mem.store32be(TABLE + 4 * i, tableEntry(i));
        byte[] data = new byte[length];
        new SplittableRandom(42).nextBytes(data);
        mem.write(BUFFER, data, 0, length);
        CRC32 crc = new CRC32();
        crc.update(data);
        expected = (int) crc.getValue();
    }

    private static int tableEntry(int i) {
        int c = i;
        for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
        return c;
    }

    public Isa isa() { return isa; }

    public GuestMemory memory() { return mem; }

    /** Guest instructions of one run: the loop, then the {@code sc}. */
    public long guestInsns() { return (long) shape.insnsPerByte * length + 1; }

    /** Java's CRC-32 of the buffer: what {@link #result} must give. */
    public int expected() { return expected; }

    /** Fresh registers, pc at the loop. */
    public void reset(CpuState cpu) {
        isa.linuxUser().initUserState(cpu, CODE, CODE);
        write(cpu, PpcRegs.GPR[3], -1);
        write(cpu, PpcRegs.GPR[4], BUFFER - 1);
        write(cpu, PpcRegs.GPR[5], TABLE);
        write(cpu, PpcRegs.CTR, length);
        cpu.insnCount = 0;
    }

    /** The CRC the guest computed (r3, finally inverted as CRC-32 specifies). */
    public int result(CpuState cpu) { return ~(int) PpcRegs.FILE.read(cpu, PpcRegs.GPR[3]); }

    private static void write(CpuState cpu, int reg, int v) { PpcRegs.FILE.write(cpu, reg, v); }
}

package dynvm.translator.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The unsigned compares, spelled for C1 (sign bits flipped), against the JDK's definitions. */
class IrRuntimeTest {
    private static final int[] EDGES = {0, 1, 2, -1, -2, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE,
        Integer.MAX_VALUE - 1, 0x7fff, 0x8000, 0xffff, 0x10000, 0x12345678, 0x87654321};

    @Test
    void unsignedComparesMatchTheJdk() {
        for (int a : EDGES)
            for (int b : EDGES) {
                int c = Integer.compareUnsigned(a, b);
                String at = a + " " + b;
                assertEquals(c < 0 ? 1 : 0, IrRuntime.ltu(a, b), "ltu " + at);
                assertEquals(c <= 0 ? 1 : 0, IrRuntime.leu(a, b), "leu " + at);
                assertEquals(c > 0 ? 1 : 0, IrRuntime.gtu(a, b), "gtu " + at);
                assertEquals(c >= 0 ? 1 : 0, IrRuntime.geu(a, b), "geu " + at);
                long x = (long) a << 32 | (b & 0xffffffffL), y = (long) b << 32 | (a & 0xffffffffL);
                assertEquals(Long.compareUnsigned(x, y) < 0 ? 1 : 0, IrRuntime.ltu64(x, y), "ltu64 " + at);
                assertEquals(Long.compareUnsigned(a, b) < 0 ? 1 : 0, IrRuntime.ltu64(a, b), "ltu64 " + at);
            }
    }
}

package dynvm.microkernel.device;

/**
 * How a 32-bit-register device answers accesses narrower or wider than its registers, the way
 * QEMU's memory core adapts them for devices that implement only word access: a narrow read takes
 * the bytes it covers out of the aligned word (little-endian lanes, the register's own value); a
 * narrow write is passed to the aligned register with the value it carries, unshifted (so a
 * {@code strb} to a data register sends that byte); an 8-byte access is treated as a word access.
 * Pure functions, no state.
 */
public final class RegisterWindow {
    private RegisterWindow() { }

    /** The aligned word offset an access at {@code offset} addresses. */
    public static int wordOffset(int offset) {
        return offset & ~3;
    }

    /** The part of {@code word} that a {@code size}-byte read at {@code offset} sees. */
    public static long extract(long word, int offset, int size) {
        if (size >= 4) {
            return word & 0xffff_ffffL;
        }
        long shifted = (word & 0xffff_ffffL) >>> ((offset & 3) * 8);
        return shifted & ((1L << (size * 8)) - 1);
    }

    /** The value a {@code size}-byte write carries, masked to its width (at most 32 bits). */
    public static int writeValue(long value, int size) {
        return size >= 4 ? (int) value : (int) (value & ((1L << (size * 8)) - 1));
    }
}

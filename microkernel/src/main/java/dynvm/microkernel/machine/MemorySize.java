package dynvm.microkernel.machine;

import java.util.Locale;

/**
 * Memory sizes as {@code -m} and profiles write them: "256M", "1G", "512K", "4096" (plain numbers
 * are MiB, as QEMU's {@code -m} takes them), optionally with a trailing "B" or "iB".
 */
public final class MemorySize {
    private MemorySize() { }

    /** Bytes in {@code text}; IllegalArgumentException with the reason when it is not a size. */
    public static long parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B") && t.length() > 1 && !Character.isDigit(t.charAt(t.length() - 2))) {
            t = t.substring(0, t.length() - 1);
        }
        long unit = 1L << 20;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> unit = 1L << 10;
                case 'M' -> unit = 1L << 20;
                case 'G' -> unit = 1L << 30;
                case 'T' -> unit = 1L << 40;
                default -> unit = -1;
            }
            if (unit > 0) {
                t = t.substring(0, t.length() - 1);
            } else {
                unit = 1L << 20;
            }
        }
        long n;
        try {
            n = Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a memory size: \"" + text + "\" (use e.g. 256M, 1G, or MiB)");
        }
        if (n <= 0 || n > Long.MAX_VALUE / unit) {
            throw new IllegalArgumentException("memory size out of range: \"" + text + "\"");
        }
        return n * unit;
    }
}

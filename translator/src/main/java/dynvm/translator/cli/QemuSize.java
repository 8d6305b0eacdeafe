package dynvm.translator.cli;

/** Sizes as qemu-user's command line writes them: a number (decimal or 0x hex) and an optional k, M or G. */
final class QemuSize {
    private QemuSize() { }

    /** The size in bytes, or -1 when {@code s} is not one. */
    static long parse(String s) {
        String t = s.trim();
        if (t.isEmpty()) return -1;
        int shift = switch (t.charAt(t.length() - 1)) {
            case 'k', 'K' -> 10;
            case 'm', 'M' -> 20;
            case 'g', 'G' -> 30;
            default -> 0;
        };
        if (shift != 0) t = t.substring(0, t.length() - 1);
        try {
            long v = Long.decode(t);
            if (v < 0 || v > (Long.MAX_VALUE >> shift)) return -1;
            return v << shift;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

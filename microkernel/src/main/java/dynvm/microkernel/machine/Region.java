package dynvm.microkernel.machine;

/** A range of guest-physical addresses, [base, base + size). */
public record Region(long base, long size) {
    public Region {
        if (size <= 0 || base < 0) {
            throw new IllegalArgumentException(String.format("bad region 0x%x+0x%x", base, size));
        }
    }

    public long end() {
        return base + size;
    }

    public boolean overlaps(Region o) {
        return base < o.end() && o.base < end();
    }

    @Override
    public String toString() {
        return String.format("[0x%x, 0x%x)", base, end());
    }
}

package dynvm.microkernel.kernel;

/**
 * Access rights of a mapping: read, write, execute. As in L4, rights only shrink along a
 * derivation: a space can pass on a page with the rights it holds or fewer, never more, so a
 * server can hand a client a read-only view of its memory and know the client cannot write it.
 *
 * <p>Execute is not enforced by the bus (a {@link dynvm.microkernel.mmu.PhysicalBus} does not know
 * whether an access is a fetch); the soft MMU asks {@link Space#rightsAt} on an instruction TLB fill.
 */
public record Rights(int bits) {
    public static final int READ_BIT = 1, WRITE_BIT = 2, EXECUTE_BIT = 4;

    public static final Rights NONE = new Rights(0);
    public static final Rights R = new Rights(READ_BIT);
    public static final Rights RW = new Rights(READ_BIT | WRITE_BIT);
    public static final Rights RX = new Rights(READ_BIT | EXECUTE_BIT);
    public static final Rights RWX = new Rights(READ_BIT | WRITE_BIT | EXECUTE_BIT);

    public Rights {
        if ((bits & ~7) != 0) throw new IllegalArgumentException("rights bits " + bits);
    }

    /** Parses "rwx"-style text: any of r, w, x, in any order; "-" is ignored. */
    public static Rights of(String rwx) {
        int b = 0;
        for (char c : rwx.toCharArray()) {
            switch (c) {
                case 'r' -> b |= READ_BIT;
                case 'w' -> b |= WRITE_BIT;
                case 'x' -> b |= EXECUTE_BIT;
                case '-' -> { }
                default -> throw new IllegalArgumentException("rights " + rwx);
            }
        }
        return new Rights(b);
    }

    public boolean canRead() { return (bits & READ_BIT) != 0; }
    public boolean canWrite() { return (bits & WRITE_BIT) != 0; }
    public boolean canExecute() { return (bits & EXECUTE_BIT) != 0; }

    /** The rights both hold: what a derived mapping gets when it asks for {@code other}. */
    public Rights and(Rights other) { return new Rights(bits & other.bits); }

    public boolean includes(Rights other) { return (bits & other.bits) == other.bits; }

    @Override public String toString() {
        return (canRead() ? "r" : "-") + (canWrite() ? "w" : "-") + (canExecute() ? "x" : "-");
    }
}

package dynvm.arm.sys;

/** Immutable CP15 values for one walk, with withers so a test states only what it varies. */
record Regs(int sctlr, int ttbcr, long ttbr0, long ttbr1, int dacr, int mair0, int mair1) implements TranslationRegisters {
    /** MMU on, short descriptors, TTBCR.N=0, every domain client. */
    static Regs shortDescriptors(long ttbr0) {
        return new Regs(SCTLR_M, 0, ttbr0, 0, 0x5555_5555, 0, 0);
    }

    /** MMU on, long descriptors, T0SZ = T1SZ = 0 (all of the VA space is TTBR0's). */
    static Regs longDescriptors(long ttbr0) {
        return new Regs(SCTLR_M, TTBCR_EAE, ttbr0, 0, 0, 0, 0);
    }

    Regs sctlr(int value) {
        return new Regs(value, ttbcr, ttbr0, ttbr1, dacr, mair0, mair1);
    }

    Regs orSctlr(int bits) {
        return sctlr(sctlr | bits);
    }

    Regs ttbcr(int value) {
        return new Regs(sctlr, value, ttbr0, ttbr1, dacr, mair0, mair1);
    }

    Regs ttbr1(long value) {
        return new Regs(sctlr, ttbcr, ttbr0, value, dacr, mair0, mair1);
    }

    Regs dacr(int value) {
        return new Regs(sctlr, ttbcr, ttbr0, ttbr1, value, mair0, mair1);
    }

    Regs mair(int mair0, int mair1) {
        return new Regs(sctlr, ttbcr, ttbr0, ttbr1, dacr, mair0, mair1);
    }

    /** Sets the two DACR bits of {@code domain}: 0 no access, 1 client, 2 reserved, 3 manager. */
    Regs domain(int domain, int access) {
        return dacr(dacr & ~(3 << 2 * domain) | access << 2 * domain);
    }
}

package dynvm.arm.sys;

/**
 * The fault status values a failed translation reports, in the layout of the DFSR/IFSR the abort
 * writes (ARM ARM v7-A B3.13.3 and B3.13.4, B4.1.52 DFSR, B4.1.96 IFSR), without WnR (bit 11),
 * which only the CPU knows to set.
 *
 * <p><b>Short-descriptor format</b> (TTBCR.EAE=0): FS[3:0] in bits 3:0, FS[4] in bit 10, the
 * domain in bits 7:4. The FS values are those of Table B3-23; the section/page pairs differ in
 * FS[1], which says whether the first- or the second-level descriptor was the one at fault.
 *
 * <p><b>Long-descriptor format</b> (TTBCR.EAE=1): bit 9 (LPAE) set, STATUS in bits 5:0, where
 * the MMU faults carry the lookup level in STATUS[1:0] (Table B3-24): 0b0001LL translation,
 * 0b0010LL access flag, 0b0011LL permission, 0b0101LL synchronous external abort on the walk.
 *
 * <p>External aborts on a walk report ExT (bit 12) = 0, the "decode error" classification: the
 * table readers this walk uses only fail for addresses with no device behind them (QEMU reports
 * 1 for a slave error and 0 for a decode error, see {@code arm_extabort_type}).
 */
final class VmsaFaultStatus {
    private VmsaFaultStatus() { }

    /** Short-descriptor FS values (Table B3-23). */
    static final int FS_TRANSLATION_SECTION = 0b00101, FS_TRANSLATION_PAGE = 0b00111,
            FS_ACCESS_FLAG_SECTION = 0b00011, FS_ACCESS_FLAG_PAGE = 0b00110,
            FS_DOMAIN_SECTION = 0b01001, FS_DOMAIN_PAGE = 0b01011,
            FS_PERMISSION_SECTION = 0b01101, FS_PERMISSION_PAGE = 0b01111,
            FS_EXTERNAL_WALK_FIRST_LEVEL = 0b01100, FS_EXTERNAL_WALK_SECOND_LEVEL = 0b01110;

    /** Long-descriptor STATUS[5:2] fault kinds (Table B3-24); STATUS[1:0] is the level. */
    static final int LD_TRANSLATION = 0b0001, LD_ACCESS_FLAG = 0b0010, LD_PERMISSION = 0b0011,
            LD_EXTERNAL_WALK = 0b0101;

    /** DFSR/IFSR bit 9: the register holds the long-descriptor format. */
    static final int LPAE = 1 << 9;

    /** A short-descriptor status: the 5-bit {@code fs} split into bits 3:0 and 10, {@code domain} in bits 7:4. */
    static int shortFormat(int fs, int domain) {
        return (fs & 0xf) | (fs & 0x10) << 6 | (domain & 0xf) << 4;
    }

    /** A long-descriptor status: {@code kind} (an LD_* value) at {@code level} (1 to 3), with the LPAE bit. */
    static int longFormat(int kind, int level) {
        return LPAE | kind << 2 | (level & 3);
    }
}

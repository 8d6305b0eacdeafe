package dynvm.arm.vfp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The VFPv3-D16 encoding table: the rows of {@link VfpDataProcessing}, {@link VfpTransfer} and
 * {@link VfpLoadStore}, most specific first. Everything else in coprocessor space 10/11 is
 * UNDEFINED here: half-precision conversions (VCVTB/VCVTT), the VFPv4 fused multiply-adds,
 * Advanced SIMD scalar moves of 8 and 16 bits, VMRS/VMSR of FPSID/FPEXC/MVFR0/MVFR1 (privileged),
 * and any word naming d16-d31.
 */
public final class VfpTable {
    private VfpTable() { }

    public static final List<VfpRow> ROWS;

    static {
        List<VfpRow> all = new ArrayList<>();
        all.addAll(VfpDataProcessing.rows());
        all.addAll(VfpTransfer.rows());
        all.addAll(VfpLoadStore.rows());
        all.sort(Comparator.comparingInt((VfpRow r) -> Integer.bitCount(r.mask())).reversed());
        ROWS = List.copyOf(all);
    }

    /**
     * Is {@code word} in coprocessor space 10/11 (cp 1010 or 1011): the extension register
     * loads/stores and 64-bit transfers (bits 27:25 = 110) and the data-processing and 8/16/32-bit
     * transfer shapes (bits 27:24 = 1110)? The condition field is not looked at.
     */
    static boolean inSpace(int word) {
        return (word & 0x0e00) == 0x0a00 && ((word >>> 25 & 7) == 6 || (word >>> 24 & 15) == 14);
    }

    /** The row that defines {@code word}, or null (UNDEFINED). */
    public static VfpRow find(int word) {
        if (!inSpace(word)) return null;
        for (VfpRow r : ROWS) if (r.matches(word)) return r.defines(word) ? r : null;
        return null;
    }

    /** The row whose mask and match select {@code word}, defined or not (for tools and tests). */
    static VfpRow shape(int word) {
        if (!inSpace(word)) return null;
        for (VfpRow r : ROWS) if (r.matches(word)) return r;
        return null;
    }
}

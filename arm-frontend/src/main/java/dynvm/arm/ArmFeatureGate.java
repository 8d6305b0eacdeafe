package dynvm.arm;

import dynvm.arm.vfp.VfpRow;
import java.util.regex.Pattern;

/**
 * Which rows of the encoding tables a {@link ArmCpuModel} has. The tables hold everything the
 * widest model decodes; the decoder asks here after a row matched, and a row the model lacks is
 * UNDEFINED (SIGILL in user mode). Rules are by mnemonic, the way the ARM ARM's encoding diagrams
 * name the architecture version of each instruction:
 * <ul>
 *   <li>ARMv6: the media instructions (parallel add/subtract, extends, packs, reverses, SEL,
 *       USAD8, SSAT/USAT, the dual and most-significant-word multiplies, UMAAL), LDREX/STREX and
 *       their byte/halfword/doubleword forms and CLREX (v6K, which QEMU's arm1136 has);</li>
 *   <li>ARMv6T2/ARMv7: MOVW/MOVT, the bit-field instructions, RBIT, MLS, barriers, PLI/PLDW, DBG;
 *       in Thumb state every 32-bit instruction but BL/BLX, and CBZ/CBNZ, IT and the 16-bit
 *       hints. The A32 LDRHT/STRHT/LDRSBT/LDRSHT are ARMv6T2 in the manual, but their encodings
 *       (P = 0, W = 1) run on qemu's ARMv6 and ARMv5 models as the unprivileged forms, and so here;</li>
 *   <li>SDIV/UDIV: the divider (idiva/idivt);</li>
 *   <li>VFP: none without a VFP; VFPv3 adds VMOV (immediate) and the fixed-point VCVTs; VFPv4
 *       the fused multiply-adds and the half-precision VCVTB/VCVTT (the half-precision extension,
 *       which every VFPv4 core has; dynvm's VFPv3 model has none); d16-d31 need D32.</li>
 * </ul>
 */
public final class ArmFeatureGate {
    private ArmFeatureGate() { }

    private static final Pattern V6 = Pattern.compile(
            "(q|uq|s|u|sh|uh)(add16|add8|sub16|sub8|asx|sax)|[su]xta?(b|h|b16)(\\.w)?|pkh(bt|tb)|rev(16|sh)?(\\.w)?|sel"
                    + "|usada?8|[su]sat(16)?|smu[as]dx?|sml[as]l?dx?|smm(ul|la|ls)r?|umaal|(ld|st)rex[bhd]?|clrex|cps.*|setend");
    private static final Pattern V7 = Pattern.compile(
            "movw|movt|bfc|bfi|[su]bfx|rbit|mls|dmb|dsb|isb|pli|pldw|dbg");
    private static final Pattern THUMB_V6T2_NARROW = Pattern.compile("cbn?z|it|hint|nop|yield|wfe|wfi|sev");

    /** Does {@code model} have the A32 row named {@code name}? */
    public static boolean a32(ArmCpuModel model, String name) {
        if (name.equals("sdiv") || name.equals("udiv")) return model.idiv;
        if (model.arch >= 7) return true;
        if (V7.matcher(name).matches()) return false;
        return model.arch >= 6 || !V6.matcher(name).matches();
    }

    /** Does {@code model} have the Thumb row named {@code name} (16-bit unless {@code wide})? */
    public static boolean thumb(ArmCpuModel model, String name, boolean wide) {
        if (name.equals("sdiv") || name.equals("udiv")) return model.idiv;
        if (model.thumb2) return true;
        if (wide) return name.equals("bl") || name.equals("blx");
        if (THUMB_V6T2_NARROW.matcher(name).matches()) return false;
        return model.arch >= 6 || !V6.matcher(name).matches();
    }

    /** Does {@code model} have the VFP row {@code row} for {@code word} (which it matched)? */
    public static boolean vfp(ArmCpuModel model, VfpRow row, int word) {
        if (model.vfp == 0) return false;
        if (!model.d32 && row.namesHighRegister(word)) return false;
        String syntax = row.syntax();
        if (model.vfp < 3 && (syntax.contains("#vimm") || syntax.contains("#fbits"))) return false;
        return model.vfp >= 4 || !row.name().startsWith("vf") && !row.name().startsWith("vcvtb") && !row.name().startsWith("vcvtt");
    }
}

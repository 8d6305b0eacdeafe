package dynvm.arm.fuzz;

import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.vfp.VfpRow;
import java.util.List;

/**
 * Where Unicorn 2.0.1 (QEMU 5.0's ARM translator) disagrees with the ARM ARM, for the Unicorn
 * fuzzer ({@link ArmFuzzTarget}): each rule in {@link #RULES}, with the manual's rule and what
 * qemu-user 7.2 does (ArmOracleErrataTest runs a witness of each under qemu-arm, dynvm and Unicorn).
 * A wrong result that later instructions consume (or store) cannot be masked bit by bit, so the
 * generator keeps such cases away from the erratum instead, as said per rule.
 */
final class ArmOracleErrata {
    private ArmOracleErrata() { }

    static final List<String> RULES = List.of(
            "VCVT from 32-bit fixed point to single precision (vcvt.f32.s32/u32 Sd,Sd,#fbits) rounds to nearest whatever "
                    + "FPSCR.RMode (ARM ARM DDI 0406C, VCVT between floating-point and fixed-point, Floating-point: "
                    + "FixedToFP(..., round_nearest = !to_fixed, ...); ARMv8: FPRounding_TIEEVEN); Unicorn 2.0.1 rounds by "
                    + "FPSCR.RMode (QEMU before 5.2), qemu-arm 7.2 to nearest as dynvm: a case holding such a VCVT starts with "
                    + "RMode = round to nearest (and its VMSR, if any, writes RMode = 00)",
            "VLD1-4/VST1-4 with an alignment qualifier (:64, :128, :256, or a lane form's index_align/a bit) at an address "
                    + "not so aligned take an alignment fault (ARM ARM DDI 0406C, VLD1 (multiple single elements) and the "
                    + "other element loads and stores: if (address MOD alignment) != 0 then GenerateAlignmentException()); "
                    + "Unicorn 2.0.1 (QEMU 5.0, before its pow2_align checks) ignores the qualifier, qemu-arm 7.2 faults as dynvm "
                    + "(SIGBUS, BUS_ADRALN; NeonQemuDifferentialTest): the Unicorn cases draw no alignment qualifier");

    /** FPSCR.QC (bit 27). */
    static final int QC = 0x0800_0000;

    /** FPSCR.RMode (bits 23:22). */
    static final int RMODE = 0x00c0_0000;

    /** Erratum 1: the VCVT rows whose result Unicorn rounds by FPSCR.RMode. */
    static boolean fromFixedToSingle(VfpRow r) {
        return r.syntax().contains("#fbits") && r.name().startsWith("vcvt.f32.") && r.name().endsWith("32");
    }

    /** Does the case hold a row of erratum 1 (A32: VfpRow; Thumb: its generator row)? */
    static boolean needsRoundToNearest(Object[] rows) {
        for (Object o : rows) {
            VfpRow v = o instanceof VfpRow r ? r : o instanceof ThumbRow t ? ThumbFuzzCases.vfpRow(t) : null;
            if (v != null && fromFixedToSingle(v)) return true;
        }
        return false;
    }
}

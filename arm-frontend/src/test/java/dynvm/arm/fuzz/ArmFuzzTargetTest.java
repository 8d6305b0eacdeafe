package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.thumb.ThumbRow;
import dynvm.arm.thumb.ThumbTable;
import dynvm.arm.vfp.VfpFields;
import dynvm.arm.vfp.VfpRow;
import dynvm.arm.vfp.VfpTable;
import dynvm.arm.vfp.VfpTransfer;
import dynvm.spi.FuzzTarget;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Unicorn fuzz targets' cases without Unicorn: VFP words are generated in A32 and Thumb, every
 * VfpTable row is drawn, each VFP word decodes to its row, a VMSR is only ever first and writes a
 * clean FPSCR value, and a case with a fixed-to-single VCVT starts with RMode = round to nearest.
 */
class ArmFuzzTargetTest {
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void vfpWordsAreGeneratedAndConstrained(boolean thumb) {
        ArmFuzzTarget t = thumb ? new ThumbFuzzTarget() : new ArmFuzzTarget();
        Set<VfpRow> seen = new HashSet<>();
        int vfp = 0, all = 0;
        for (int i = 0; i < 4000; i++) {
            FuzzTarget.Case c = t.generate(new Random(i), 0);
            ArmInsnFuzzCases.Case d = (ArmInsnFuzzCases.Case) c.detail();
            boolean fixedToSingle = false;
            for (int k = 0; k < d.rows().length; k++) {
                Object row = d.rows()[k];
                if (row == null) continue;
                all++;
                VfpRow v = row instanceof VfpRow r ? r : row instanceof ThumbRow tr ? ThumbFuzzCases.vfpRow(tr) : null;
                if (v == null) continue;
                vfp++;
                seen.add(v);
                int w = thumb ? d.insns()[k] << 16 | d.insns()[k + 1] : d.insns()[k];
                assertEquals(v, VfpTable.find(w), String.format("%08x", w));
                if (thumb) {
                    ThumbRow decoded = ThumbTable.findWide(w);
                    assertNotNull(decoded, String.format("%08x", w));
                    assertTrue(decoded.decodes(w) && decoded.syntax().equals("VFP"), String.format("%08x", w));
                }
                if (VfpFuzzCases.isVmsr(v)) {
                    assertEquals(0, k, "vmsr not first");
                    int rt = VfpFields.rt(w);
                    assertEquals(0, c.init()[ArmFuzzTarget.F_R0 + rt] & ~(long) VfpTransfer.FPSCR_WRITABLE, "vmsr value");
                }
                fixedToSingle |= ArmOracleErrata.fromFixedToSingle(v);
            }
            assertEquals(0, c.init()[ArmFuzzTarget.F_FPSCR] & ~(long) VfpTransfer.FPSCR_WRITABLE);
            if (fixedToSingle) assertEquals(0, c.init()[ArmFuzzTarget.F_FPSCR] & ArmOracleErrata.RMODE);
        }
        System.out.printf("%s: %d of %d instructions VFP, %d of %d VfpTable rows drawn%n", t.name(), vfp, all, seen.size(),
                VfpFuzzCases.rows().size());
        assertEquals(VfpFuzzCases.rows().size(), seen.size(), "every VfpTable row of the default CPU model is generated");
        assertTrue(vfp > all / 10, "VFP share " + vfp + "/" + all);
    }
}

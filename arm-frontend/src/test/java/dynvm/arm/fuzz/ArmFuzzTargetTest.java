package dynvm.arm.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.neon.Neon;
import dynvm.arm.neon.NeonRow;
import dynvm.arm.neon.NeonTable;
import dynvm.arm.thumb.ThumbItState;
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

    /**
     * {@code -cpu cortex-a15}: every Advanced SIMD row and every VFP row of the model (VFPv4 included)
     * is drawn, in Thumb inside IT blocks too; words name d16-d31; each word decodes to its row; the
     * initial FPSCR has FZ, DN and QC set in some cases; d0-d31 are compared.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void cortexA15DrawsEveryNeonVfpv4AndD32Row(boolean thumb) {
        ArmFuzzTarget t = (ArmFuzzTarget) (thumb ? new ThumbFuzzTarget() : new ArmFuzzTarget()).withCpu("cortex-a15");
        assertEquals(ArmCpuModel.CORTEX_A15, t.model());
        assertEquals("d31", t.fields().get(ArmFuzzTarget.F_D0 + 31).name());
        Set<NeonRow> neon = new HashSet<>();
        Set<VfpRow> vfp = new HashSet<>();
        int high = 0, inIt = 0, qc = 0, fz = 0, dn = 0;
        for (int i = 0; i < 3000; i++) {
            FuzzTarget.Case c = t.generate(new Random(i), 0);
            ArmInsnFuzzCases.Case d = (ArmInsnFuzzCases.Case) c.detail();
            long fpscr = c.init()[t.fpscr()];
            qc += (int) (fpscr >>> 27 & 1);
            dn += (int) (fpscr >>> 25 & 1);
            fz += (int) (fpscr >>> 24 & 1);
            int it = 0;
            for (int k = 0; k < d.rows().length; k++) {
                Object row = d.rows()[k];
                if (row == null) continue;
                boolean blocked = thumb && ThumbItState.inBlock(it);
                int w = thumb && ((ThumbRow) row).wide() ? d.insns()[k] << 16 | d.insns()[k + 1] : d.insns()[k];
                if (thumb) {
                    if (((ThumbRow) row).name().equals("it")) it = w & 0xff;
                    else if (ThumbItState.inBlock(it)) it = ThumbItState.advance(it);
                }
                NeonRow n = row instanceof NeonRow r ? r : row instanceof ThumbRow tr ? ThumbFuzzCases.neonRow(tr) : null;
                VfpRow v = row instanceof VfpRow r ? r : row instanceof ThumbRow tr ? ThumbFuzzCases.vfpRow(tr) : null;
                if (n != null) {
                    neon.add(n);
                    int a32 = thumb ? Neon.fromThumb(w) : w;
                    if (thumb && NeonFuzzCases.isTransfer(n)) a32 = w;
                    assertEquals(n, NeonTable.find(a32), String.format("%08x", w));
                    if (thumb) assertTrue(ThumbTable.findWide(w).decodes(w), String.format("%08x", w));
                    if (!NeonFuzzCases.isTransfer(n) && (a32 & 1 << 22) != 0) high++;
                    if (blocked) inIt++;
                } else if (v != null) {
                    vfp.add(v);
                    if (v.namesHighRegister(w)) high++;
                }
            }
        }
        System.out.printf("%s -cpu cortex-a15: %d of %d NEON rows, %d of %d VFP rows, %d words naming d16-d31, %d NEON in IT blocks, "
                + "FPSCR QC/DN/FZ in %d/%d/%d of 3000 cases%n", t.name(), neon.size(), NeonTable.ROWS.size(), vfp.size(),
                VfpFuzzCases.rows(ArmCpuModel.CORTEX_A15).size(), high, inIt, qc, dn, fz);
        assertEquals(NeonTable.ROWS.size(), neon.size(), "every NeonTable row is generated");
        assertEquals(VfpFuzzCases.rows(ArmCpuModel.CORTEX_A15).size(), vfp.size(), "every VFPv4-D32 row is generated");
        assertTrue(high > 100 && qc > 100 && dn > 100 && fz > 100);
        if (thumb) assertTrue(inIt > 100, "NEON in IT blocks: " + inIt);
    }
}

package dynvm.arm.neon;

import static dynvm.arm.ArmRegs.FILE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dynvm.arm.ArmCpuModel;
import dynvm.arm.ArmIsa;
import dynvm.arm.ArmRegs;
import dynvm.translator.harness.SnippetRunner;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Thumb-2 encodings are the A32 ones with other top bits (ARM ARM A7.4, A7.7): for random
 * words of every row, the A32 word in ARM state and its Thumb twin in Thumb state (also inside an
 * IT block for the conditional transfers) leave the same registers and memory, under both engines.
 */
class NeonThumbTwinTest {
    static final SnippetRunner A15 = new SnippetRunner(new ArmIsa(ArmCpuModel.CORTEX_A15));

    /** The Thumb word ({@code hw1 << 16 | hw2}) of an A32 Advanced SIMD word. */
    static int toThumb(int a32) {
        if ((a32 & 0xfe000000) == 0xf2000000) return 0xef000000 | (a32 >>> 24 & 1) << 28 | a32 & 0x00ffffff;
        if ((a32 & 0xff100000) == 0xf4000000) return 0xf9000000 | a32 & 0x00ffffff;
        return a32 & 0x0fffffff | 0xe0000000;           // transfer: condition 1110
    }

    @Test
    void everyRowAgreesInBothStates() {
        Random rnd = new Random(18);
        int checked = 0;
        for (NeonRow row : NeonTable.ROWS) {
            for (int k = 0; k < 8; k++) {
                int w = 0;
                for (int tries = 0; tries < 10_000; tries++) {
                    int c = row.match() | rnd.nextInt() & ~row.mask();
                    if ((row.match() & 0xf0000000) == 0) c = c & 0x0fffffff | 0xe0000000;
                    if ((c & 0xff100000) == 0xf4000000) c = c & ~0xf_000f | 1 << 16 | (rnd.nextBoolean() ? 13 : 15);  // [r1], no pc
                    if ((row.match() & 0xf0000000) == 0 && ((c >>> 12 & 15) == 13 || (c >>> 12 & 15) == 15)) continue;
                    if (NeonTable.find(c) == row) { w = c; break; }
                }
                if (w == 0) continue;
                int a32 = w, thumb = toThumb(w);
                assertEquals(a32, Neon.fromThumb(thumb), row.name());
                long[] d = new long[32];
                for (int i = 0; i < 32; i++) d[i] = rnd.nextLong();
                int[] r = new int[13];
                for (int i = 0; i < 13; i++) r[i] = rnd.nextInt();
                r[1] = SnippetRunner.DATA + 64;
                SnippetRunner.Result ra = A15.run(new int[]{a32}, (cpu, m) -> init(cpu, d, r));
                SnippetRunner.Result rt = A15.run(new int[]{thumb >>> 16 | thumb << 16}, (cpu, m) -> { init(cpu, d, r); FILE.write(cpu, ArmRegs.T, 1); });
                assertEquals(ra.stop().startsWith("trap"), rt.stop().startsWith("trap"), row.name());
                for (int i = 0; i < 32; i++)
                    assertEquals(FILE.read(ra.cpu(), ArmRegs.D[i]), FILE.read(rt.cpu(), ArmRegs.D[i]), String.format("%s 0x%08x d%d", row.name(), a32, i));
                for (int i = 0; i < 13; i++)
                    assertEquals(FILE.read(ra.cpu(), ArmRegs.R[i]), FILE.read(rt.cpu(), ArmRegs.R[i]), String.format("%s 0x%08x r%d", row.name(), a32, i));
                assertEquals(FILE.read(ra.cpu(), ArmRegs.FPSCR), FILE.read(rt.cpu(), ArmRegs.FPSCR), row.name());
                assertNotNull(Neon.disassemble(a32));
                checked++;
            }
        }
        assertEquals(true, checked > NeonTable.ROWS.size() * 4, "checked " + checked);
    }

    private static void init(dynvm.spi.CpuState cpu, long[] d, int[] r) {
        for (int i = 0; i < 32; i++) FILE.write(cpu, ArmRegs.D[i], d[i]);
        for (int i = 0; i < 13; i++) FILE.write(cpu, ArmRegs.R[i], r[i]);
    }
}

package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.harness.SnippetRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random words executed as ARM and Thumb code under both engines (ArmRandomCodeTest only decodes
 * and compiles): each block must stop at a guest trap (SIGILL, SIGTRAP, ...), a memory fault
 * (SIGSEGV), a service call, the end of the block or the instruction guard, never with a host
 * exception or a hang. The engines must stop alike, except in blocks that store into their own
 * code: the two seen with the default seed are STR with Rn=pc and post-indexed writeback (an
 * UNPREDICTABLE form; dynvm ignores the pc writeback) into the snippet's writable code page
 * (block 3434: {@code STRCC pc, [pc], #-0xac7} rewrites word 2; block 4232:
 * {@code STR r2, [pc], #0xf1c} rewrites word 3). The interpreter decodes the changed word, the
 * translator finishes the block it decoded; without cache maintenance and an ISB the ARM
 * architecture allows either (a later block sees the change in both engines). Those are counted
 * and printed; a disagreement with the code unchanged fails the test.
 */
class ArmRandomCodeRunTest {
    private static final int BLOCKS = 10_000, WORDS = 12;

    @Test
    void randomCodeStopsCleanlyUnderBothEngines() {
        SnippetRunner runner = new SnippetRunner(new ArmIsa(), 20_000);
        SplittableRandom rnd = new SplittableRandom(Long.getLong("dynvm.fuzzSeed", 0xa4c0de5L));
        List<String> failures = new ArrayList<>();
        int disagree = 0;
        Map<String, Integer> stops = new TreeMap<>();
        for (int i = 0; i < BLOCKS; i++) {
            int[] words = new int[WORDS];
            for (int w = 0; w < WORDS; w++) words[w] = rnd.nextInt();
            long regSeed = rnd.nextLong();
            boolean thumb = i % 2 == 1;
            String[] stop = new String[2];
            boolean[] codeChanged = new boolean[2];
            for (int e = 0; e < 2; e++) {
                try {
                    SnippetRunner.Result r = runner.runOne(words, (cpu, mem) -> {
                        SplittableRandom rr = new SplittableRandom(regSeed);
                        for (int k = 0; k < 13; k++) // r0-r12: into the data area or anywhere
                            ArmRegs.FILE.write(cpu, ArmRegs.R[k], rr.nextBoolean() ? SnippetRunner.DATA + rr.nextInt(0x1000) : rr.nextInt());
                        if (thumb) ArmRegs.FILE.write(cpu, ArmRegs.T, 1);
                    }, e == 1);
                    stop[e] = r.stop();
                    for (int w = 0; w < WORDS; w++)
                        codeChanged[e] |= r.mem().load32le(SnippetRunner.CODE + 4 * w) != words[w];
                } catch (RuntimeException | StackOverflowError | AssertionError ex) {
                    failures.add(String.format("block %d (%s, %s) %s: %s", i, thumb ? "thumb" : "arm", hex(words), e == 1 ? "dbt" : "interp", ex));
                }
            }
            if (stop[0] != null) stops.merge((thumb ? "thumb " : "arm ") + stop[0].replaceAll(":0x.*", ""), 1, Integer::sum);
            if (stop[0] != null && stop[1] != null && !stop[0].equals(stop[1])) {
                String what = String.format("block %d (%s, %s, regs seed %d): interp %s, dbt %s",
                        i, thumb ? "thumb" : "arm", hex(words), regSeed, stop[0], stop[1]);
                if (codeChanged[0] || codeChanged[1]) {
                    disagree++;
                    System.out.println("engines disagree on self-modifying " + what);
                } else {
                    failures.add("engines disagree on " + what);
                }
            }
        }
        System.out.printf("random arm code: %d blocks x 2 engines, stops %s, %d engine disagreements on self-modifying blocks%n", BLOCKS, stops, disagree);
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static String hex(int[] words) {
        StringBuilder sb = new StringBuilder();
        for (int w : words) sb.append(String.format("%08x ", w));
        return sb.toString().strip();
    }
}

package dynvm.arm.thumb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmIsa;
import dynvm.translator.disasm.Disassembly;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The front-end's printer over a run of Thumb code carries the IT state, as capstone and objdump do. */
class ThumbItDisassemblyTest {
    private static final int BASE = ThumbCode.BASE;
    // ite eq; movs r0, #1; movs r0, #0; movs r1, #2
    private static final int[] CODE = {0xbf0c, ThumbAsm.movImm(0, 1), ThumbAsm.movImm(0, 0), ThumbAsm.movImm(1, 2)};

    private static byte[] bytes(int from) {
        byte[] b = new byte[2 * (CODE.length - from)];
        for (int i = from; i < CODE.length; i++) {
            b[2 * (i - from)] = (byte) CODE[i];
            b[2 * (i - from) + 1] = (byte) (CODE[i] >>> 8);
        }
        return b;
    }

    @Test
    void blockFromTheItInstruction() {
        Map<Integer, String> m = Disassembly.ownRun(new ArmIsa(), ArmDecoder.THUMB, bytes(0), BASE, 10);
        assertEquals(Map.of(BASE, "ite eq", BASE + 2, "moveq r0, #1", BASE + 4, "movne r0, #0", BASE + 6, "movs r1, #2"), m);
    }

    @Test
    void blockStartingInsideTheItBlockTakesItsStateFromTheContext() {
        int it = ThumbItState.advance(0x0c); // after ite eq's first instruction: the else (ne)
        Map<Integer, String> m = Disassembly.ownRun(new ArmIsa(), ArmDecoder.THUMB | it << ArmDecoder.IT_SHIFT, bytes(2), BASE + 4, 10);
        assertEquals(Map.of(BASE + 4, "movne r0, #0", BASE + 6, "movs r1, #2"), m);
    }

    @Test
    void runStopsAtMaxAndAtTruncatedCode() {
        assertEquals(2, Disassembly.ownRun(new ArmIsa(), ArmDecoder.THUMB, bytes(0), BASE, 2).size());
        byte[] half = {(byte) 0x00, (byte) 0xf0}; // the first half of a 32-bit instruction
        assertEquals(Map.of(), Disassembly.ownRun(new ArmIsa(), ArmDecoder.THUMB, half, BASE, 10));
    }
}

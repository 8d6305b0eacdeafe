package dynvm.arm.thumb;

import dynvm.arm.ArmOps;

/**
 * The IT state as the ARM ARM defines it (ITSTATE = IT[7:0], A2.5.2): IT sets it to
 * firstcond:mask, each instruction of the block executes under condition ITSTATE[7:4] and then
 * ITAdvance shifts ITSTATE[4:0] left until the mask's terminating 1 leaves bits 3:0.
 */
public final class ThumbItState {
    private ThumbItState() { }

    /** InITBlock(): some instruction of a block is still to come. */
    public static boolean inBlock(int it) { return (it & 0xf) != 0; }

    /** LastInITBlock(). */
    static boolean last(int it) { return (it & 0xf) == 0x8; }

    /**
     * The condition of the instruction executing under {@code it}: ITSTATE[7:4]. 1111 (reached
     * through an UNPREDICTABLE firstcond of 1110 or 1111 with an else) executes always, as qemu
     * treats it; it is returned as AL.
     */
    static int condition(int it) {
        int c = (it >>> 4) & 0xf;
        return c == 0xf ? ArmOps.AL : c;
    }

    /** ITAdvance(). */
    public static int advance(int it) {
        return (it & 7) == 0 ? 0 : (it & 0xe0) | (it << 1) & 0x1f;
    }
}

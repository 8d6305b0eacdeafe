package dynvm.arm;

import java.util.List;

/**
 * 32-bit Thumb-2 loads and stores (ARM ARM A6.3.7-A6.3.11, A6.3.5, A6.3.6): LDR/STR in every
 * form, LDRD/STRD, LDM/STM/PUSH/POP, LDREX/STREX and their variants, TBB/TBH, PLD/PLI.
 * Placeholder: the rows are added here (ThumbTable already registers this class).
 */
final class Thumb32LoadStore {
    private Thumb32LoadStore() { }

    static List<ThumbRow> rows() { return List.of(); }
}

package dynvm.arm;

import java.util.ArrayList;
import java.util.List;

/** 32-bit Thumb-2 Multiply (ARM ARM A6.3): work in progress. */
final class Thumb32Multiply {
    private Thumb32Multiply() { }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        return r;
    }
}

package dynvm.arm;

import java.util.ArrayList;
import java.util.List;

/** 32-bit Thumb-2 Media (ARM ARM A6.3): work in progress. */
final class Thumb32Media {
    private Thumb32Media() { }

    static List<ThumbRow> rows() {
        List<ThumbRow> r = new ArrayList<>();
        return r;
    }
}

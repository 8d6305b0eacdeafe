package dynvm.microkernel.linux;

import java.io.IOException;
import java.util.Map;

/** One syscall implementation: raw argument registers in, result or {@code -errno} out. */
@FunctionalInterface
interface Syscall {
    int call(int[] a) throws IOException;

    /** A group of related syscalls that adds its entries to the dispatch table. */
    interface Group {
        void register(Map<String, Syscall> table);
    }
}

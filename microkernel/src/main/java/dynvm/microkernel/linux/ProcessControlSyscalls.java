package dynvm.microkernel.linux;

import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * prctl (the options programs use at start-up: thread names, the parent-death signal, dumpable,
 * no_new_privs), membarrier (a full fence of the JVM, which orders every guest thread's memory
 * since they are host threads) and getcpu (CPU 0, node 0: guest threads are not pinned).
 */
final class ProcessControlSyscalls implements Syscall.Group {
    static final int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4,
            PR_SET_NAME = 15, PR_GET_NAME = 16, PR_CAPBSET_READ = 23, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;
    static final int TASK_COMM_LEN = 16;
    /** membarrier commands: QUERY, GLOBAL, and the private-expedited pair. */
    static final int MB_QUERY = 0, MB_GLOBAL = 1, MB_GLOBAL_EXPEDITED = 2, MB_REGISTER_GLOBAL_EXPEDITED = 4,
            MB_PRIVATE_EXPEDITED = 8, MB_REGISTER_PRIVATE_EXPEDITED = 16;
    static final int MB_SUPPORTED = MB_GLOBAL | MB_GLOBAL_EXPEDITED | MB_REGISTER_GLOBAL_EXPEDITED
            | MB_PRIVATE_EXPEDITED | MB_REGISTER_PRIVATE_EXPEDITED;

    private final GuestProcess p;
    /** Thread names set with PR_SET_NAME; the others are the program's name. */
    private final Map<GuestThread, byte[]> names = Collections.synchronizedMap(new WeakHashMap<>());
    private volatile int pdeathsig, dumpable = 1, noNewPrivs;

    ProcessControlSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("prctl", a -> prctl(a[0], a[1]));
        t.put("membarrier", a -> membarrier(a[0], a[1]));
        t.put("getcpu", a -> {
            if (a[0] != 0) p.view.put32(a[0], 0);
            if (a[1] != 0) p.view.put32(a[1], 0);
            return 0;
        });
    }

    private int prctl(int option, int arg) {
        switch (option) {
            case PR_SET_NAME -> {
                byte[] n = p.view.mem.readCString(arg, TASK_COMM_LEN - 1).getBytes(StandardCharsets.ISO_8859_1);
                names.put(p.currentThread(), Arrays.copyOf(n, Math.min(n.length, TASK_COMM_LEN - 1)));
                return 0;
            }
            case PR_GET_NAME -> {
                byte[] n = names.get(p.currentThread());
                if (n == null) n = defaultName();
                p.view.write(arg, Arrays.copyOf(n, TASK_COMM_LEN)); // NUL-padded
                return 0;
            }
            case PR_SET_PDEATHSIG -> {
                if (arg < 0 || arg > 64) return -Errno.EINVAL;
                pdeathsig = arg;
                return 0;
            }
            case PR_GET_PDEATHSIG -> {
                p.view.put32(arg, pdeathsig);
                return 0;
            }
            case PR_GET_DUMPABLE -> { return dumpable; }
            case PR_SET_DUMPABLE -> {
                if (arg != 0 && arg != 1) return -Errno.EINVAL;
                dumpable = arg;
                return 0;
            }
            case PR_CAPBSET_READ -> { return arg >= 0 && arg <= 40 ? 1 : -Errno.EINVAL; }
            case PR_SET_NO_NEW_PRIVS -> {
                if (arg != 1) return -Errno.EINVAL;
                noNewPrivs = 1;
                return 0;
            }
            case PR_GET_NO_NEW_PRIVS -> { return noNewPrivs; }
            default -> { return -Errno.EINVAL; }
        }
    }

    /** The comm Linux gives a new program: its file name, cut to 15 bytes. */
    private byte[] defaultName() {
        String a = p.cfg.argv0;
        String base = a.substring(a.lastIndexOf('/') + 1);
        byte[] b = base.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, Math.min(b.length, TASK_COMM_LEN - 1));
    }

    private int membarrier(int cmd, int flags) {
        if (flags != 0 && cmd != MB_QUERY) return -Errno.EINVAL;
        if (cmd == MB_QUERY) return flags == 0 ? MB_SUPPORTED : -Errno.EINVAL;
        if ((cmd & MB_SUPPORTED) == 0 || Integer.bitCount(cmd) != 1) return -Errno.EINVAL;
        VarHandle.fullFence();
        return 0;
    }
}

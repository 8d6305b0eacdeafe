package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * personality(2) and the capability calls. The persona is kept per process and only reported
 * (PER_LINUX, 0, to begin with). Capabilities are what Linux gives a process of the configured
 * uid: none for a user, every one (0..CAP_LAST_CAP) for root; capset may only keep or drop them.
 */
final class IdentitySyscalls implements Syscall.Group {
    static final int VERSION_1 = 0x19980330, VERSION_2 = 0x20071026, VERSION_3 = 0x20080522, CAP_LAST_CAP = 40;

    private final GuestProcess p;
    private int persona;

    IdentitySyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("personality", a -> personality(a[0]));
        t.put("capget", a -> capget(a[0], a[1]));
        t.put("capset", a -> capset(a[0], a[1]));
    }

    private synchronized int personality(int value) {
        int old = persona;
        if (value != 0xffffffff) persona = value;
        return old;
    }

    /** The data words a header's version asks for (1 or 2), or 0 after writing the supported version back. */
    private int words(int hdr) {
        int version = p.view.u32(hdr);
        if (version == VERSION_1) return 1;
        if (version == VERSION_2 || version == VERSION_3) return 2;
        p.view.put32(hdr, VERSION_3);
        return 0;
    }

    private long caps() { return p.cfg.uid == 0 ? (1L << (CAP_LAST_CAP + 1)) - 1 : 0; }

    private int capget(int hdr, int data) {
        int n = words(hdr);
        if (n == 0) return data == 0 ? 0 : -Errno.EINVAL;
        int pid = p.view.u32(hdr + 4);
        if (pid < 0) return -Errno.EINVAL;
        if (pid != 0 && pid != p.pid && p.sys.process(pid) == null) return -Errno.ESRCH;
        if (data == 0) return 0;
        long c = caps();
        ByteBuffer b = p.view.struct(12 * n);
        for (int i = 0; i < n; i++) {
            int w = (int) (c >>> (32 * i));
            b.putInt(12 * i, w).putInt(12 * i + 4, w); // effective, permitted; inheritable stays 0
        }
        p.view.write(data, b);
        return 0;
    }

    private int capset(int hdr, int data) {
        int n = words(hdr);
        if (n == 0) return -Errno.EINVAL;
        int pid = p.view.u32(hdr + 4);
        if (pid != 0 && pid != p.pid) return -Errno.EPERM;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(data, 12 * n)).order(p.view.order);
        long eff = 0, perm = 0, inh = 0;
        for (int i = 0; i < n; i++) {
            eff |= (b.getInt(12 * i) & 0xffffffffL) << (32 * i);
            perm |= (b.getInt(12 * i + 4) & 0xffffffffL) << (32 * i);
            inh |= (b.getInt(12 * i + 8) & 0xffffffffL) << (32 * i);
        }
        long have = caps();
        if ((perm & ~have) != 0 || (eff & ~perm) != 0 || (inh & ~have) != 0) return -Errno.EPERM;
        return 0;
    }
}

package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.util.Map;

/** brk and the mmap family, delegating to the {@link AddressSpace}; this layer only resolves descriptors and offsets. */
final class MemorySyscalls implements Syscall.Group {
    static final int MMAP2_UNIT = 4096;

    private final GuestProcess p;

    MemorySyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        AddressSpace as = p.as;
        t.put("brk", a -> as.brk(a[0]));
        // old mmap as ppc32 has it: six register arguments, offset in bytes
        t.put("mmap", a -> mmap(a[0], a[1], a[2], a[3], a[4], a[5] & 0xffffffffL));
        t.put("mmap2", a -> mmap(a[0], a[1], a[2], a[3], a[4], (a[5] & 0xffffffffL) * MMAP2_UNIT));
        t.put("munmap", a -> as.munmap(a[0], a[1]));
        t.put("mprotect", a -> as.mprotect(a[0], a[1], a[2]));
        t.put("madvise", a -> 0);
    }

    private int mmap(int addr, int len, int prot, int flags, int fd, long offset) {
        if ((flags & AddressSpace.MAP_ANONYMOUS) != 0) return p.as.mmap(addr, len, prot, flags, null, 0);
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof HostFile)) return -Errno.ENODEV;
        if (!f.readable()) return -Errno.EACCES;
        return p.as.mmap(addr, len, prot, flags, f, offset);
    }
}

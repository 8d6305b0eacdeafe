package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;

import java.util.Map;

/**
 * brk and the mmap family, delegating to the {@link AddressSpace}; this layer resolves descriptors
 * and offsets, and has writable shared file mappings written back (see {@link SharedFileMappings}).
 */
final class MemorySyscalls implements Syscall.Group {
    static final int MMAP2_UNIT = 4096;
    static final int MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;

    private final GuestProcess p;
    private final SharedFileMappings shared;

    MemorySyscalls(GuestProcess p) {
        this.p = p;
        this.shared = new SharedFileMappings(p);
        p.onExit(shared::flushAll);
        p.onExec(shared::flushAll);
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("brk", a -> p.as.brk(a[0]));
        // old mmap as ppc32 has it: six register arguments, offset in bytes
        t.put("mmap", a -> mmap(a[0], a[1], a[2], a[3], a[4], a[5] & 0xffffffffL));
        t.put("mmap2", a -> mmap(a[0], a[1], a[2], a[3], a[4], (a[5] & 0xffffffffL) * MMAP2_UNIT));
        t.put("munmap", a -> {
            if (a[1] != 0) shared.drop(a[0], a[1] & 0xffffffffL);
            return p.as.munmap(a[0], a[1]);
        });
        t.put("mprotect", a -> p.as.mprotect(a[0], a[1], a[2]));
        t.put("mremap", a -> mremap(a[0], a[1], a[2], a[3], a[4]));
        t.put("msync", a -> msync(a[0], a[1], a[2]));
    }

    private int mmap(int addr, int len, int prot, int flags, int fd, long offset) throws java.io.IOException {
        if ((flags & (AddressSpace.MAP_FIXED | AddressSpace.MAP_FIXED_NOREPLACE)) == AddressSpace.MAP_FIXED && len != 0)
            shared.drop(addr, len & 0xffffffffL);   // the old mapping is replaced
        if ((flags & AddressSpace.MAP_ANONYMOUS) != 0) {
            int type = flags & AddressSpace.MAP_SHARED_VALIDATE;
            // shared anonymous memory stays shared with forked children (aliased pages, as SysV segments)
            if (type == AddressSpace.MAP_SHARED || type == AddressSpace.MAP_SHARED_VALIDATE)
                return p.as.mmapSharedAnonymous(addr, len, prot, flags);
            return p.as.mmap(addr, len, prot, flags, null, 0);
        }
        OpenFile f = p.fds.get(fd);
        if (!(f instanceof HostFile)) return -Errno.ENODEV;
        if (!f.readable()) return -Errno.EACCES;
        boolean sharedWrite = (flags & AddressSpace.MAP_SHARED_VALIDATE) != AddressSpace.MAP_PRIVATE
                && (prot & AddressSpace.PROT_WRITE) != 0;
        if (sharedWrite && !f.writable()) return -Errno.EACCES;
        int r = p.as.mmap(addr, len, prot, flags, f, offset);
        if (sharedWrite && !AddressSpace.isError(r)) shared.add(r, len, f, offset);
        return r;
    }

    /** mremap: the range's shared-file bookkeeping is written back and dropped first (its pages move). */
    private int mremap(int addr, int oldSize, int newSize, int flags, int newAddr) throws java.io.IOException {
        if ((addr & (MMAP2_UNIT - 1)) != 0) return -Errno.EINVAL;
        if (oldSize != 0) shared.drop(addr, oldSize & 0xffffffffL);
        return p.as.mremap(addr, oldSize, newSize, flags, newAddr);
    }

    private int msync(int addr, int len, int flags) throws java.io.IOException {
        if ((addr & (MMAP2_UNIT - 1)) != 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) != 0
                || (flags & (MS_ASYNC | MS_SYNC)) == (MS_ASYNC | MS_SYNC)) return -Errno.EINVAL;
        if (p.as.protAt(addr) < 0) return -Errno.ENOMEM;
        shared.sync(addr, len & 0xffffffffL);
        return 0;
    }
}

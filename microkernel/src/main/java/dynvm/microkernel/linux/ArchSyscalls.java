package dynvm.microkernel.linux;

import java.util.Map;

/**
 * Architecture-private calls that reach into the CPU or the caches rather than the kernel's
 * objects: ARM's set_tls (the thread pointer lives in a CPU register, which the engine sets
 * through the front-end's {@link dynvm.spi.SyscallAbi#setThreadPointer}) and cacheflush (after
 * writing code, a guest asks for the instruction cache to be made coherent: translations of the
 * range are dropped).
 */
final class ArchSyscalls implements Syscall.Group {
    private final GuestProcess p;

    ArchSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("set_tls", a -> {
            p.currentThread().host.setThreadPointer(a[0]);
            return 0;
        });
        t.put("get_tls", a -> p.currentThread().host.threadPointer());
        t.put("cacheflush", a -> {
            // cacheflush(start, end, flags): Linux rejects a reversed range
            long start = a[0] & 0xffffffffL, end = a[1] & 0xffffffffL;
            if (end < start) return -Errno.EINVAL;
            p.as.memory().discardCode(a[0], (int) Math.min(end - start, Integer.MAX_VALUE));
            return 0;
        });
    }
}

package dynvm.microkernel.linux;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Syscall-side access to guest memory in the guest's byte order. Everything goes through the
 * permission-checked bulk methods of {@link GuestMemory} (the fast loads do not look at the
 * UNMAPPED flag), so a wild pointer raises {@link MemoryFault}, which the dispatcher turns into -EFAULT.
 */
final class GuestView {
    static final int PATH_MAX = 4096;

    final GuestMemory mem;
    final ByteOrder order;
    private final boolean be;

    GuestView(GuestMemory mem, ByteOrder order) {
        this.mem = mem;
        this.order = order;
        this.be = order == ByteOrder.BIG_ENDIAN;
    }

    byte[] read(int addr, int len) {
        byte[] b = new byte[len];
        mem.read(addr, b, 0, len);
        return b;
    }

    void write(int addr, byte[] b) { mem.write(addr, b, 0, b.length); }

    void write(int addr, byte[] b, int off, int len) { mem.write(addr, b, off, len); }

    void write(int addr, ByteBuffer struct) { write(addr, struct.array()); }

    int u32(int addr) { return ByteBuffer.wrap(read(addr, 4)).order(order).getInt(); }

    long u64(int addr) { return ByteBuffer.wrap(read(addr, 8)).order(order).getLong(); }

    void put32(int addr, int v) { write(addr, struct(4).putInt(0, v)); }

    void put64(int addr, long v) { write(addr, struct(8).putLong(0, v)); }

    /** A zeroed buffer in guest byte order, to be filled and written in one go. */
    ByteBuffer struct(int size) { return ByteBuffer.allocate(size).order(order); }

    /** Faults now if {@code [addr, addr+len)} is not writable, before any host side effect. */
    void requireWritable(int addr, int len) {
        if (!mem.accessible(addr, len, true)) throw new MemoryFault(addr, true);
    }

    void requireReadable(int addr, int len) {
        if (!mem.accessible(addr, len, false)) throw new MemoryFault(addr, false);
    }

    /** A NUL-terminated guest string decoded as UTF-8; ENAMETOOLONG past PATH_MAX. */
    String path(int addr) {
        String latin1 = mem.readCString(addr, PATH_MAX + 1);
        if (latin1.length() > PATH_MAX) throw new SysErr(Errno.ENAMETOOLONG);
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** Joins the two registers of a 64-bit argument, which come in memory order (high first on big-endian). */
    long pair(int first, int second) {
        long hi = be ? first : second, lo = be ? second : first;
        return (hi << 32) | (lo & 0xffffffffL);
    }
}

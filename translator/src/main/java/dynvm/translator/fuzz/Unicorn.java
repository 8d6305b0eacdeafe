package dynvm.translator.fuzz;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * A minimal JNA mapping of the Unicorn 2 C API (libunicorn.so.2, Debian's libunicorn2): one
 * engine instance per object, not thread-safe. Constants are those of unicorn.h 2.0.1.
 * {@link #unavailable()} tells why the library cannot be used (null when it can), so callers
 * can skip rather than fail.
 */
public final class Unicorn implements AutoCloseable {
    public static final int ARCH_ARM = 1, ARCH_PPC = 5;
    public static final int MODE_ARM = 0, MODE_THUMB = 1 << 4, MODE_PPC32 = 1 << 2, MODE_BIG_ENDIAN = 1 << 30;
    public static final int PROT_ALL = 7;

    /** The C functions used. */
    interface Lib extends Library {
        int uc_open(int arch, int mode, PointerByReference uc);
        int uc_close(Pointer uc);
        int uc_mem_map(Pointer uc, long address, long size, int perms);
        int uc_errno(Pointer uc);
        String uc_strerror(int code);
        int uc_version(Pointer major, Pointer minor);
        int uc_ctl(Pointer uc, int control, Object... args);
    }

    /**
     * The calls made per fuzz case, bound by JNA's direct mapping: an interface-mapped call goes
     * through reflection and argument conversion, which made these calls a quarter of the
     * harness's time.
     */
    static final class Direct {
        static native int uc_mem_write(Pointer uc, long address, byte[] bytes, long size);
        static native int uc_mem_read(Pointer uc, long address, byte[] bytes, long size);
        static native int uc_reg_write(Pointer uc, int regid, long[] value);
        static native int uc_reg_read(Pointer uc, int regid, long[] value);
        static native int uc_emu_start(Pointer uc, long begin, long until, long timeout, long count);
    }

    /** Loaded once per class loader; immutable afterwards. */
    private static final class Holder {
        static final Lib LIB;
        static final String ERROR;

        static {
            Lib lib = null;
            String err = null;
            for (String name : new String[]{"unicorn", "libunicorn.so.2"}) {
                try {
                    lib = Native.load(name, Lib.class);
                    Native.register(Direct.class, com.sun.jna.NativeLibrary.getInstance(name));
                    err = null;
                    break;
                } catch (Throwable t) {
                    err = "libunicorn (Unicorn 2, Debian package libunicorn2) not loadable: " + t.getMessage();
                }
            }
            LIB = lib;
            ERROR = err;
        }
    }

    /** Why Unicorn cannot be used here, or null when it can. */
    public static String unavailable() {
        try {
            return Holder.ERROR;
        } catch (Throwable t) {
            return "JNA not usable: " + t;
        }
    }

    /** A failed Unicorn call. */
    public static final class UnicornException extends RuntimeException {
        public final int code;

        UnicornException(String what, int code) {
            super(what + ": " + Holder.LIB.uc_strerror(code) + " (uc_err " + code + ")");
            this.code = code;
        }
    }

    private final Lib lib;
    private final Pointer uc;
    /** A register value in host byte order (a long covers the 4- and 8-byte registers used). */
    private final long[] buf = new long[2];

    public Unicorn(int arch, int mode) {
        String why = unavailable();
        if (why != null) throw new IllegalStateException(why);
        lib = Holder.LIB;
        PointerByReference p = new PointerByReference();
        check("uc_open", lib.uc_open(arch, mode, p));
        uc = p.getValue();
    }

    private void check(String what, int err) {
        if (err != 0) throw new UnicornException(what, err);
    }

    public void map(long address, long size) { check("uc_mem_map", lib.uc_mem_map(uc, address, size, PROT_ALL)); }

    public void write(long address, byte[] bytes) { check("uc_mem_write", Direct.uc_mem_write(uc, address, bytes, bytes.length)); }

    public byte[] read(long address, int size) {
        byte[] b = new byte[size];
        check("uc_mem_read", Direct.uc_mem_read(uc, address, b, size));
        return b;
    }

    /**
     * Writes a register of {@code bytes} bytes (4 or 8). The C API takes host byte order; on a
     * little-endian host a long's low 4 bytes are the int.
     */
    public void writeReg(int reg, int bytes, long value) {
        buf[0] = bytes == 8 ? value : littleEndianHost() ? value & 0xffffffffL : value << 32;
        buf[1] = 0;
        int err = Direct.uc_reg_write(uc, reg, buf);
        if (err != 0) check("uc_reg_write " + reg, err);
    }

    public long readReg(int reg, int bytes) {
        buf[0] = 0;
        buf[1] = 0;
        int err = Direct.uc_reg_read(uc, reg, buf);
        if (err != 0) check("uc_reg_read " + reg, err);
        return bytes == 8 ? buf[0] : (littleEndianHost() ? buf[0] : buf[0] >>> 32) & 0xffffffffL;
    }

    private static boolean littleEndianHost() { return java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN; }

    /** Runs from {@code begin} until {@code until} or {@code count} instructions; returns uc_err (0 = ok). */
    public int start(long begin, long until, long count) { return Direct.uc_emu_start(uc, begin, until, 0, count); }

    /** uc_ctl_set_cpu_model: UC_CTL_CPU_MODEL (7), one argument, written. */
    private static final int CTL_CPU_MODEL = 7 | 1 << 26 | 1 << 30;

    /** Picks the CPU model (an arch's uc_cpu_* value); only before the first uc_mem_map, which creates the CPU. */
    public void setCpuModel(int model) { check("uc_ctl_set_cpu_model", lib.uc_ctl(uc, CTL_CPU_MODEL, model)); }

    /** uc_ctl_remove_cache: UC_CTL_TB_REMOVE_CACHE (9), two arguments, written (UC_CTL(type, nr, rw) = type | nr << 26 | rw << 30). */
    private static final int CTL_REMOVE_CACHE = 9 | 2 << 26 | 1 << 30;

    /**
     * Drops cached translations of {@code [begin, end)}: Unicorn 2.0.1 does not notice that
     * uc_mem_write replaced code it has translated, and would run the old code.
     */
    public void removeCache(long begin, long end) { check("uc_ctl_remove_cache", lib.uc_ctl(uc, CTL_REMOVE_CACHE, begin, end)); }

    public String strerror(int code) { return lib.uc_strerror(code); }

    public int errno() { return lib.uc_errno(uc); }

    /** Unicorn's version as "major.minor". */
    public static String version() {
        Memory a = new Memory(4), b = new Memory(4);
        Holder.LIB.uc_version(a, b);
        return a.getInt(0) + "." + b.getInt(0);
    }

    @Override
    public void close() { lib.uc_close(uc); }
}

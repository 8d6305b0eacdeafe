package dynvm.translator.disasm;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dynvm.spi.DisassemblyTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small JNA binding of libcapstone (4.x; 5.x layouts are handled too): an independent decoder
 * to cross-check ours and to print guest code in traces. Optional at runtime: {@link #load()} is
 * empty when the native library (or a usable version of it) is missing. One instance owns one
 * capstone handle per {@link DisassemblyTarget} (the arch and mode a front-end names), opened on first use; capstone handles are not thread-safe,
 * so the decoding methods are synchronized. Close it to free the handles.
 */
public final class Capstone implements AutoCloseable {
    // capstone.h: cs_opt_type, cs_opt_value
    private static final int CS_OPT_DETAIL = 2, CS_OPT_OFF = 0;

    /** One decoded instruction: its length in bytes, mnemonic and operand text as capstone prints them. */
    public record Insn(int size, String mnemonic, String operands) {
        public String text() { return operands.isEmpty() ? mnemonic : mnemonic + " " + operands; }
    }

    /** The C functions used, with size_t and csh as long (LP64). */
    interface Lib extends Library {
        int cs_version(IntByReference major, IntByReference minor);
        int cs_open(int arch, int mode, LongByReference handle);
        int cs_option(long handle, int type, long value);
        long cs_disasm(long handle, byte[] code, long size, long address, long count, PointerByReference insn);
        void cs_free(Pointer insn, long count);
        int cs_close(LongByReference handle);
        int cs_errno(long handle);
        String cs_strerror(int code);
    }

    private final Lib lib;
    private final int major, minor;
    // cs_insn: id(4) pad address(8) size(2) bytes[16 in 4.x, 24 in 5.x] mnemonic[32] op_str[160] pad detail*
    private final int mnemonicOffset, opStrOffset, insnSize;
    private final Map<DisassemblyTarget, Long> handles = new HashMap<>();
    private boolean closed;

    private Capstone(Lib lib, int major, int minor) {
        this.lib = lib;
        this.major = major;
        this.minor = minor;
        int bytes = major >= 5 ? 24 : 16;
        mnemonicOffset = 18 + bytes;
        opStrOffset = mnemonicOffset + 32;
        insnSize = ((opStrOffset + 160 + 7) & ~7) + 8;
    }

    /**
     * Binds libcapstone 4 or 5 if it is installed, else empty. Whether a run uses it is the run's
     * setting ({@code EngineConfig#capstone}, {@code -Ddynvm.capstone=false} from the command
     * line): without it {@link Disassembly#ownOnly()} is used instead and this is not called, so
     * the front-ends' own printers are used (as on a host without the library).
     */
    public static Optional<Capstone> load() {
        // Debian ships only the versioned soname without the -dev package
        for (String name : List.of("capstone", "libcapstone.so.4", "libcapstone.so.5")) {
            try {
                Lib lib = Native.load(name, Lib.class);
                IntByReference maj = new IntByReference(), min = new IntByReference();
                lib.cs_version(maj, min);
                if (maj.getValue() == 4 || maj.getValue() == 5) return Optional.of(new Capstone(lib, maj.getValue(), min.getValue()));
            } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
                // not this name (or JNA cannot load its own native part): try the next
            }
        }
        return Optional.empty();
    }

    /** The library's version, e.g. "4.0". */
    public String version() { return major + "." + minor; }

    /** Decodes the one instruction at {@code code[offset..]} (at guest address {@code address}), or empty when capstone finds it invalid. */
    public synchronized Optional<Insn> decode(DisassemblyTarget target, byte[] code, int offset, long address) {
        byte[] slice = offset == 0 ? code : java.util.Arrays.copyOfRange(code, offset, code.length);
        List<Insn> one = disasm(target, slice, address, 1);
        return one.isEmpty() ? Optional.empty() : Optional.of(one.get(0));
    }

    /** Decodes up to {@code max} consecutive instructions from the start of {@code code}; stops at the first invalid one. */
    public synchronized List<Insn> disassemble(DisassemblyTarget target, byte[] code, long address, int max) {
        return disasm(target, code, address, max);
    }

    private List<Insn> disasm(DisassemblyTarget target, byte[] code, long address, int max) {
        if (code.length == 0 || max <= 0) return List.of();
        long h = handle(target);
        PointerByReference out = new PointerByReference();
        long n = lib.cs_disasm(h, code, code.length, address, max, out);
        if (n <= 0) return List.of();
        Pointer p = out.getValue();
        try {
            List<Insn> list = new ArrayList<>((int) n);
            for (int i = 0; i < n; i++) {
                long base = (long) i * insnSize;
                int size = p.getShort(base + 16) & 0xffff;
                list.add(new Insn(size, p.getString(base + mnemonicOffset, "US-ASCII"), p.getString(base + opStrOffset, "US-ASCII")));
            }
            return list;
        } finally {
            lib.cs_free(p, n);
        }
    }

    private long handle(DisassemblyTarget target) {
        if (closed) throw new IllegalStateException("capstone closed");
        Long h = handles.get(target);
        if (h != null) return h;
        LongByReference ref = new LongByReference();
        int err = lib.cs_open(target.capstoneArch(), target.capstoneMode(), ref);
        if (err != 0) throw new IllegalStateException("cs_open(" + target + "): " + lib.cs_strerror(err));
        lib.cs_option(ref.getValue(), CS_OPT_DETAIL, CS_OPT_OFF);
        handles.put(target, ref.getValue());
        return ref.getValue();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (long h : handles.values()) lib.cs_close(new LongByReference(h));
        handles.clear();
    }
}

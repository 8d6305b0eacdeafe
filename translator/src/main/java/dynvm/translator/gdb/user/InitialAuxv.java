package dynvm.translator.gdb.user;

import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.translator.vm.UserModeVm;
import java.io.ByteArrayOutputStream;

/**
 * The auxv the loader wrote on the initial stack (argc, argv[], NULL, envp[], NULL, then the
 * type/value pairs up to AT_NULL), read before the first instruction runs: gdb uses AT_ENTRY,
 * AT_PHDR and AT_BASE to relocate a PIE and find the dynamic linker.
 */
final class InitialAuxv {
    /** A sane bound on auxv entries: Linux writes a few dozen. */
    private static final int MAX_ENTRIES = 256;

    private InitialAuxv() { }

    /** The type/value words, AT_NULL included, as the guest saw them; empty without an initial stack (a test's bare VM). */
    static byte[] read(UserModeVm vm, boolean bigEndian) {
        GuestMemory m = vm.addressSpace().memory();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            int sp = vm.stackPointer();
            int argc = word(m, sp, bigEndian);
            int a = sp + 4 * (argc + 2); // past argc, argv[] and its NULL
            while (word(m, a, bigEndian) != 0) a += 4; // envp[]
            a += 4;
            for (int i = 0; i < MAX_ENTRIES; i++, a += 8) {
                for (int k = 0; k < 8; k++) b.write(m.load8(a + k));
                if (word(m, a, bigEndian) == 0) break;
            }
        } catch (MemoryFault f) {
            return new byte[0];
        }
        return b.toByteArray();
    }

    private static int word(GuestMemory m, int a, boolean bigEndian) {
        int v = 0;
        for (int k = 0; k < 4; k++) v |= m.load8(a + k) << (bigEndian ? 8 * (3 - k) : 8 * k);
        return v;
    }
}

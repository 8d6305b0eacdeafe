package dynvm.translator.loader;

import dynvm.microkernel.mem.GuestMemory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the initial process stack exactly as Linux's {@code create_elf_tables} (fs/binfmt_elf.c)
 * and {@code do_execveat_common} lay it out, from the top down:
 *
 * <pre>
 *   stackTop - 4   a NULL word (bprm-&gt;p starts one pointer below the end)
 *                  execfn string, envp strings, argv strings (argv[0] lowest)
 *                  round down to 16 (arch_align_stack without randomisation)
 *                  AT_PLATFORM string, if the ISA has one
 *                  16 random bytes (AT_RANDOM)
 *                  padding so that sp ends up 16-byte aligned (STACK_ROUND)
 *                  auxv pairs, AT_NULL pair
 *                  envp pointers, NULL
 *                  argv pointers, NULL
 *   sp             argc
 * </pre>
 *
 * Words are 32 bits in the guest's byte order. The auxv itself is supplied by the caller once the
 * addresses of the strings and random bytes are known.
 */
final class InitialStack {
    /** Linux refuses argument and environment strings over a quarter of the stack limit. */
    static final long MAX_STRINGS = ImageLayout.STACK_SIZE / 4;

    /** Builds the auxv once the stack addresses it points to are placed. */
    interface AuxvSource {
        /** @return type/value pairs in order, without the terminating AT_NULL */
        List<int[]> entries(int randomAddr, int execFnAddr, int platformAddr);
    }

    /** Where things went, for the caller and for tests. */
    record Result(int sp, int randomAddr, int execFnAddr, int platformAddr, List<int[]> auxv) {}

    private InitialStack() {}

    static Result write(GuestMemory mem, ByteOrder order, long stackTop, long stackBottom, List<String> argv,
                        List<String> envp, String execFn, String platform, byte[] random16, AuxvSource auxvSource)
            throws ElfException {
        byte[][] args = encode(argv), envs = encode(envp);
        byte[] exec = cstring(execFn);
        long total = exec.length;
        for (byte[] s : args) total += s.length;
        for (byte[] s : envs) total += s.length;
        if (total > MAX_STRINGS) throw new ElfException("argument list too long", dynvm.microkernel.linux.Errno.E2BIG);

        long p = stackTop - 4;
        long execAddr = p -= exec.length;
        long[] envAddr = new long[envs.length], argAddr = new long[args.length];
        for (int i = envs.length - 1; i >= 0; i--) envAddr[i] = p -= envs[i].length;
        for (int i = args.length - 1; i >= 0; i--) argAddr[i] = p -= args[i].length;
        long stringsLow = p;
        p &= -16;
        byte[] plat = platform == null ? null : cstring(platform);
        long platAddr = plat == null ? 0 : (p -= plat.length);
        long randAddr = p -= 16;

        List<int[]> auxv = new ArrayList<>(auxvSource.entries((int) randAddr, (int) execAddr, (int) platAddr));
        auxv.add(new int[] {Auxv.AT_NULL, 0});
        long words = 1 + (args.length + 1) + (envs.length + 1) + 2L * auxv.size();
        long sp = (p - 4 * words) & -16;
        if (sp < stackBottom) throw new ElfException("argument list too long", dynvm.microkernel.linux.Errno.E2BIG);

        ByteBuffer buf = ByteBuffer.allocate((int) (stackTop - sp)).order(order);
        buf.putInt(args.length);
        for (long a : argAddr) buf.putInt((int) a);
        buf.putInt(0);
        for (long a : envAddr) buf.putInt((int) a);
        buf.putInt(0);
        for (int[] e : auxv) buf.putInt(e[0]).putInt(e[1]);
        buf.put((int) (randAddr - sp), random16, 0, 16);
        if (plat != null) buf.put((int) (platAddr - sp), plat);
        int at = (int) (stringsLow - sp);
        for (byte[] s : args) { buf.put(at, s); at += s.length; }
        for (byte[] s : envs) { buf.put(at, s); at += s.length; }
        buf.put(at, exec);
        mem.poke((int) sp, buf.array(), 0, buf.capacity());
        return new Result((int) sp, (int) randAddr, (int) execAddr, (int) platAddr, List.copyOf(auxv));
    }

    private static byte[][] encode(List<String> strings) {
        byte[][] out = new byte[strings.size()][];
        for (int i = 0; i < out.length; i++) out[i] = cstring(strings.get(i));
        return out;
    }

    /** Guest strings are bytes; the host's Java strings become UTF-8, NUL-terminated. */
    private static byte[] cstring(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }
}

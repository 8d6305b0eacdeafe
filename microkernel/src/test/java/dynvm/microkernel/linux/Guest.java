package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.IntPredicate;

/** Test fixture: a 4 MiB guest with a scratch area, a personality with captured streams, and helpers. */
final class Guest {
    static final int BASE = 0x00400000, SIZE = 4 << 20;
    /** Scratch RW area for strings and out-buffers. */
    static final int SCRATCH = BASE + 0x100000;
    /** Inside the window but never mapped. */
    static final int UNMAPPED = BASE + 0x300000;
    /** Outside the window altogether. */
    static final int WILD = 0x7f000000;

    final TestArch arch;
    final GuestMemory mem = new GuestMemory(BASE, SIZE);
    final AddressSpace as = new AddressSpace(mem);
    final ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream(), trace = new ByteArrayOutputStream();
    final LinuxPersonality sys;
    private int next = SCRATCH;

    Guest(TestArch arch, Path cwd) { this(arch, cwd, fd -> false, "", false); }

    Guest(TestArch arch, Path cwd, IntPredicate tty, String stdin, boolean strace) {
        this(arch, cwd, tty, stdin, strace, null);
    }

    /** With a sysroot (qemu-user's -L). */
    Guest(TestArch arch, Path cwd, Path sysroot) { this(arch, cwd, fd -> false, "", false, sysroot); }

    Guest(TestArch arch, Path cwd, IntPredicate tty, String stdin, boolean strace, Path sysroot) {
        this(arch, cwd, tty, stdin, strace, sysroot, arch.abi, b -> b);
    }

    /** With {@code abi} instead of the arch's own and more configuration ({@code more}: argv, auxv, ...). */
    Guest(TestArch arch, Path cwd, LinuxAbi abi, java.util.function.UnaryOperator<LinuxConfig.Builder> more) {
        this(arch, cwd, fd -> false, "", false, null, abi, more);
    }

    private Guest(TestArch arch, Path cwd, IntPredicate tty, String stdin, boolean strace, Path sysroot, LinuxAbi abi,
                  java.util.function.UnaryOperator<LinuxConfig.Builder> more) {
        this.arch = arch;
        as.mapFixed(SCRATCH, 0x100000, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE);
        as.setBrkBase(BASE + 0x10000);
        as.setMmapArea(BASE + 0x200000, BASE + 0x300000);
        LinuxConfig cfg = more.apply(LinuxConfig.builder()
                .stdin(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .stdout(out).stderr(err).cwd(cwd).exePath(Path.of("/opt/guest/bin/hello")).argv0("hello")
                .isatty(tty).pid(4242).uid(1000).gid(100)
                .strace(strace ? new PrintStream(trace, true) : null)
                .sysroot(sysroot))
                .build();
        sys = new LinuxPersonality(as, abi, cfg);
    }

    int call(String name, int... args) { return sys.call(name, -1, args); }

    /** A fresh scratch buffer of {@code len} bytes (8-aligned). */
    int alloc(int len) {
        int a = next;
        next += (len + 7) & ~7;
        return a;
    }

    int str(String s) {
        byte[] b = (s + "\0").getBytes(StandardCharsets.UTF_8);
        int a = alloc(b.length);
        mem.write(a, b, 0, b.length);
        return a;
    }

    int bytes(byte[] b) {
        int a = alloc(b.length);
        mem.write(a, b, 0, b.length);
        return a;
    }

    ByteBuffer read(int addr, int len) {
        byte[] b = new byte[len];
        mem.read(addr, b, 0, len);
        return ByteBuffer.wrap(b).order(arch.order);
    }

    String string(int addr, int len) {
        byte[] b = new byte[len];
        mem.read(addr, b, 0, len);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Guest open flags from generic ones (O_DIRECTORY etc. differ per arch). */
    int oflags(int generic) { return OpenFlags.fromGeneric(arch.abi, generic); }
}

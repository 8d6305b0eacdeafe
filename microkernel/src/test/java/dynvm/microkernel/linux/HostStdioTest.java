package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The host's descriptors 0-2 as the guest's ({@link HostDescriptor}) against a scripted
 * {@link HostStdio}: host errors reach the guest unchanged (EPIPE with SIGPIPE first), a closed
 * host descriptor is closed for the guest, and a real terminal's termios passes through the
 * guest ABI's encoding ({@link TermiosCodec}). Job control ids and TIOC[GS]PGRP too.
 */
class HostStdioTest {
    @TempDir Path dir;

    /** A host whose fd 0 is closed, fd 1 a terminal, fd 2 a pipe whose writes fail with {@code writeErr}. */
    static final class FakeHost implements HostStdio {
        int writeErr;
        byte[] termios = new byte[TERMIOS_SIZE];
        final ByteArrayOutputStream written = new ByteArrayOutputStream();
        int[] winsize = {24, 80, 0, 0};

        @Override public int openFlags(int fd) { return fd == 0 ? -1 : OpenFlags.O_WRONLY; }
        @Override public int openTerminal(String path, int accmode) { return -Errno.ENOENT; }
        @Override public void close(int fd) { }
        @Override public int read(int fd, byte[] b, int off, int len) { return -Errno.EBADF; }
        @Override public int write(int fd, byte[] b, int off, int len) {
            if (fd == 2 && writeErr != 0) return -writeErr;
            written.write(b, off, len);
            return len;
        }
        @Override public long seek(int fd, long offset, int whence) { return -Errno.ESPIPE; }
        @Override public int poll(int fd, int events, int timeoutMillis) { return events; }
        @Override public int available(int fd) { return 0; }
        @Override public boolean isatty(int fd) { return fd == 1; }
        @Override public int getTermios(int fd, byte[] t) { System.arraycopy(termios, 0, t, 0, TERMIOS_SIZE); return 0; }
        @Override public int setTermios(int fd, int action, byte[] t) { termios = t.clone(); return 0; }
        @Override public int[] windowSize(int fd) { return winsize.clone(); }
        @Override public int setWindowSize(int fd, int[] w) { winsize = w.clone(); return 0; }
    }

    private final FakeHost host = new FakeHost();

    private LinuxPersonality kernel(LinuxAbi abi, AddressSpace as) {
        as.mapFixed(Guest.SCRATCH, 0x100000, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE);
        LinuxConfig cfg = LinuxConfig.builder().cwd(dir).pid(500).uid(1000).gid(100).hostStdio(host).build();
        return new LinuxPersonality(as, abi, cfg);
    }

    private static int put(AddressSpace as, int at, byte[] b) {
        as.memory().write(at, b, 0, b.length);
        return at;
    }

    @Test
    void hostErrorsAndClosedDescriptorsReachTheGuest() {
        AddressSpace as = new AddressSpace(new dynvm.microkernel.mem.GuestMemory(Guest.BASE, Guest.SIZE));
        LinuxPersonality k = kernel(TestArch.ARM.abi, as);
        int buf = put(as, Guest.SCRATCH, "hi\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(-Errno.EBADF, k.call("fcntl64", -1, new int[]{0, FdSyscalls.F_GETFD, 0}), "closed host fd 0 is closed");
        assertEquals(-Errno.EBADF, k.call("read", -1, new int[]{0, buf, 3}));
        assertEquals(3, k.call("write", -1, new int[]{1, buf, 3}));
        assertEquals("hi\n", host.written.toString(StandardCharsets.UTF_8), "written through, unbuffered");
        host.writeErr = Errno.ENOSPC;
        assertEquals(-Errno.ENOSPC, k.call("write", -1, new int[]{2, buf, 3}));
        int set = Guest.SCRATCH + 0x100;
        as.memory().store32le(set, 1 << (SignalState.SIGPIPE - 1));
        as.memory().store32le(set + 4, 0);
        assertEquals(0, k.call("rt_sigprocmask", -1, new int[]{SignalSyscalls.SIG_BLOCK, set, 0, 8}), "blocked: stays pending to be seen");
        host.writeErr = Errno.EPIPE;
        assertEquals(-Errno.EPIPE, k.call("write", -1, new int[]{2, buf, 3}));
        assertEquals(0, k.call("rt_sigpending", -1, new int[]{set, 8}));
        assertNotEquals(0, as.memory().load32le(set) & (1 << (SignalState.SIGPIPE - 1)), "SIGPIPE raised with EPIPE");
        for (int fd = 3; fd < FdTable.MAX_FDS; fd++) assertEquals(-Errno.EBADF, k.call("fcntl64", -1, new int[]{fd, FdSyscalls.F_GETFD, 0}));
    }

    /** A made-up encoding: ISIG and ICANON swapped, VMIN and VTIME swapped, c_line after c_cc. */
    private static LinuxAbi swapped() {
        LinuxAbi a = TestArch.ARM.abi;
        int[] cc = new int[HostStdio.NCCS];
        for (int i = 0; i < cc.length; i++) cc[i] = i;
        cc[5] = 6;
        cc[6] = 5;
        LinuxAbi.TermiosLayout t = a.termios();
        LinuxAbi.TermiosLayout layout = new LinuxAbi.TermiosLayout(40, t.iflag(), t.oflag(), t.cflag(), t.lflag(), 16, t.cc(),
                LinuxAbi.TermiosLayout.NO_SPEEDS, 0);
        return new LinuxAbi(a.machine(), ByteOrder.BIG_ENDIAN, a.openFlags(), a.mmapFlags(), a.ioctls(), a.stat64(),
                a.statfs64Size(), layout, a.chownTakes16BitIds(), a.sigsuspendMaskArg(), a.socketOptions(),
                new LinuxAbi.TermiosBits(new int[]{-1, -1}, new int[]{-1, -1}, new int[]{-1, -1},
                        new int[]{0x1, 0x2, 0x2, 0x1, 0x8, 0x8}, cc, 35));
    }

    @Test
    void termiosPassesThroughTheGuestEncoding() {
        ByteBuffer h = ByteBuffer.wrap(host.termios).order(ByteOrder.nativeOrder());
        h.putInt(0, 0x500).putInt(4, 0x5).putInt(8, 0xbf).putInt(12, 0x1 | 0x8 | 0x8000); // ISIG ECHO IEXTEN
        host.termios[HostStdio.CC_AT + 5] = 7;  // VTIME
        host.termios[HostStdio.CC_AT + 6] = 1;  // VMIN
        AddressSpace as = new AddressSpace(new dynvm.microkernel.mem.GuestMemory(Guest.BASE, Guest.SIZE));
        LinuxAbi abi = swapped();
        LinuxPersonality k = kernel(abi, as);
        int t = Guest.SCRATCH;
        assertEquals(0, k.call("ioctl", -1, new int[]{1, abi.ioctls().tcgets(), t}));
        byte[] g = new byte[40];
        as.memory().read(t, g, 0, 40);
        ByteBuffer gb = ByteBuffer.wrap(g).order(ByteOrder.BIG_ENDIAN);
        assertEquals(0x500, gb.getInt(0));
        assertEquals(0x2 | 0x8, gb.getInt(12), "ISIG is the guest's bit 0x2; ECHO kept; IEXTEN has no guest bit");
        assertEquals(7, g[16 + 6], "VTIME at the guest's index");
        assertEquals(1, g[16 + 5], "VMIN at the guest's index");
        // the guest turns ICANON on and ISIG off: the host gets ICANON (0x2), keeps IEXTEN (no guest bit)
        gb.putInt(12, 0x1 | 0x8);
        byte[] before = host.termios.clone();
        put(as, t, g);
        assertEquals(0, k.call("ioctl", -1, new int[]{1, abi.ioctls().tcsetsw(), t}));
        ByteBuffer after = ByteBuffer.wrap(host.termios).order(ByteOrder.nativeOrder());
        assertEquals(0x2 | 0x8 | 0x8000, after.getInt(12));
        assertArrayEquals(Arrays.copyOfRange(before, 16, 36), Arrays.copyOfRange(host.termios, 16, 36), "c_line and c_cc unchanged");
        assertEquals(-Errno.ENOTTY, k.call("ioctl", -1, new int[]{2, abi.ioctls().tcgets(), t}), "a pipe is no terminal");
    }

    @Test
    void windowSizeAndForegroundGroup() {
        AddressSpace as = new AddressSpace(new dynvm.microkernel.mem.GuestMemory(Guest.BASE, Guest.SIZE));
        LinuxAbi abi = TestArch.ARM.abi;
        LinuxPersonality k = kernel(abi, as);
        int w = Guest.SCRATCH;
        assertEquals(0, k.call("ioctl", -1, new int[]{1, abi.ioctls().tiocgwinsz(), w}));
        assertEquals(24 | 80 << 16, as.memory().load32le(w));
        assertEquals(500, k.call("getpgrp", -1, new int[0]));
        assertEquals(0, k.call("ioctl", -1, new int[]{1, abi.ioctls().tiocgpgrp(), w}));
        assertEquals(500, as.memory().load32le(w), "the first process's group is in the foreground");
        put(as, w, new byte[]{9, 3, 0, 0}); // 777
        assertEquals(-Errno.EPERM, k.call("ioctl", -1, new int[]{1, abi.ioctls().tiocspgrp(), w}), "no such group");
        assertEquals(0, k.call("setpgid", -1, new int[]{0, 0}), "already its own group leader");
        assertEquals(-Errno.EPERM, k.call("setsid", -1, new int[0]), "a group leader cannot start a session");
        assertEquals(-Errno.ESRCH, k.call("getpgid", -1, new int[]{12345}));
    }
}

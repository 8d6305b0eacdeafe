package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static dynvm.microkernel.linux.OpenFlags.*;
import static dynvm.microkernel.linux.PollSyscalls.*;
import static org.junit.jupiter.api.Assertions.*;

/**
 * poll/select readiness for files, directories, /dev/null, pipes and stdin, and waiting until a
 * pipe written by another thread becomes ready. The only time bound is a generous guard against
 * hanging; nothing asserts how long a call took.
 */
class PollWaitTest {
    @TempDir Path dir;
    private static final Duration GUARD = Duration.ofSeconds(20);

    private static int pollfds(Guest g, int... fdEvents) {
        int a = g.alloc(4 * fdEvents.length);
        ByteBuffer b = ByteBuffer.allocate(4 * fdEvents.length).order(g.arch.order);
        for (int i = 0; i < fdEvents.length; i += 2) b.putInt(4 * i, fdEvents[i]).putShort(4 * i + 4, (short) fdEvents[i + 1]);
        g.mem.write(a, b.array(), 0, b.capacity());
        return a;
    }

    private static int revents(Guest g, int pfd, int i) { return g.read(pfd + 8 * i, 8).getShort(6) & 0xffff; }

    private static int[] pipe(Guest g) {
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe", fds));
        return new int[]{g.read(fds, 8).getInt(0), g.read(fds, 8).getInt(4)};
    }

    @Test
    void filesDirectoriesAndDevNullAreAlwaysReady() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        Files.writeString(dir.resolve("f"), "x");
        int f = g.call("open", g.str("f"), O_RDONLY, 0);
        int d = g.call("open", g.str("."), g.oflags(O_RDONLY | O_DIRECTORY), 0);
        int nul = g.call("open", g.str("/dev/null"), O_RDWR, 0);
        int pfd = pollfds(g, f, POLLIN | POLLOUT, d, POLLIN, nul, POLLIN | POLLOUT | POLLRDNORM, -1, POLLIN);
        assertEquals(3, g.call("poll", pfd, 4, -1), "never waits: all ready");
        assertEquals(POLLIN | POLLOUT, revents(g, pfd, 0), "a read-only file still polls writable, as on Linux");
        assertEquals(POLLIN, revents(g, pfd, 1));
        assertEquals(POLLIN | POLLOUT | POLLRDNORM, revents(g, pfd, 2));
        assertEquals(0, revents(g, pfd, 3), "negative fd ignored");
        assertEquals(0, g.call("poll", 0, 0, 0), "poll(NULL, 0, 0)");
        assertEquals(0, g.call("poll", 0, 0, 5), "poll(NULL, 0, ms) sleeps and returns 0");
        assertEquals(-Errno.EINVAL, g.call("poll", pfd, -1, 0));
        assertEquals(-Errno.EFAULT, g.call("poll", Guest.UNMAPPED, 1, 0));
    }

    @Test
    void pollWaitsUntilAnotherThreadWritesThePipe() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        int[] p = pipe(g);
        int pfd = pollfds(g, p[0], POLLIN);
        assertEquals(0, g.call("poll", pfd, 1, 0), "empty: not ready");
        assertEquals(0, g.call("poll", pfd, 1, 30), "times out");
        OpenFile writeEnd = fdTable(g).get(p[1]);
        CountDownLatch polling = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                polling.await();
                Thread.sleep(50);
                writeEnd.write(new byte[]{'z'}, 0, 1);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        writer.start();
        int r = assertTimeoutPreemptively(GUARD, () -> { polling.countDown(); return g.call("poll", pfd, 1, -1); });
        assertEquals(1, r);
        assertEquals(POLLIN, revents(g, pfd, 0));
        writer.join();
    }

    @Test
    void selectWaitsForThePipeAndWritesBackTheRemainingTime() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir);
        int[] p = pipe(g);
        int set = g.alloc(128), tv = g.alloc(8);
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(1 << p[0]).array(), 0, 4);
        g.mem.write(tv, ByteBuffer.allocate(8).order(g.arch.order).putInt(0).putInt(20_000).array(), 0, 8);
        assertEquals(0, g.call("_newselect", p[0] + 1, set, 0, 0, tv));
        assertEquals(0, g.read(set, 4).getInt(0), "not ready: bit cleared");
        assertEquals(0, g.read(tv, 8).getInt(0));
        assertEquals(0, g.read(tv, 8).getInt(4), "the whole timeout used up");
        OpenFile writeEnd = fdTable(g).get(p[1]);
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(50);
                writeEnd.write(new byte[]{'z'}, 0, 1);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(1 << p[0] | 1 << p[1]).array(), 0, 4);
        int wset = g.alloc(128);
        g.mem.write(wset, ByteBuffer.allocate(4).order(g.arch.order).putInt(1 << p[1]).array(), 0, 4);
        assertEquals(1, g.call("_newselect", p[1] + 1, 0, wset, 0, 0), "the write end is writable");
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(1 << p[0]).array(), 0, 4);
        writer.start();
        int r = assertTimeoutPreemptively(GUARD, () -> g.call("_newselect", p[0] + 1, set, 0, 0, 0));
        assertEquals(1, r);
        assertEquals(1 << p[0], g.read(set, 4).getInt(0));
        writer.join();
        // pselect6 with an already-ready set and a timespec
        int ts = g.alloc(8);
        g.mem.write(ts, ByteBuffer.allocate(8).order(g.arch.order).putInt(5).putInt(0).array(), 0, 8);
        assertEquals(1, g.call("pselect6", p[0] + 1, set, 0, 0, ts, 0));
        assertEquals(-Errno.EINVAL, g.call("_newselect", -1, 0, 0, 0, 0));
        g.mem.write(tv, ByteBuffer.allocate(8).order(g.arch.order).putInt(0).putInt(1_000_000).array(), 0, 8);
        assertEquals(-Errno.EINVAL, g.call("_newselect", 1, set, 0, 0, tv));
    }

    @Test
    void hangupAndErrorWhenTheOtherEndCloses() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int[] p = pipe(g);
        assertEquals(0, g.call("close", p[1]));
        int pfd = pollfds(g, p[0], POLLIN);
        assertEquals(1, g.call("poll", pfd, 1, -1), "a hung-up pipe does not wait");
        assertEquals(POLLHUP, revents(g, pfd, 0));
        int[] q = pipe(g);
        assertEquals(0, g.call("close", q[0]));
        pfd = pollfds(g, q[1], POLLOUT);
        assertEquals(1, g.call("poll", pfd, 1, 0));
        assertEquals(POLLERR, revents(g, pfd, 0));
        // PowerPC's old select takes a pointer to its five arguments
        int set = g.alloc(128), args = g.alloc(20);
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(1 << p[0]).array(), 0, 4);
        g.mem.write(args, ByteBuffer.allocate(20).order(g.arch.order).putInt(p[0] + 1).putInt(set).putInt(0).putInt(0).putInt(0).array(), 0, 20);
        assertEquals(1, g.call("select", args));
    }

    @Test
    void stdinIsReadyWhenTheHostHasDataAndHangsUpAtItsEnd() throws Exception {
        PipedOutputStream host = new PipedOutputStream();
        PipedInputStream in = new PipedInputStream(host);
        GuestMemory mem = new GuestMemory(Guest.BASE, Guest.SIZE);
        AddressSpace as = new AddressSpace(mem);
        as.mapFixed(Guest.SCRATCH, 0x100000, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE);
        LinuxPersonality sys = new LinuxPersonality(as, TestArch.ARM.abi, LinuxConfig.builder().stdin(in)
                .stdout(new java.io.ByteArrayOutputStream()).cwd(dir).isatty(fd -> false).pid(1).build());
        int pfd = Guest.SCRATCH, buf = Guest.SCRATCH + 64;
        mem.write(pfd, ByteBuffer.allocate(8).order(TestArch.ARM.order).putInt(0).putShort((short) POLLIN).array(), 0, 8);
        assertEquals(0, sys.call("poll", -1, new int[]{pfd, 1, 0}), "nothing typed yet");
        Thread typist = new Thread(() -> {
            try {
                Thread.sleep(50);
                host.write("hi".getBytes());
                host.flush();
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        typist.start();
        assertEquals(1, assertTimeoutPreemptively(GUARD, () -> sys.call("poll", -1, new int[]{pfd, 1, -1})));
        typist.join();
        assertEquals(2, sys.call("read", -1, new int[]{0, buf, 16}));
        host.close();
        assertEquals(1, assertTimeoutPreemptively(GUARD, () -> sys.call("poll", -1, new int[]{pfd, 1, -1})), "end of input is seen");
        byte[] re = new byte[8];
        mem.read(pfd, re, 0, 8);
        assertEquals(POLLHUP, ByteBuffer.wrap(re).order(TestArch.ARM.order).getShort(6));
        assertEquals(0, sys.call("read", -1, new int[]{0, buf, 16}));
    }

    /** The descriptor table, to play the other party of a pipe from a host thread. */
    private static FdTable fdTable(Guest g) { return g.sys.process().fds; }
}

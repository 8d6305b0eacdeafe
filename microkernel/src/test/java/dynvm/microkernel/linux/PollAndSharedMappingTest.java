package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

/** poll/select readiness, getrusage, alarm bookkeeping, and MAP_SHARED stores reaching the file. */
class PollAndSharedMappingTest {
    @TempDir Path dir;

    @Test
    void pollReportsPipesByTheirContentsAndOtherFilesAsReady() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe", fds));
        int r = g.read(fds, 8).getInt(0), w = g.read(fds, 8).getInt(4);
        int pfd = g.alloc(24);
        ByteBuffer b = ByteBuffer.allocate(24).order(g.arch.order);
        b.putInt(0, r).putShort(4, (short) PollSyscalls.POLLIN);
        b.putInt(8, w).putShort(12, (short) PollSyscalls.POLLOUT);
        b.putInt(16, 1).putShort(20, (short) PollSyscalls.POLLOUT);
        g.mem.write(pfd, b.array(), 0, 24);
        assertEquals(2, g.call("poll", pfd, 3, 0), "empty pipe not readable; its write end and stdout are");
        assertEquals(0, g.read(pfd, 24).getShort(6));
        assertEquals(PollSyscalls.POLLOUT, g.read(pfd, 24).getShort(14));
        assertEquals(1, g.call("write", w, g.str("x"), 1));
        assertEquals(3, g.call("poll", pfd, 3, 0));
        assertEquals(PollSyscalls.POLLIN, g.read(pfd, 24).getShort(6));
        assertEquals(0, g.call("close", w));
        assertEquals(PollSyscalls.POLLIN | PollSyscalls.POLLHUP, pollOne(g, r, PollSyscalls.POLLIN));
        assertEquals(PollSyscalls.POLLNVAL, pollOne(g, 77, PollSyscalls.POLLIN));
    }

    private static int pollOne(Guest g, int fd, int events) {
        int pfd = g.alloc(8);
        g.mem.write(pfd, ByteBuffer.allocate(8).order(g.arch.order).putInt(0, fd).putShort(4, (short) events).array(), 0, 8);
        assertEquals(1, g.call("poll", pfd, 1, 0));
        return g.read(pfd, 8).getShort(6);
    }

    @Test
    void pselect6ClearsTheBitsOfDescriptorsThatAreNotReady() {
        Guest g = new Guest(TestArch.PPC32, dir);
        int fds = g.alloc(8);
        g.call("pipe", fds);
        int r = g.read(fds, 8).getInt(0);
        int set = g.alloc(128), ts = g.alloc(8);
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(0, 1 | 1 << r).array(), 0, 4);
        assertEquals(1, g.call("pselect6", r + 1, set, 0, 0, ts, 0), "stdin ready, the empty pipe not");
        assertEquals(1, g.read(set, 4).getInt(0));
        g.mem.write(set, ByteBuffer.allocate(4).order(g.arch.order).putInt(0, 1 << 9).array(), 0, 4);
        assertEquals(-Errno.EBADF, g.call("pselect6", 10, set, 0, 0, ts, 0));
    }

    @Test
    void getrusageAndAlarm() {
        Guest g = new Guest(TestArch.ARM, dir);
        int buf = g.alloc(TimeSyscalls.RUSAGE32_SIZE);
        assertEquals(0, g.call("getrusage", TimeSyscalls.RUSAGE_SELF, buf));
        assertTrue(g.read(buf, 8).getInt(4) < 1_000_000, "microseconds field in range");
        assertEquals(-Errno.EINVAL, g.call("getrusage", 5, buf));
        assertEquals(0, g.call("alarm", 100), "no alarm before");
        assertEquals(100, g.call("alarm", 0), "remaining seconds round up");
        assertEquals(0, g.call("alarm", 0));
    }

    @Test
    void sharedWritableMappingReachesTheFileOnMsyncMunmapAndExit() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Files.writeString(dir.resolve("m"), "0123456789");
        int fd = g.call("open", g.str("m"), O_RDWR, 0);
        int rw = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE;
        int a = g.call("mmap2", 0, 4096, rw, AddressSpace.MAP_SHARED, fd, 0);
        assertFalse(AddressSpace.isError(a));
        assertEquals(0, g.call("close", fd), "the mapping outlives its descriptor");
        g.mem.write(a + 1, new byte[]{'A'}, 0, 1);
        g.mem.write(a + 20, new byte[]{'Z'}, 0, 1);   // past end of file: never written
        assertEquals(0, g.call("msync", a, 4096, MemorySyscalls.MS_SYNC));
        assertEquals("0A23456789", Files.readString(dir.resolve("m")));
        Files.writeString(dir.resolve("m"), "0A2345678X");   // written behind the mapping's back
        g.mem.write(a + 2, new byte[]{'B'}, 0, 1);
        assertEquals(0, g.call("munmap", a, 4096));
        assertEquals("0AB345678X", Files.readString(dir.resolve("m")), "only changed bytes are written back");

        int fd2 = g.call("open", g.str("m"), O_RDWR, 0);
        int b = g.call("mmap2", 0, 4096, rw, AddressSpace.MAP_SHARED, fd2, 0);
        g.mem.write(b, new byte[]{'E'}, 0, 1);
        int priv = g.call("mmap2", 0, 4096, rw, AddressSpace.MAP_PRIVATE, fd2, 0);
        g.mem.write(priv + 3, new byte[]{'P'}, 0, 1);
        g.call("exit_group", 0);
        assertEquals("EAB345678X", new String(Files.readAllBytes(dir.resolve("m")), StandardCharsets.UTF_8),
                "exit writes shared mappings back; private stores never reach the file");
    }

    @Test
    void sharedWritableMappingNeedsAWritableDescriptorAndMsyncChecksItsArguments() throws Exception {
        Guest g = new Guest(TestArch.PPC32, dir);
        Files.writeString(dir.resolve("r"), "abc");
        int fd = g.call("open", g.str("r"), O_RDONLY, 0);
        int rw = AddressSpace.PROT_READ | AddressSpace.PROT_WRITE;
        assertEquals(-Errno.EACCES, g.call("mmap2", 0, 4096, rw, AddressSpace.MAP_SHARED, fd, 0));
        int a = g.call("mmap2", 0, 4096, rw, AddressSpace.MAP_PRIVATE, fd, 0);
        assertEquals(-Errno.EINVAL, g.call("msync", a + 1, 16, MemorySyscalls.MS_SYNC));
        assertEquals(-Errno.EINVAL, g.call("msync", a, 16, MemorySyscalls.MS_SYNC | MemorySyscalls.MS_ASYNC));
        assertEquals(0, g.call("msync", a, 16, MemorySyscalls.MS_ASYNC));
        assertEquals(-Errno.ENOMEM, g.call("msync", Guest.UNMAPPED, 16, MemorySyscalls.MS_SYNC));
    }
}

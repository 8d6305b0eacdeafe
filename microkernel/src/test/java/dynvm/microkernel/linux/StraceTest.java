package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

/** --strace lines in qemu-user's format: symbolic flags, quoted strings and buffers, errno texts. */
class StraceTest {
    @TempDir Path dir;

    private static String[] lines(Guest g) {
        return g.trace.toString(StandardCharsets.UTF_8).split("\n");
    }

    @Test
    void argumentsAreDecodedLikeQemu() {
        Guest g = new Guest(TestArch.ARM, dir, fd -> false, "", true);
        int path = g.str("t.txt");
        int fd = g.call("openat", PathResolver.AT_FDCWD, path, g.oflags(O_WRONLY | O_CREAT | O_TRUNC | O_LARGEFILE), 0644);
        g.call("write", fd, g.str("0123456789012345678901234567890123456789ABC\n"), 44);
        g.call("_llseek", fd, 0, 2, g.alloc(8), HostFile.SEEK_SET);
        g.call("fcntl64", fd, FdSyscalls.F_GETFL, 0);
        g.call("fcntl64", fd, FdSyscalls.F_SETFL, O_APPEND | O_NONBLOCK);
        g.call("fcntl64", fd, FdSyscalls.F_DUPFD_CLOEXEC, 10);
        g.call("close", fd);
        g.call("openat", PathResolver.AT_FDCWD, path, g.oflags(O_RDONLY | O_CLOEXEC | O_DIRECTORY), 0);
        g.call("mmap2", 0, 4096, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, AddressSpace.MAP_PRIVATE | AddressSpace.MAP_ANONYMOUS, -1, 0);
        g.call("faccessat2", PathResolver.AT_FDCWD, g.str("/"), StatSyscalls.R_OK | StatSyscalls.X_OK, StatSyscalls.AT_EACCESS);
        g.call("unlinkat", PathResolver.AT_FDCWD, g.str("nope"), DirSyscalls.AT_REMOVEDIR);
        g.call("mkdir", g.str("d"), 0755);
        g.call("ioctl", 1, TestArch.ARM.tcgets, 0x500000);
        g.call("kill", 4242, 0);
        g.call("clone", 0x01000000 | 0x00200000 | 17, 0, 0, 0, 0);
        g.call("getdents64", 77, 0, 10);
        g.call("sync_file_range2", 1, 2, 3, 1, 5, 0);
        g.call("preadv", 1, 0, 0, 7, 0);
        String[] l = lines(g);
        int i = 0;
        assertEquals("4242 openat(AT_FDCWD,\"t.txt\",O_WRONLY|O_CREAT|O_LARGEFILE|O_TRUNC,0644) = 3", l[i++]);
        assertEquals("4242 write(3,\"0123456789012345678901234567890123456789\"...,44) = 44", l[i++]);
        assertTrue(l[i++].matches("4242 _llseek\\(3,0,2,0x[0-9a-f]{8},SEEK_SET\\) = 0"));
        assertEquals("4242 fcntl64(3,F_GETFL) = " + g.oflags(O_WRONLY | O_LARGEFILE), l[i++]);
        assertEquals("4242 fcntl64(3,F_SETFL,O_RDONLY|O_APPEND|O_NONBLOCK) = 0", l[i++]);
        assertEquals("4242 fcntl64(3,F_DUPFD_CLOEXEC,10) = 10", l[i++]);
        assertEquals("4242 close(3) = 0", l[i++]);
        assertEquals("4242 openat(AT_FDCWD,\"t.txt\",O_RDONLY|O_DIRECTORY|O_CLOEXEC) = -1 errno=20 (Not a directory)", l[i++]);
        assertTrue(l[i++].matches("4242 mmap2\\(NULL,4096,PROT_READ\\|PROT_WRITE,MAP_PRIVATE\\|MAP_ANONYMOUS,-1,0\\) = 0x[0-9a-f]{8}"));
        assertEquals("4242 faccessat2(AT_FDCWD,\"/\",R_OK|X_OK,AT_EACCESS) = 0", l[i++]);
        assertEquals("4242 unlinkat(AT_FDCWD,\"nope\",AT_REMOVEDIR) = -1 errno=2 (No such file or directory)", l[i++]);
        assertEquals("4242 mkdir(\"d\",0755) = 0", l[i++]);
        assertEquals("4242 ioctl(1,TCGETS,0x00500000) = -1 errno=25 (Inappropriate ioctl for device)", l[i++]);
        assertTrue(l[i++].startsWith("4242 kill(4242,0) = "));
        assertTrue(l[i++].startsWith("4242 clone(CLONE_CHILD_CLEARTID|CLONE_CHILD_SETTID|SIGCHLD,NULL,NULL,NULL,NULL) = "));
        assertEquals("4242 getdents64(77,NULL,10) = -1 errno=9 (Bad file descriptor)", l[i++]);
        assertEquals("4242 sync_file_range2(1,2,4294967299,5) = 0", l[i++], "64-bit pairs joined");
        assertEquals("4242 preadv(1,NULL,0,7) = -1 errno=9 (Bad file descriptor)", l[i++], "low word, then high");
    }

    @Test
    void unsupportedAndUnknownCallsAreVisible() {
        Guest g = new Guest(TestArch.PPC32, dir, fd -> false, "", true);
        g.call("io_setup", 1, 2);
        g.call("ftruncate64", 9, 0, 1, 2);
        g.sys.call(null, 999, new int[]{0, 0, 0, 0, 0, 0});
        g.call("open", Guest.UNMAPPED, 0, 0);
        g.call("exit", 1);
        String[] l = lines(g);
        assertEquals("4242 io_setup(1,2,0,0,0,0) = -1 errno=38 (Function not implemented)", l[0], "no format: six decimals, like qemu");
        assertEquals("4242 ftruncate64(9,4294967298) = -1 errno=9 (Bad file descriptor)", l[1], "big-endian pair, high word first");
        assertEquals("4242 Unknown syscall 999 = -1 errno=38 (Function not implemented)", l[2]);
        assertEquals(String.format("4242 open(0x%08x,O_RDONLY) = -1 errno=14 (Bad address)", Guest.UNMAPPED), l[3]);
        assertEquals("4242 exit(1)", l[4]);
    }

    @Test
    void aCallThatMayBlockIsShownWhenItStartsAndItsResultWhenItReturns() throws Exception {
        Guest g = new Guest(TestArch.ARM, dir, fd -> false, "", true);
        int fds = g.alloc(8);
        g.call("pipe", fds);
        int r = g.read(fds, 8).getInt(0), w = g.read(fds, 8).getInt(4);
        int buf = g.alloc(8);
        Thread reader = new Thread(() -> g.call("read", r, buf, 8));
        reader.start();
        String started = "4242 read(" + r + "," + Strace.pointer(buf) + ",8)";
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!g.trace.toString(StandardCharsets.UTF_8).contains(started) && System.nanoTime() < deadline) Thread.sleep(5);
        Thread.sleep(50);
        assertTrue(reader.isAlive(), "the read waits for data");
        String mid = g.trace.toString(StandardCharsets.UTF_8);
        assertTrue(mid.endsWith(started), "the waiting call is visible without a result: " + mid);
        g.call("write", w, g.str("hi"), 2);
        reader.join(10_000);
        // other lines came between (the write, which may block too, runs while the read waits):
        // each result then repeats its call on a line of its own, no line is torn
        java.util.List<String> l = java.util.List.of(lines(g));
        assertEquals(started, l.get(1));
        assertTrue(l.contains("4242 write(" + w + ",\"hi\",2) = 2"), l.toString());
        assertTrue(l.contains(started + " = 2"), l.toString());
        for (String line : l) assertTrue(line.matches("4242 \\w+\\(.*\\)( = .*)?"), "whole lines only: " + l);
    }

    @Test
    void aCallThatMayBlockEndsOnItsOwnLineWhenNothingCameBetween() {
        Guest g = new Guest(TestArch.ARM, dir, fd -> false, "x", true);
        int buf = g.alloc(8);
        g.call("read", 0, buf, 8);
        g.call("getpid");
        String[] l = lines(g);
        assertEquals("4242 read(0," + Strace.pointer(buf) + ",8) = 1", l[0]);
        assertEquals("4242 getpid() = 4242", l[1]);
    }
}

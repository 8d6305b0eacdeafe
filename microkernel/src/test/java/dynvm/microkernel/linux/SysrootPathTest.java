package dynvm.microkernel.linux;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dynvm.microkernel.linux.OpenFlags.*;
import static org.junit.jupiter.api.Assertions.*;

/** qemu-user's -L rule: absolute guest paths come from the sysroot when they exist there, else from the host. */
class SysrootPathTest {
    @TempDir Path tmp;

    /** A host directory {@code host/} and a sysroot holding a file at the same absolute path. */
    private Path host, root;

    private Guest guest() throws Exception {
        host = Files.createDirectories(tmp.resolve("host"));
        root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(host.resolve("both.txt"), "host");
        Files.writeString(host.resolve("hostonly.txt"), "host only");
        Path inRoot = root.resolve(host.toString().substring(1));
        Files.createDirectories(inRoot);
        Files.writeString(inRoot.resolve("both.txt"), "sysroot!");
        Files.createSymbolicLink(inRoot.resolve("link"), Path.of("both.txt"));
        return new Guest(TestArch.ARM, tmp, root);
    }

    private String read(Guest g, String path) {
        int fd = g.call("openat", PathResolver.AT_FDCWD, g.str(path), g.oflags(O_RDONLY), 0);
        assertTrue(fd >= 0, "open " + path + ": " + fd);
        int buf = g.alloc(64);
        int n = g.call("read", fd, buf, 64);
        g.call("close", fd);
        return g.string(buf, n);
    }

    @Test
    void openPrefersTheSysrootAndFallsBackToTheHost() throws Exception {
        Guest g = guest();
        assertEquals("sysroot!", read(g, host + "/both.txt"));
        assertEquals("host only", read(g, host + "/hostonly.txt"));
        assertEquals("host", read(g, "host/both.txt"), "relative paths are never redirected");
    }

    @Test
    void statAccessAndReadlinkSeeTheSysroot() throws Exception {
        Guest g = guest();
        int st = g.alloc(144);
        assertEquals(0, g.call("stat64", g.str(host + "/both.txt"), st));
        assertEquals(8, g.read(st, 144).getLong(48), "size of the sysroot's file");
        assertEquals(0, g.call("access", g.str(host + "/link"), 4));
        int buf = g.alloc(64);
        assertEquals(8, g.call("readlink", g.str(host + "/link"), buf, 64));
        assertEquals("both.txt", g.string(buf, 8));
        assertEquals(-Errno.ENOENT, g.call("access", g.str(host + "/nowhere"), 0));
    }

    @Test
    void createdFilesAndNamespaceChangesGoToTheHost() throws Exception {
        Guest g = guest();
        int fd = g.call("openat", PathResolver.AT_FDCWD, g.str(host + "/new.txt"), g.oflags(O_CREAT | O_WRONLY), 0644);
        assertTrue(fd >= 0);
        assertEquals(2, g.call("write", fd, g.str("hi"), 2));
        g.call("close", fd);
        assertEquals("hi", Files.readString(host.resolve("new.txt"), StandardCharsets.UTF_8));
        assertFalse(Files.exists(root.resolve(host.toString().substring(1)).resolve("new.txt")));
        assertEquals(0, g.call("unlink", g.str(host + "/both.txt")));
        assertFalse(Files.exists(host.resolve("both.txt")), "the host's file went");
        assertEquals("sysroot!", read(g, host + "/both.txt"), "the sysroot is never changed");
    }
}

package dynvm.microkernel.linux;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.Map;

/**
 * The extended-attribute calls on host files. The "user." namespace is the host file's own
 * (the JDK's user-defined attribute view, which on Linux is exactly user.* xattrs); other
 * namespaces (security., system., trusted.) read as absent (ENODATA), as on a file without
 * SELinux labels or ACLs, so {@code ls -l} stays quiet, and cannot be set (ENOTSUP). Descriptors
 * with no host file (pipes, sockets) have no attributes (ENOTSUP).
 */
final class XattrSyscalls implements Syscall.Group {
    static final int ENODATA = 61, ERANGE = 34, XATTR_CREATE = 1, XATTR_REPLACE = 2, XATTR_SIZE_MAX = 65536;
    private static final String USER = "user.";

    private final GuestProcess p;

    XattrSyscalls(GuestProcess p) { this.p = p; }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("getxattr", a -> get(path(a[0], true), true, a[1], a[2], a[3]));
        t.put("lgetxattr", a -> get(path(a[0], false), false, a[1], a[2], a[3]));
        t.put("fgetxattr", a -> get(fdPath(a[0]), true, a[1], a[2], a[3]));
        t.put("listxattr", a -> list(path(a[0], true), true, a[1], a[2]));
        t.put("llistxattr", a -> list(path(a[0], false), false, a[1], a[2]));
        t.put("flistxattr", a -> list(fdPath(a[0]), true, a[1], a[2]));
        t.put("setxattr", a -> set(path(a[0], true), true, a[1], a[2], a[3], a[4]));
        t.put("lsetxattr", a -> set(path(a[0], false), false, a[1], a[2], a[3], a[4]));
        t.put("fsetxattr", a -> set(fdPath(a[0]), true, a[1], a[2], a[3], a[4]));
        t.put("removexattr", a -> remove(path(a[0], true), true, a[1]));
        t.put("lremovexattr", a -> remove(path(a[0], false), false, a[1]));
        t.put("fremovexattr", a -> remove(fdPath(a[0]), true, a[1]));
    }

    /** The host path of an existing file (ENOENT otherwise). */
    private Path path(int addr, boolean follow) {
        Path h = p.paths.resolve(PathResolver.AT_FDCWD, p.view.path(addr));
        if (!(follow ? Files.exists(h) : Files.exists(h, LinkOption.NOFOLLOW_LINKS))) throw new SysErr(Errno.ENOENT);
        return h;
    }

    private Path fdPath(int fd) {
        Path h = p.fds.get(fd).path();
        if (h == null) throw new SysErr(Errno.ENOTSUP);
        return h;
    }

    private String name(int addr) {
        String n = p.view.path(addr);
        if (n.isEmpty() || n.length() > 255) throw new SysErr(ERANGE);
        return n;
    }

    private static UserDefinedFileAttributeView view(Path h, boolean follow) {
        UserDefinedFileAttributeView v = follow ? Files.getFileAttributeView(h, UserDefinedFileAttributeView.class)
                : Files.getFileAttributeView(h, UserDefinedFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (v == null) throw new SysErr(Errno.ENOTSUP);
        return v;
    }

    private int get(Path h, boolean follow, int nameAddr, int value, int size) throws IOException {
        String n = name(nameAddr);
        if (!n.startsWith(USER)) return -ENODATA;
        UserDefinedFileAttributeView v = view(h, follow);
        String key = n.substring(USER.length());
        ByteBuffer b;
        try {
            if (!v.list().contains(key)) return -ENODATA;
            b = ByteBuffer.allocate(v.size(key));
            v.read(key, b);
        } catch (FileSystemException e) {
            return -errno(e);
        }
        int len = b.position();
        if (size == 0) return len;
        if (size < len) return -ERANGE;
        p.view.write(value, b.array(), 0, len);
        return len;
    }

    private int list(Path h, boolean follow, int listAddr, int size) throws IOException {
        StringBuilder sb = new StringBuilder();
        try {
            for (String k : view(h, follow).list()) sb.append(USER).append(k).append('\0');
        } catch (FileSystemException e) {
            return -errno(e);
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (size == 0) return b.length;
        if (size < b.length) return -ERANGE;
        p.view.write(listAddr, b);
        return b.length;
    }

    private int set(Path h, boolean follow, int nameAddr, int value, int size, int flags) throws IOException {
        String n = name(nameAddr);
        if ((flags & ~(XATTR_CREATE | XATTR_REPLACE)) != 0) return -Errno.EINVAL;
        if (size < 0 || size > XATTR_SIZE_MAX) return -Errno.E2BIG;
        if (!n.startsWith(USER)) return -Errno.ENOTSUP;
        byte[] data = size == 0 ? new byte[0] : p.view.read(value, size);
        UserDefinedFileAttributeView v = view(h, follow);
        String key = n.substring(USER.length());
        try {
            boolean exists = v.list().contains(key);
            if ((flags & XATTR_CREATE) != 0 && exists) return -Errno.EEXIST;
            if ((flags & XATTR_REPLACE) != 0 && !exists) return -ENODATA;
            v.write(key, ByteBuffer.wrap(data));
        } catch (FileSystemException e) {
            return -errno(e);
        }
        return 0;
    }

    private int remove(Path h, boolean follow, int nameAddr) throws IOException {
        String n = name(nameAddr);
        if (!n.startsWith(USER)) return -ENODATA;
        UserDefinedFileAttributeView v = view(h, follow);
        String key = n.substring(USER.length());
        try {
            if (!v.list().contains(key)) return -ENODATA;
            v.delete(key);
        } catch (FileSystemException e) {
            return -errno(e);
        }
        return 0;
    }

    /** The host's reason for a failed attribute call (not supported here, no permission, ...). */
    private static int errno(FileSystemException e) {
        String r = e.getReason();
        if (r != null && r.contains("not supported")) return Errno.ENOTSUP;
        if (r != null && r.contains("No data")) return ENODATA;
        return Errno.of(e);
    }
}

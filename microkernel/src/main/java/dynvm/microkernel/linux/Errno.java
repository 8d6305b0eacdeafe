package dynvm.microkernel.linux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Linux errno values (identical on ARM and PowerPC for all of these), their names, and host-error mapping. */
public final class Errno {
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, ENXIO = 6, E2BIG = 7,
            ENOEXEC = 8, EBADF = 9, ECHILD = 10, EAGAIN = 11, ENOMEM = 12, EACCES = 13, EFAULT = 14,
            EBUSY = 16, EEXIST = 17, EXDEV = 18, ENODEV = 19, ENOTDIR = 20, EISDIR = 21, EINVAL = 22,
            ENFILE = 23, EMFILE = 24, ENOTTY = 25, EFBIG = 27, ENOSPC = 28, ESPIPE = 29, EROFS = 30,
            EMLINK = 31, EPIPE = 32, ERANGE = 34, ENAMETOOLONG = 36, ENOSYS = 38, ENOTEMPTY = 39,
            ELOOP = 40, EOVERFLOW = 75, ENOTSOCK = 88, EAFNOSUPPORT = 97, EINPROGRESS = 115, ELIBBAD = 80, ENOTSUP = 95, ETIMEDOUT = 110;

    private static final String[][] TABLE = {
            {"EPERM", "Operation not permitted"}, {"ENOENT", "No such file or directory"},
            {"ESRCH", "No such process"}, {"EINTR", "Interrupted system call"}, {"EIO", "Input/output error"},
            {"ENXIO", "No such device or address"}, {"E2BIG", "Argument list too long"},
            {"ENOEXEC", "Exec format error"}, {"EBADF", "Bad file descriptor"}, {"ECHILD", "No child processes"},
            {"EAGAIN", "Resource temporarily unavailable"}, {"ENOMEM", "Cannot allocate memory"},
            {"EACCES", "Permission denied"}, {"EFAULT", "Bad address"}, {"ENOTBLK", "Block device required"},
            {"EBUSY", "Device or resource busy"}, {"EEXIST", "File exists"}, {"EXDEV", "Invalid cross-device link"},
            {"ENODEV", "No such device"}, {"ENOTDIR", "Not a directory"}, {"EISDIR", "Is a directory"},
            {"EINVAL", "Invalid argument"}, {"ENFILE", "Too many open files in system"},
            {"EMFILE", "Too many open files"}, {"ENOTTY", "Inappropriate ioctl for device"},
            {"ETXTBSY", "Text file busy"}, {"EFBIG", "File too large"}, {"ENOSPC", "No space left on device"},
            {"ESPIPE", "Illegal seek"}, {"EROFS", "Read-only file system"}, {"EMLINK", "Too many links"},
            {"EPIPE", "Broken pipe"}, {"EDOM", "Numerical argument out of domain"},
            {"ERANGE", "Numerical result out of range"}, {"EDEADLK", "Resource deadlock avoided"},
            {"ENAMETOOLONG", "File name too long"}, {"ENOLCK", "No locks available"},
            {"ENOSYS", "Function not implemented"}, {"ENOTEMPTY", "Directory not empty"},
            {"ELOOP", "Too many levels of symbolic links"},
    };

    private Errno() {}

    /** "ENOENT" for 2; "E<n>" when unnamed here. */
    public static String name(int errno) {
        if (errno >= 1 && errno <= TABLE.length) return TABLE[errno - 1][0];
        if (errno == EOVERFLOW) return "EOVERFLOW";
        if (errno == ELIBBAD) return "ELIBBAD";
        if (errno == ENOTSUP) return "EOPNOTSUPP";
        if (errno == ETIMEDOUT) return "ETIMEDOUT";
        return "E" + errno;
    }

    /** The strerror text. */
    public static String message(int errno) {
        if (errno >= 1 && errno <= TABLE.length) return TABLE[errno - 1][1];
        return switch (errno) {
            case EOVERFLOW -> "Value too large for defined data type";
            case ELIBBAD -> "Accessing a corrupted shared library";
            case ENOTSUP -> "Operation not supported";
            case ETIMEDOUT -> "Connection timed out";
            case 42 -> "No message of desired type";
            case 61 -> "No data available";
            case 88 -> "Socket operation on non-socket";
            case 89 -> "Destination address required";
            case 90 -> "Message too long";
            case 91 -> "Protocol wrong type for socket";
            case 92 -> "Protocol not available";
            case 93 -> "Protocol not supported";
            case 94 -> "Socket type not supported";
            case 97 -> "Address family not supported by protocol";
            case 98 -> "Address already in use";
            case 99 -> "Cannot assign requested address";
            case 101 -> "Network is unreachable";
            case 103 -> "Software caused connection abort";
            case 104 -> "Connection reset by peer";
            case 105 -> "No buffer space available";
            case 106 -> "Transport endpoint is already connected";
            case 107 -> "Transport endpoint is not connected";
            case 108 -> "Cannot send after transport endpoint shutdown";
            case 111 -> "Connection refused";
            case 113 -> "No route to host";
            case 114 -> "Operation already in progress";
            case 115 -> "Operation now in progress";
            default -> "Unknown error " + errno;
        };
    }

    /** Best errno for a host I/O failure. The JDK keeps strerror text as the reason, which we match. */
    public static int of(IOException e) {
        if (e instanceof NoSuchFileException) return ENOENT;
        if (e instanceof FileAlreadyExistsException) return EEXIST;
        if (e instanceof AccessDeniedException) return EACCES;
        if (e instanceof DirectoryNotEmptyException) return ENOTEMPTY;
        if (e instanceof NotDirectoryException) return ENOTDIR;
        if (e instanceof NotLinkException) return EINVAL;
        String reason = e instanceof FileSystemException fse ? fse.getReason() : e.getMessage();
        if (reason != null)
            for (int i = 0; i < TABLE.length; i++)
                if (reason.contains(TABLE[i][1])) return i + 1;
        return EIO;
    }

    static int of(UncheckedIOException e) { return of(e.getCause()); }
}

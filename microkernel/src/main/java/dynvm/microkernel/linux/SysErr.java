package dynvm.microkernel.linux;

/** Ends a syscall early with {@code -errno}; guest behaviour, so no stack trace. */
final class SysErr extends RuntimeException {
    final int errno;

    SysErr(int errno) {
        super(Errno.name(errno), null, false, false);
        this.errno = errno;
    }
}

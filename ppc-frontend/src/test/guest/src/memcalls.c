/* memfd_create, mremap, mlock*, mincore, madvise, personality, capget, splice/tee/vmsplice:
 * what the goldens (qemu-ppc, qemu-arm) print. Addresses are never printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(int r) { return r < 0 ? strerror(errno) : "ok"; }

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    long pg = sysconf(_SC_PAGESIZE);

    /* memfd */
    int fd = memfd_create("buf", MFD_CLOEXEC);
    printf("memfd: %d\n", fd >= 0);
    printf("ftruncate: %s\n", err(ftruncate(fd, 2 * pg)));
    struct stat st;
    fstat(fd, &st);
    printf("size: %lld regular: %d\n", (long long) st.st_size, S_ISREG(st.st_mode));
    printf("write: %zd\n", pwrite(fd, "hello", 5, 0));
    char *m = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    printf("mmap: %d sees '%.5s'\n", m != MAP_FAILED, m);
    memcpy(m + pg, "page2", 5);
    msync(m, 2 * pg, MS_SYNC);
    char b[16] = {0};
    printf("pread after msync: %zd '%s'\n", pread(fd, b, 5, pg), b);
    munmap(m, 2 * pg);
    int fl = fcntl(fd, F_GETFD);
    printf("cloexec: %d\n", (fl & FD_CLOEXEC) != 0);
    close(fd);
    printf("bad flags: %s\n", err(memfd_create("x", 0x100)));

    /* mremap */
    char *a = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(a, "data");
    printf("shrink in place: %d\n", mremap(a, 2 * pg, pg, 0) == a);
    char *big = mremap(a, pg, 64 * pg, MREMAP_MAYMOVE);
    printf("grow: %d keeps '%s' zero tail %d\n", big != MAP_FAILED, big, big[63 * pg]);
    char *fixed = mmap(NULL, 4 * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *to = mremap(big, 64 * pg, 4 * pg, MREMAP_MAYMOVE | MREMAP_FIXED, fixed);
    printf("fixed move: %d keeps '%s'\n", to == fixed, to);
    printf("no move allowed: %s\n", mremap(to, 4 * pg, 1 << 28, 0) == MAP_FAILED ? strerror(errno) : "grew");
    printf("unaligned: %s\n", mremap(to + 1, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED ? strerror(errno) : "ok");
    printf("fixed without maymove: %s\n", mremap(to, pg, pg, MREMAP_FIXED, fixed + 8 * pg) == MAP_FAILED ? strerror(errno) : "ok");

    /* locks, mincore, madvise */
    printf("mlock: %s munlock: %s\n", err(mlock(to, pg)), err(munlock(to, pg)));
    /* mlockall(MCL_CURRENT) is not printed: on a host it depends on RLIMIT_MEMLOCK (qemu locks itself) */
    printf("munlockall: %s\n", err(munlockall()));
    printf("mlockall(0): %s\n", err(mlockall(0)));
    unsigned char vec[4];
    printf("mincore: %s resident: %d\n", err(mincore(to, 4 * pg, vec)), vec[0] & 1);
    printf("mincore unaligned: %s\n", err(mincore(to + 1, pg, vec)));
    printf("madvise: %s %s %s\n", err(madvise(to, pg, MADV_WILLNEED)), err(madvise(to, pg, MADV_SEQUENTIAL)),
           err(madvise(to, pg, MADV_DONTFORK)));
    /* an unknown advice is EINVAL on Linux, but qemu-user accepts every advice: not printed (unit-tested) */

    /* personality, capabilities */
    printf("personality: %d\n", personality(0xffffffff));
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    memset(d, 0xff, sizeof d);
    long r = syscall(SYS_capget, &h, d);
    printf("capget: %ld\n", r); /* the sets depend on who runs it */
    h.version = 0x1234;
    r = syscall(SYS_capget, &h, NULL);
    printf("capget probe: %ld version=%x\n", r, h.version);

    /* splice, tee, vmsplice */
    int p1[2], p2[2];
    pipe(p1);
    pipe(p2);
    char path[] = "/tmp/dynvm-memcalls-XXXXXX";
    int f = mkstemp(path);
    unlink(path);
    write(f, "0123456789", 10);
    loff_t off = 2;
    printf("splice file->pipe: %zd off=%lld\n", splice(f, &off, p1[1], NULL, 5, 0), (long long) off);
    printf("tee: %zd\n", tee(p1[0], p2[1], 100, 0));
    memset(b, 0, sizeof b);
    printf("read tee copy: %zd '%s'\n", read(p2[0], b, sizeof b), b);
    int g = open("/dev/null", O_WRONLY);
    printf("splice pipe->devnull: %zd\n", splice(p1[0], NULL, g, NULL, 100, 0));
    printf("splice empty nonblock: %s\n", err(splice(p1[0], NULL, g, NULL, 100, SPLICE_F_NONBLOCK)));
    struct iovec iv[2] = {{"ab", 2}, {"cd", 2}};
    printf("vmsplice in: %zd\n", vmsplice(p1[1], iv, 2, 0));
    memset(b, 0, sizeof b);
    printf("read: %zd '%s'\n", read(p1[0], b, sizeof b), b);
    printf("neither a pipe: %s\n", err(splice(f, NULL, g, NULL, 5, 0)));
    printf("offset on a pipe: %s\n", err(splice(p1[0], &off, g, NULL, 5, 0)));
    printf("tee on a file: %s\n", err(tee(f, p2[1], 5, 0)));
    printf("vmsplice on a file: %s\n", err(vmsplice(f, iv, 1, 0)));
    return 0;
}

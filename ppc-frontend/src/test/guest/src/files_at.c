/* The *at calls relative to a directory descriptor, getdents64 across small buffers (and readdir),
   symlink/readlink, link, rename/renameat2, truncate, utimensat, statfs, pread/pwrite with 64-bit
   offsets, preadv/pwritev, sendfile, fcntl locks, and poll/select on a pipe. argv[1] is an empty
   scratch directory; everything made in it is removed again. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <unistd.h>

static void r(const char *what, long v) {
    if (v < 0) printf("%s = -1 %s\n", what, strerrorname_np(errno));
    else printf("%s = %ld\n", what, v);
}

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static char type_char(unsigned char t) {
    switch (t) { case DT_REG: return 'f'; case DT_DIR: return 'd'; case DT_LNK: return 'l'; case DT_FIFO: return 'p'; default: return '?'; }
}

/* getdents64 with a small buffer: many calls, each resuming where the last stopped */
static void list_raw(int dfd) {
    char buf[160], *names[64];
    int n = 0, calls = 0;
    lseek(dfd, 0, SEEK_SET);
    for (;;) {
        long got = syscall(SYS_getdents64, dfd, buf, sizeof buf);
        if (got <= 0) { if (got < 0) r("getdents64", got); break; }
        calls++;
        for (long at = 0; at < got;) {
            struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; } *d = (void *)(buf + at);
            if (d->reclen % 8) printf("misaligned record\n");
            char *s = malloc(strlen(d->name) + 3);
            sprintf(s, "%s %c", d->name, type_char(d->type));
            names[n++] = s;
            at += d->reclen;
        }
    }
    qsort(names, n, sizeof *names, cmpstr);
    printf("raw listing: %d entries, more than one call %d\n", n, calls > 1);
    for (int i = 0; i < n; i++) { printf("  %s\n", names[i]); free(names[i]); }
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: files_at DIR\n"); return 2; }
    umask(022);
    int base = open(argv[1], O_RDONLY | O_DIRECTORY);
    r("open base", base >= 0 ? 0 : -1);
    r("mkdirat d", mkdirat(base, "d", 0750));
    r("mkdirat d again", mkdirat(base, "d", 0750));
    int d = openat(base, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    r("openat d", d >= 0 ? 0 : -1);
    int fd = openat(d, "a.txt", O_CREAT | O_WRONLY | O_TRUNC, 0666);
    r("write", write(fd, "hello, world\n", 13));
    close(fd);
    struct stat st;
    r("fstatat", fstatat(d, "a.txt", &st, 0));
    printf("size %lld mode %o reg %d nlink %d\n", (long long)st.st_size, st.st_mode & 0777, S_ISREG(st.st_mode), (int)st.st_nlink);
    r("fstatat missing", fstatat(d, "missing", &st, 0));
    r("openat via file", openat(openat(d, "a.txt", O_RDONLY), "x", O_RDONLY));
    r("faccessat R_OK", faccessat(d, "a.txt", R_OK, 0));
    r("faccessat missing", faccessat(d, "nope", F_OK, 0));
    r("fchmodat", fchmodat(d, "a.txt", 0600, 0));
    fstatat(d, "a.txt", &st, 0);
    printf("mode now %o\n", st.st_mode & 0777);

    /* links */
    r("symlinkat", symlinkat("a.txt", d, "ln"));
    char lb[64];
    long n = readlinkat(d, "ln", lb, sizeof lb);
    r("readlinkat", n);
    if (n >= 0) printf("target [%.*s]\n", (int)n, lb);
    r("readlinkat on file", readlinkat(d, "a.txt", lb, sizeof lb));
    r("fstatat nofollow", fstatat(d, "ln", &st, AT_SYMLINK_NOFOLLOW));
    printf("is link %d size %lld\n", S_ISLNK(st.st_mode), (long long)st.st_size);
    r("linkat", linkat(d, "a.txt", d, "hard", 0));
    fstatat(d, "a.txt", &st, 0);
    printf("nlink %d\n", (int)st.st_nlink);
    r("symlinkat loop1", symlinkat("loop2", d, "loop1"));
    r("symlinkat loop2", symlinkat("loop1", d, "loop2"));
    r("openat loop", openat(d, "loop1", O_RDONLY));
    r("openat nofollow", openat(d, "ln", O_RDONLY | O_NOFOLLOW));

    /* directories and listing */
    r("mkdirat sub", mkdirat(d, "sub", 0755));
    for (int i = 0; i < 12; i++) {
        char name[32];
        sprintf(name, "file-%02d-with-a-longer-name", i);
        close(openat(d, name, O_CREAT | O_WRONLY, 0644));
    }
    list_raw(d);
    lseek(d, 0, SEEK_SET);
    DIR *dp = fdopendir(dup(d));
    int count = 0, dirs = 0;
    struct dirent *de;
    while ((de = readdir(dp))) { count++; if (de->d_type == DT_DIR) dirs++; }
    closedir(dp);
    printf("readdir: %d entries, %d directories\n", count, dirs);

    /* rename */
    r("renameat", renameat(d, "hard", d, "sub/hard2"));
    r("renameat2 noreplace", renameat2(d, "a.txt", d, "sub/hard2", RENAME_NOREPLACE));
    r("renameat2 exchange-bad-flags", renameat2(d, "a.txt", d, "b.txt", 0x80));
    r("renameat2 new", renameat2(d, "a.txt", d, "b.txt", RENAME_NOREPLACE));
    r("rename dir over nonempty", renameat(d, "sub", base, "d"));
    r("unlinkat dir without flag", unlinkat(d, "sub", 0));
    r("unlinkat nonempty", unlinkat(d, "sub", AT_REMOVEDIR));
    r("unlinkat file as dir", unlinkat(d, "b.txt", AT_REMOVEDIR));

    /* sizes and times */
    r("truncate", truncate(argv[1], 0) == 0 ? 0 : -1);   /* a directory: EISDIR */
    fd = openat(d, "b.txt", O_RDWR);
    r("ftruncate 5", ftruncate(fd, 5));
    char path[4096];
    snprintf(path, sizeof path, "%s/d/b.txt", argv[1]);
    r("truncate 3", truncate(path, 3));
    r("fstat", fstat(fd, &st));
    printf("size %lld\n", (long long)st.st_size);
    r("pwrite at 5G", pwrite(fd, "far", 3, 5LL << 30));
    fstat(fd, &st);
    printf("size %lld\n", (long long)st.st_size);
    char pb[8] = {0};
    r("pread at 5G", pread(fd, pb, 3, 5LL << 30));
    printf("read [%s]\n", pb);
    r("ftruncate back", ftruncate(fd, 3));
    struct iovec iov[2] = {{"AB", 2}, {"CDE", 3}};
    r("pwritev", pwritev(fd, iov, 2, 1));
    char v1[3] = {0}, v2[4] = {0};
    struct iovec rv[2] = {{v1, 2}, {v2, 3}};
    r("preadv", preadv(fd, rv, 2, 0));
    printf("preadv [%s][%s] offset %ld\n", v1, v2, (long)lseek(fd, 0, SEEK_CUR));
    struct timespec ts[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    r("utimensat", utimensat(d, "b.txt", ts, 0));
    fstatat(d, "b.txt", &st, 0);
    printf("atime %ld.%09ld mtime %ld.%09ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec, (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {42, 0}};
    r("utimensat omit", utimensat(d, "b.txt", omit, 0));
    fstatat(d, "b.txt", &st, 0);
    printf("atime %ld mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
    r("futimens", futimens(fd, ts));
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    r("utimensat bad nsec", utimensat(d, "b.txt", bad, 0));
    struct timeval tv[2] = {{100, 5}, {200, 6}};
    r("utimes", utimes(path, tv));
    fstatat(d, "b.txt", &st, 0);
    printf("mtime %ld.%09ld\n", (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);

    /* sendfile */
    int out = openat(d, "copy.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);
    off_t off = 1;
    r("sendfile", sendfile(out, fd, &off, 100));
    printf("offset after %lld\n", (long long)off);
    close(out);

    /* locks */
    struct flock fl = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
    r("F_GETLK", fcntl(fd, F_GETLK, &fl));
    printf("l_type unlocked %d\n", fl.l_type == F_UNLCK);
    fl.l_type = F_WRLCK;
    r("F_SETLK", fcntl(fd, F_SETLK, &fl));
    close(fd);

    /* statfs */
    struct statfs sf;
    r("statfs", statfs(argv[1], &sf));
    printf("bsize>0 %d blocks>0 %d bavail<=blocks %d namelen %ld\n", sf.f_bsize > 0, sf.f_blocks > 0,
           sf.f_bavail <= sf.f_blocks, (long)sf.f_namelen);
    r("statfs missing", statfs("/no/such/dir", &sf));

    /* poll and select on a pipe, single process */
    int p[2];
    r("pipe", pipe(p));
    struct pollfd pf[2] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}};
    r("poll empty", poll(pf, 1, 0));
    r("poll timeout", poll(pf, 1, 10));
    r("poll both", poll(pf, 2, -1));
    printf("revents %#x %#x\n", pf[0].revents, pf[1].revents);
    write(p[1], "x", 1);
    r("poll ready", poll(pf, 1, -1));
    printf("revents %#x\n", pf[0].revents);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval zero = {0, 0};
    r("select ready", select(p[0] + 1, &rs, NULL, NULL, &zero));
    printf("isset %d\n", FD_ISSET(p[0], &rs));
    char c;
    read(p[0], &c, 1);
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval shortwait = {0, 10000};
    r("select empty", select(p[0] + 1, &rs, NULL, NULL, &shortwait));
    printf("isset %d\n", FD_ISSET(p[0], &rs));
    close(p[1]);
    r("poll hangup", poll(pf, 1, -1));
    printf("revents %#x\n", pf[0].revents);
    close(p[0]);
    struct pollfd bad_fd = {99, POLLIN, 0};
    r("poll closed fd", poll(&bad_fd, 1, 0));
    printf("revents %#x\n", bad_fd.revents);

    /* clean up */
    const char *files[] = {"sub/hard2", "b.txt", "copy.txt", "ln", "loop1", "loop2"};
    for (unsigned i = 0; i < sizeof files / sizeof *files; i++) unlinkat(d, files[i], 0);
    for (int i = 0; i < 12; i++) {
        char name[32];
        sprintf(name, "file-%02d-with-a-longer-name", i);
        unlinkat(d, name, 0);
    }
    r("rmdir sub", unlinkat(d, "sub", AT_REMOVEDIR));
    close(d);
    r("rmdir d", unlinkat(base, "d", AT_REMOVEDIR));
    return 0;
}

/* What a program learns about itself from /proc: its descriptors (/proc/self/fd, with readlink
 * and re-opening one), its auxv (/proc/self/auxv against getauxval), its program and arguments
 * (exe, cmdline), and the first lines of /proc/cpuinfo. Output is the same on every host: pipe
 * inode numbers, pids and paths are reduced to what does not vary.
 * Usage: procfs FILE [ARGS...] */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

static const char *base(const char *p) {
    const char *s = strrchr(p, '/');
    return s ? s + 1 : p;
}

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
    char buf[4096], path[256];
    ssize_t n;
    if (argc < 2) {
        fprintf(stderr, "usage: procfs FILE [ARGS...]\n");
        return 2;
    }

    n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("exe: %s\n", n < 0 ? "(error)" : base(buf));

    int fd = open("/proc/self/cmdline", O_RDONLY);
    n = fd < 0 ? -1 : read(fd, buf, sizeof buf);
    if (fd >= 0) close(fd);
    printf("cmdline:");
    for (ssize_t i = 0, start = 0; i < n; i++) {
        if (buf[i] == 0) {
            printf(" [%s]", start == 0 ? base(buf) : buf + start);
            start = i + 1;
        }
    }
    printf("\n");

    n = readlink("/proc/self", buf, sizeof buf - 1);
    buf[n < 0 ? 0 : n] = 0;
    printf("self is getpid: %s\n", n > 0 && atoi(buf) == getpid() ? "yes" : "no");

    /* descriptors: a pipe and the file, then the listing's own */
    int p[2];
    if (pipe(p) != 0) return 1;
    int file = open(argv[1], O_RDONLY);
    DIR *d = opendir("/proc/self/fd");
    if (!d) {
        printf("opendir /proc/self/fd failed\n");
        return 1;
    }
    int fds[256], count = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && count < 256)
        if (e->d_name[0] != '.') fds[count++] = atoi(e->d_name);
    qsort(fds, count, sizeof fds[0], cmp);
    snprintf(path, sizeof path, "/proc/%d/fd", getpid());
    for (int i = 0; i < count; i++) {
        char link[64];
        if (fds[i] < 3) continue;
        snprintf(link, sizeof link, "/proc/self/fd/%d", fds[i]);
        n = readlink(link, buf, sizeof buf - 1);
        buf[n < 0 ? 0 : n] = 0;
        const char *what = n < 0 ? "(unreadable)"
                : strncmp(buf, "pipe:[", 6) == 0 ? "pipe:[N]"
                : strcmp(buf, path) == 0 ? "/proc/PID/fd (the listing)"
                : fds[i] == file ? base(buf) : buf;
        printf("fd %d%s: %s\n", fds[i], fds[i] == p[0] ? " (pipe read end)" : fds[i] == p[1] ? " (pipe write end)" : "", what);
    }
    closedir(d);

    /* re-opening the pipe's write end through /proc writes into the same pipe */
    snprintf(path, sizeof path, "/proc/self/fd/%d", p[1]);
    int w = open(path, O_WRONLY);
    n = w < 0 ? -1 : write(w, "hi", 2);
    n = n == 2 ? read(p[0], buf, sizeof buf - 1) : -1;
    buf[n < 0 ? 0 : n] = 0;
    printf("write through /proc/self/fd/%d: %s\n", p[1], n == 2 ? buf : "(failed)");
    /* re-opening the file starts at offset 0 again */
    lseek(file, 3, SEEK_SET);
    snprintf(path, sizeof path, "/proc/self/fd/%d", file);
    int again = open(path, O_RDONLY);
    n = again < 0 ? -1 : read(again, buf, 5);
    buf[n < 0 ? 0 : n] = 0;
    printf("reopened file reads from 0: %s\n", n == 5 ? buf : "(failed)");

    /* auxv */
    fd = open("/proc/self/auxv", O_RDONLY);
    n = fd < 0 ? -1 : read(fd, buf, sizeof buf);
    if (fd >= 0) close(fd);
    unsigned long hwcap = 0, pagesz = 0, phent = 0, clktck = 0, entries = 0, platform = 0;
    int ended = 0;
    for (ssize_t i = 0; i + 8 <= n; i += 8) {
        unsigned long t, v;
        memcpy(&t, buf + i, 4);
        memcpy(&v, buf + i + 4, 4);
        entries++;
        if (t == AT_NULL) { ended = 1; break; }
        if (t == AT_HWCAP) hwcap = v;
        if (t == AT_PAGESZ) pagesz = v;
        if (t == AT_PHENT) phent = v;
        if (t == AT_CLKTCK) clktck = v;
        if (t == AT_PLATFORM) platform = v;
    }
    printf("auxv: ends with AT_NULL: %s\n", ended ? "yes" : "no");
    printf("auxv: AT_PAGESZ=%lu AT_PHENT=%lu AT_CLKTCK=%lu\n", pagesz, phent, clktck);
    printf("auxv: AT_HWCAP equals getauxval: %s\n", hwcap == getauxval(AT_HWCAP) ? "yes" : "no");
    printf("auxv: AT_PLATFORM equals getauxval: %s\n", platform == getauxval(AT_PLATFORM) ? "yes" : "no");
    printf("model: AT_HWCAP=0x%08lx AT_PLATFORM=%s\n", hwcap, platform ? (const char *)platform : "(none)");

    /* cpuinfo: the first lines, and the line that names the features or the core */
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f) {
        printf("cpuinfo: cannot open\n");
        return 1;
    }
    int line = 0;
    while (fgets(buf, sizeof buf, f)) {
        line++;
        if (line <= 2 || strncmp(buf, "Features", 8) == 0 || strncmp(buf, "CPU part", 8) == 0 || strncmp(buf, "revision", 8) == 0)
            printf("cpuinfo: %s", buf);
    }
    fclose(f);
    return 0;
}

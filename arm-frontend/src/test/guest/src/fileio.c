/* File I/O. argv[1]: a file to create (relative names land in the cwd), write,
   read back, seek in, rename and unlink. argv[2] (optional): an existing file to
   read with stdio and with raw syscalls. Only names' basenames are printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static const char *base(const char *p) { const char *s = strrchr(p, '/'); return s ? s + 1 : p; }

static unsigned sum_bytes(const unsigned char *p, size_t n)
{
    unsigned h = 5381;
    for (size_t i = 0; i < n; i++) h = h * 33u + p[i];
    return h;
}

int main(int argc, char **argv)
{
    if (argc < 2) { printf("usage: fileio NEWFILE [EXISTING]\n"); return 2; }
    const char *path = argv[1];
    printf("scratch file basename=%s\n", base(path));

    /* stdio write */
    FILE *f = fopen(path, "w");
    if (!f) { printf("fopen w failed errno=%d\n", errno); return 1; }
    for (int i = 0; i < 500; i++)
        fprintf(f, "line %03d: %d squared is %d\n", i, i, i * i);
    fputs("last line without newline", f);
    if (fclose(f) != 0) { printf("fclose failed\n"); return 1; }

    struct stat st;
    if (stat(path, &st) != 0) { printf("stat failed\n"); return 1; }
    printf("size after write=%lld regular=%d\n", (long long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);

    /* stdio read back line by line */
    f = fopen(path, "r");
    char line[128];
    int lines = 0;
    unsigned h = 0;
    while (fgets(line, sizeof line, f)) { lines++; h = h * 31u + sum_bytes((unsigned char *)line, strlen(line)); }
    printf("read back lines=%d hash=%u last=\"%s\"\n", lines, h, line);
    /* seek / tell */
    fseek(f, 0, SEEK_END);
    long end = ftell(f);
    fseek(f, 10 * 30, SEEK_SET);
    if (!fgets(line, sizeof line, f)) line[0] = 0;
    printf("ftell end=%ld line at 300=\"%.*s\"\n", end, (int)strcspn(line, "\n"), line);
    fseek(f, -7, SEEK_END);
    int c = fgetc(f);
    printf("7 from end='%c' feof=%d\n", c, feof(f));
    while (fgetc(f) != EOF) {}
    printf("after drain feof=%d\n", feof(f) ? 1 : 0);
    fclose(f);

    /* append mode */
    f = fopen(path, "a");
    fputs("\nappended\n", f);
    fclose(f);

    /* raw syscalls: open/lseek/read/write/pwrite-free */
    int fd = open(path, O_RDWR);
    if (fd < 0) { printf("open failed\n"); return 1; }
    off_t sz = lseek(fd, 0, SEEK_END);
    printf("lseek end=%lld\n", (long long)sz);
    lseek(fd, 0, SEEK_SET);
    if (write(fd, "LINE", 4) != 4) printf("write short\n");
    lseek(fd, 0, SEEK_SET);
    char head[12] = {0};
    ssize_t got = read(fd, head, 11);
    printf("read %zd head=\"%s\"\n", got, head);
    lseek(fd, -9, SEEK_END);
    got = read(fd, head, 11);
    head[got > 0 ? got : 0] = 0;
    printf("tail read %zd \"%.*s\"\n", got, (int)strcspn(head, "\n"), head);
    got = read(fd, head, 11);
    printf("read at eof=%zd\n", got);
    close(fd);

    /* rename and unlink */
    char renamed[4096];
    snprintf(renamed, sizeof renamed, "%s.renamed", path);
    printf("rename=%d\n", rename(path, renamed));
    printf("old exists=%d\n", access(path, F_OK) == 0);
    printf("unlink=%d\n", unlink(renamed));
    printf("new exists=%d\n", access(renamed, F_OK) == 0);
    errno = 0;
    f = fopen(renamed, "r");
    printf("fopen missing: %s errno=%s\n", f ? "opened" : "NULL", errno == ENOENT ? "ENOENT" : "other");

    /* an existing input file */
    if (argc > 2) {
        printf("input basename=%s\n", base(argv[2]));
        f = fopen(argv[2], "rb");
        if (!f) { printf("cannot open input\n"); return 1; }
        static unsigned char buf[1 << 16];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        printf("input bytes=%zu hash=%u\n", n, sum_bytes(buf, n));
        fd = open(argv[2], O_RDONLY);
        size_t total = 0;
        unsigned h2 = 5381;
        unsigned char small[37];
        while ((got = read(fd, small, sizeof small)) > 0) {
            for (ssize_t i = 0; i < got; i++) h2 = h2 * 33u + small[i];
            total += (size_t)got;
        }
        close(fd);
        printf("raw read bytes=%zu hash=%u same=%d\n", total, h2, h2 == sum_bytes(buf, n));
    }
    return 0;
}

/* mkstemp, pread/pwrite, ftruncate, MAP_SHARED write-back via msync, MAP_PRIVATE, 64-bit lseek, realpath, mkdtemp, glob, fnmatch, regex, getrusage, sysinfo, poll/select, alarm, hsearch, getrandom. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <regex.h>
#include <fnmatch.h>
#include <glob.h>
#include <poll.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/select.h>
#include <locale.h>
#include <search.h>
#include <sys/random.h>
int main(void) {
    printf("setlocale %s\n", setlocale(LC_ALL, ""));
    char tmpl[] = "tmpXXXXXX"; int fd = mkstemp(tmpl); printf("mkstemp %d %zu\n", fd >= 0, strlen(tmpl));
    write(fd, "0123456789abcdef", 16); char b[8] = {0};
    printf("pread %zd %s\n", pread(fd, b, 4, 6), b); printf("pwrite %zd\n", pwrite(fd, "XY", 2, 1));
    printf("ftruncate %d\n", ftruncate(fd, 8192)); struct stat st; fstat(fd, &st); printf("size %lld\n", (long long)st.st_size);
    char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0); printf("mmap %d %c%c%c\n", m != MAP_FAILED, m[0], m[1], m[10]);
    m[4096] = 'Z'; msync(m, 8192, MS_SYNC); munmap(m, 8192); char z; pread(fd, &z, 1, 4096); printf("shared write %c\n", z);
    char *pm = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0); pm[0] = 'P'; char c0; pread(fd, &c0, 1, 0); printf("private %c %c\n", pm[0], c0); munmap(pm, 4096);
    off_t big = lseek(fd, 5000000000LL, SEEK_SET); printf("lseek64 %lld\n", (long long)big);
    close(fd);
    char rp[4096]; printf("realpath %d\n", realpath(tmpl, rp) != NULL && rp[0] == '/');
    unlink(tmpl);
    char dt[] = "dXXXXXX"; printf("mkdtemp %d\n", mkdtemp(dt) != NULL); 
    char p1[64]; snprintf(p1, sizeof p1, "%s/a.txt", dt); close(open(p1, O_CREAT | O_WRONLY, 0644)); snprintf(p1, sizeof p1, "%s/b.c", dt); close(open(p1, O_CREAT | O_WRONLY, 0644));
    glob_t gl; char pat[64]; snprintf(pat, sizeof pat, "%s/*.txt", dt); int gr = glob(pat, 0, NULL, &gl); printf("glob %d %zu %s\n", gr, gl.gl_pathc, gl.gl_pathc ? strrchr(gl.gl_pathv[0], '/') : "-"); globfree(&gl);
    snprintf(p1, sizeof p1, "%s/a.txt", dt); unlink(p1); snprintf(p1, sizeof p1, "%s/b.c", dt); unlink(p1); rmdir(dt);
    printf("fnmatch %d %d\n", fnmatch("*.c", "x.c", 0), fnmatch("a?c", "abd", 0) != 0);
    regex_t re; regmatch_t mt[3]; regcomp(&re, "([a-z]+)-([0-9]+)", REG_EXTENDED); int rr = regexec(&re, "xx abc-123 yy", 3, mt, 0);
    printf("regex %d %d-%d %d-%d\n", rr, mt[1].rm_so, mt[1].rm_eo, mt[2].rm_so, mt[2].rm_eo); regfree(&re);
    struct rusage ru; printf("getrusage %d\n", getrusage(RUSAGE_SELF, &ru));
    struct sysinfo si; printf("sysinfo %d\n", sysinfo(&si));
    printf("nprocs %d\n", get_nprocs() >= 1);
    struct pollfd pf = {0, POLLIN, 0}; printf("poll %d %d\n", poll(&pf, 1, 0), !!(pf.revents & (POLLIN | POLLHUP)));
    fd_set rs; FD_ZERO(&rs); FD_SET(0, &rs); struct timeval tv = {0, 0}; printf("select %d\n", select(1, &rs, NULL, NULL, &tv));
    printf("sleep %u usleep %d\n", sleep(0), usleep(10));
    printf("alarm %u %u\n", alarm(100), alarm(0));
    char eb[64]; printf("strerror_r %s\n", strerror_r(ENOENT, eb, sizeof eb));
    hcreate(50); ENTRY e = {"key", (void *)7}; hsearch(e, ENTER); ENTRY *f = hsearch((ENTRY){"key", 0}, FIND); printf("hsearch %ld\n", f ? (long)f->data : -1L); hdestroy();
    unsigned char rb[16]; printf("getrandom %zd\n", getrandom(rb, 16, 0));
    printf("getenv HOME %s\n", getenv("HOME") ? "set" : "unset");
    return 0;
}

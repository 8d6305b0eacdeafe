/* System calls with NULL, wild and unterminated pointers and huge lengths: each must fail with
 * the errno Linux gives (EFAULT mostly), never crash the emulator. Raw syscall() so libc adds
 * no checks of its own. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define WILD ((long)0xfffff000)
#define LOW ((long)0x10)

static void show(const char *what, long r) {
    if (r < 0) printf("%-36s -1 %s\n", what, errno == EFAULT ? "EFAULT" : strerror(errno));
    else printf("%-36s %ld\n", what, r);
}

int main(void) {
    int p[2];
    char buf[64];
    if (pipe(p) != 0) return 1;
    write(p[1], "abcdef", 6);
    show("read(pipe, NULL, 3)", syscall(SYS_read, p[0], 0, 3));
    show("read(pipe, WILD, 3)", syscall(SYS_read, p[0], WILD, 3));
    show("write(1, NULL, 10)", syscall(SYS_write, 1, 0, 10));
    show("write(pipe, LOW, 0x7fffffff)", syscall(SYS_write, p[1], LOW, 0x7fffffffL));
    show("open(NULL)", syscall(SYS_open, 0, O_RDONLY));
    show("open(WILD)", syscall(SYS_open, WILD, O_RDONLY));
    show("stat(NULL, buf)", syscall(SYS_stat64, 0, buf));
    show("stat(\"/\", NULL)", syscall(SYS_stat64, "/", 0));
    show("stat(\"/\", WILD)", syscall(SYS_stat64, "/", WILD));
    show("uname(NULL)", syscall(SYS_uname, 0));
    show("getcwd(WILD, 100)", syscall(SYS_getcwd, WILD, 100));
    show("pipe(NULL)", syscall(SYS_pipe, 0));
    show("gettimeofday(LOW, NULL)", syscall(SYS_gettimeofday, LOW, 0));
    show("readlink(exe, NULL, 100)", syscall(SYS_readlink, "/proc/self/exe", 0, 100));
    show("execve(NULL, NULL, NULL)", syscall(SYS_execve, 0, 0, 0));
    show("chdir(WILD)", syscall(SYS_chdir, WILD));
    show("readv(pipe, WILD, 1)", syscall(SYS_readv, p[0], WILD, 1));
    show("writev(1, NULL, 1)", syscall(SYS_writev, 1, 0, 1));
    show("rt_sigaction(SIGINT, WILD, 0, 8)", syscall(SYS_rt_sigaction, 2, WILD, 0, 8));
    show("read(pipe, buf, 3)", syscall(SYS_read, p[0], buf, 3));
    return 0;
}

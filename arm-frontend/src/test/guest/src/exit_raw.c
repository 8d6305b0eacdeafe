/* Exit status via _exit(N) (no atexit, no stdio flush): N = atoi(argv[1]) or 99.
   stdout is flushed by hand first; the atexit handler must NOT run. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void on_exit_handler(void) { printf("atexit handler ran (wrong)\n"); fflush(stdout); }

int main(int argc, char **argv)
{
    int code = argc > 1 ? atoi(argv[1]) : 99;
    atexit(on_exit_handler);
    printf("calling _exit(%d)\n", code);
    fflush(stdout);
    static const char msg[] = "raw write before _exit\n";
    write(1, msg, sizeof msg - 1);
    printf("buffered and never flushed\n");
    _exit(code);
}

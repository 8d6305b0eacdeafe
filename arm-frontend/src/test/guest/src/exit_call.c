/* Exit status via exit(N): N = atoi(argv[1]) or 42. Buffered stdout must be flushed by exit. */
#include <stdio.h>
#include <stdlib.h>

static void on_exit_handler(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv)
{
    int code = argc > 1 ? atoi(argv[1]) : 42;
    atexit(on_exit_handler);
    printf("calling exit(%d)\n", code);
    exit(code);
    printf("not reached\n");
    return 1;
}

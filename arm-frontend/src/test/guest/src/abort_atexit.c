/* constructors, atexit order, destructors; argv[1] = abort or assert dies of SIGABRT (134). */
#include <stdio.h>
#include <stdlib.h>
#include <assert.h>
#include <string.h>
static void h1(void){ puts("h1"); }
static void h2(void){ puts("h2"); }
__attribute__((constructor)) static void ctor(void){ puts("ctor"); }
__attribute__((destructor)) static void dtor(void){ puts("dtor"); }
int main(int argc, char **argv) {
    atexit(h1); atexit(h2);
    puts("main"); fflush(stdout);
    if (argc > 1 && !strcmp(argv[1], "abort")) abort();
    if (argc > 1 && !strcmp(argv[1], "assert")) { assert(argc == 7); }
    return 3;
}

/* argv and environment. Prints the basename of argv[0] only (the path differs
   between qemu and dynvm), every other argument, and selected variables. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    printf("argc=%d\n", argc);
    printf("argv[0] basename=%s\n", base);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc]=%s\n", argv[argc] == NULL ? "NULL" : "non-NULL");
    const char *v = getenv("DYNVM_TEST");
    printf("DYNVM_TEST=%s\n", v ? v : "(unset)");
    v = getenv("DYNVM_OTHER");
    printf("DYNVM_OTHER=%s\n", v ? v : "(unset)");
    v = getenv("DYNVM_SURELY_UNSET");
    printf("DYNVM_SURELY_UNSET=%s\n", v ? v : "(unset)");
    int n = 0, dyn = 0;
    for (char **e = environ; *e; e++) {
        n++;
        if (strncmp(*e, "DYNVM_", 6) == 0)
            dyn++;
    }
    /* The runner passes exactly the listed variables, so the count is stable. */
    printf("environ count=%d dynvm vars=%d\n", n, dyn);
    if (setenv("DYNVM_SET_IN_GUEST", "yes", 1) == 0)
        printf("after setenv: %s\n", getenv("DYNVM_SET_IN_GUEST"));
    unsetenv("DYNVM_SET_IN_GUEST");
    printf("after unsetenv: %s\n", getenv("DYNVM_SET_IN_GUEST") ? "set" : "(unset)");
    return 0;
}

/* A dynamically linked program: ld.so, libc.so.6, a lazily bound libm call through the PLT,
 * dlopen/dlsym at run time, TLS in a shared object (errno), and what the kernel told ld.so in
 * the auxiliary vector (AT_ENTRY, AT_BASE, AT_PHDR). Output is the same under any correct loader. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <link.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

extern void _start(void);

static int count_objects(struct dl_phdr_info *info, size_t size, void *data) {
    (void) size;
    int *n = data;
    const char *slash = strrchr(info->dlpi_name, '/');
    /* The main program has an empty name; libraries are printed without their directory. */
    if (info->dlpi_name[0] && strstr(info->dlpi_name, "vdso") == NULL)
        printf("object %s phnum %d\n", slash ? slash + 1 : info->dlpi_name, info->dlpi_phnum);
    ++*n;
    return 0;
}

int main(int argc, char **argv) {
    printf("hello from a dynamically linked program, argc %d\n", argc);
    for (int i = 1; i < argc; i++) printf("argv[%d] = %s\n", i, argv[i]);
    printf("AT_ENTRY is _start: %s\n", getauxval(AT_ENTRY) == (unsigned long) &_start ? "yes" : "no");
    printf("AT_BASE set: %s\n", getauxval(AT_BASE) != 0 ? "yes" : "no");
    printf("AT_PHDR inside the program: %s\n",
           getauxval(AT_PHDR) > (unsigned long) &_start - (1 << 20) && getauxval(AT_PHDR) < (unsigned long) &_start ? "yes" : "no");
    int n = 0;
    dl_iterate_phdr(count_objects, &n);

    volatile double x = 2.0;
    printf("sqrt(2) = %.17g\n", sqrt(x));

    void *h = dlopen("libm.so.6", RTLD_NOW);
    if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
    double (*cosp)(double) = (double (*)(double)) dlsym(h, "cos");
    printf("dlsym cos(1) = %.17g\n", cosp ? cosp(1.0) : -1.0);
    dlclose(h);

    errno = 0;
    if (fopen("/nonexistent/file", "r") == NULL) printf("fopen: %s\n", strerror(errno));
    char *p = malloc(100000);
    memset(p, 7, 100000);
    printf("malloc ok: %d\n", p[99999]);
    free(p);
    return 3;
}

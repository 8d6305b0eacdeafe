/* Maps 16 MiB chunks until mmap fails: it must fail with ENOMEM (how many fit depends on the
 * emulator's address space, so only the outcome is printed), then everything is freed. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define CHUNK (16u << 20)
static void *maps[4096];

int main(void) {
    int n = 0, err = 0;
    while (n < 4096) {
        void *p = mmap(0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) { err = errno; break; }
        if (n == 0) memset(p, 1, 4096); /* touch one page only */
        maps[n++] = p;
    }
    printf("mapped at least one chunk: %s\n", n > 0 ? "yes" : "no");
    printf("then mmap failed with: %s\n", err == ENOMEM ? "ENOMEM" : strerror(err));
    int bad = 0;
    for (int i = 0; i < n; i++) if (munmap(maps[i], CHUNK) != 0) bad++;
    printf("munmap failures: %d\n", bad);
    void *again = mmap(0, CHUNK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    printf("mmap after freeing: %s\n", again == MAP_FAILED ? "failed" : "ok");
    return 0;
}

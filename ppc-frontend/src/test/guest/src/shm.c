/* System V shared memory between forked processes: what the goldens (qemu-ppc, qemu-arm)
 * print. Ids, keys, addresses and times are never printed. On PowerPC glibc goes through ipc(). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
    volatile int flag;      /* a handshake with no system call in between */
    volatile int echo;
    int counter;            /* atomic adds from two processes */
    char text[64];
};

static const char *err(int r) { return r < 0 ? strerror(errno) : "ok"; }

static int nattch(int id) {
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) < 0) return -errno;
    return (int) ds.shm_nattch;
}

/* Waits (spinning, yielding) until *p == v; 0 after a few seconds' worth of tries. */
static int await(volatile int *p, int v) {
    for (long i = 0; i < 20000000; i++) {
        if (*p == v) return 1;
        if ((i & 255) == 0) sched_yield();
    }
    return 0;
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int id = shmget(IPC_PRIVATE, 65536, IPC_CREAT | 0600);
    printf("shmget: %d\n", id >= 0);
    struct shared *s = shmat(id, NULL, 0);
    printf("shmat: %d zeroed %d\n", s != (void *) -1, s->counter == 0 && s->text[0] == 0);
    struct shmid_ds ds;
    shmctl(id, IPC_STAT, &ds);
    printf("stat: size %zu nattch %lu mode %o cpid-is-me %d atime-set %d\n", (size_t) ds.shm_segsz,
           (unsigned long) ds.shm_nattch, ds.shm_perm.mode & 0777, ds.shm_cpid == getpid(), ds.shm_atime != 0);
    strcpy(s->text, "from the parent");

    pid_t c = fork();
    if (c == 0) {
        printf("child sees: '%s' nattch %d\n", s->text, nattch(id));
        s->echo = 1;                        /* the parent waits for this store */
        if (!await(&s->flag, 1)) { printf("child: no flag\n"); _exit(1); }
        for (int i = 0; i < 20000; i++) __sync_fetch_and_add(&s->counter, 1);
        strcpy(s->text, "from the child");
        s->echo = 2;
        _exit(0);
    }
    printf("parent sees echo: %d\n", await(&s->echo, 1));
    s->flag = 1;
    for (int i = 0; i < 20000; i++) __sync_fetch_and_add(&s->counter, 1);
    printf("parent sees done: %d\n", await(&s->echo, 2));
    int st;
    waitpid(c, &st, 0);
    printf("child exit %d; counter %d text '%s' nattch %d\n", WEXITSTATUS(st), s->counter, s->text, nattch(id));

    /* a read-only attach: a store there is SIGSEGV */
    struct shared *ro = shmat(id, NULL, SHM_RDONLY);
    printf("rdonly: '%s' nattch %d\n", ro->text, nattch(id));
    c = fork();
    if (c == 0) { ((struct shared *) ro)->counter = 1; _exit(0); }
    waitpid(c, &st, 0);
    printf("store to rdonly: %s\n", WIFSIGNALED(st) ? strsignal(WTERMSIG(st)) : "no signal");
    printf("shmdt rdonly: %s nattch %d\n", err(shmdt(ro)), nattch(id));

    /* attach places */
    char *p = (char *) s;
    printf("shmdt: %s\n", err(shmdt(s)));
    printf("unaligned: %s\n", shmat(id, p + 100, 0) == (void *) -1 ? strerror(errno) : "attached");
    char *r = shmat(id, p + 100, SHM_RND);
    printf("SHM_RND: %s page-aligned %d at-or-below %d\n", r == (void *) -1 ? strerror(errno) : "ok",
           ((unsigned long) r & 4095) == 0, r <= p + 100);
    printf("same bytes: '%s'\n", ((struct shared *) r)->text);

    /* IPC_SET, then removal while attached */
    shmctl(id, IPC_STAT, &ds);
    ds.shm_perm.mode = 0640;
    printf("IPC_SET: %s\n", err(shmctl(id, IPC_SET, &ds)));
    shmctl(id, IPC_STAT, &ds);
    printf("mode now %o\n", ds.shm_perm.mode & 0777);
    printf("IPC_RMID: %s\n", err(shmctl(id, IPC_RMID, NULL)));
    shmctl(id, IPC_STAT, &ds);
    printf("dest %d nattch %lu; still readable '%s'\n", (ds.shm_perm.mode & SHM_DEST) != 0,
           (unsigned long) ds.shm_nattch, ((struct shared *) r)->text);
    printf("shmdt last: %s\n", err(shmdt(r)));
    printf("stat after: %s\n", err(shmctl(id, IPC_STAT, &ds)));

    /* MAP_SHARED|MAP_ANONYMOUS memory is shared with a forked child the same way */
    volatile int *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    m[0] = 1;
    *priv = 1;
    c = fork();
    if (c == 0) {
        int saw = m[0];
        m[1] = saw + 10;
        *priv = 99;
        await(&m[2], 1);
        for (int i = 0; i < 20000; i++) __sync_fetch_and_add((int *) &m[1024], 1);
        _exit(0);
    }
    m[2] = 1;
    for (int i = 0; i < 20000; i++) __sync_fetch_and_add((int *) &m[1024], 1);
    waitpid(c, &st, 0);
    printf("MAP_SHARED anonymous: child wrote %d, counter %d; MAP_PRIVATE stays %d\n", m[1], m[1024], *priv);

    /* keys and errors */
    key_t key = ftok("/", 'z') ^ getpid();
    int k = shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600);
    printf("key create: %d\n", k >= 0);
    printf("key lookup same: %d\n", shmget(key, 0, 0) == k);
    printf("key excl: %s\n", err(shmget(key, 4096, IPC_CREAT | IPC_EXCL | 0600)));
    printf("key bigger: %s\n", err(shmget(key, 8192, 0)));
    shmctl(k, IPC_RMID, NULL);
    printf("key gone: %s\n", err(shmget(key, 0, 0)));
    printf("size 0: %s\n", err(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600)));
    printf("shmat bad id: %s\n", shmat(-1, NULL, 0) == (void *) -1 ? strerror(errno) : "attached");
    printf("shmdt bad: %s\n", err(shmdt((void *) 0x1000)));
    printf("shmctl bad cmd: %s\n", err(shmctl(id, 1234, &ds)));
    return 0;
}

/* System V semaphores and message queues between forked processes: what the goldens
 * (qemu-ppc, qemu-arm) print. Ids and keys are never printed. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };
struct msg { long type; char text[32]; };

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    int sem = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    printf("created: %d %d\n", sem >= 0, q >= 0);
    union semun u = {.val = 0};
    semctl(sem, 0, SETVAL, u);
    pid_t c = fork();
    if (c == 0) {
        /* the child waits for the parent's go, then sends three messages and signals done */
        struct sembuf wait_go = {0, -1, 0};
        semop(sem, &wait_go, 1);
        for (int i = 1; i <= 3; i++) {
            struct msg m = {i, ""};
            snprintf(m.text, sizeof m.text, "message %d", i);
            msgsnd(q, &m, strlen(m.text) + 1, 0);
        }
        struct sembuf done = {1, 1, 0};
        semop(sem, &done, 1);
        _exit(0);
    }
    struct sembuf go = {0, 1, 0};
    semop(sem, &go, 1);
    struct msg m;
    ssize_t n = msgrcv(q, &m, sizeof m.text, 2, 0);
    printf("type 2: %zd '%s'\n", n, m.text);
    n = msgrcv(q, &m, sizeof m.text, 0, 0);
    printf("first: %ld '%s'\n", m.type, m.text);
    n = msgrcv(q, &m, 4, 0, MSG_NOERROR);
    printf("truncated: %zd type %ld\n", n, m.type);
    printf("empty: %s\n", msgrcv(q, &m, sizeof m.text, 0, IPC_NOWAIT) < 0 ? strerror(errno) : "got one");
    struct sembuf wait_done = {1, -1, 0};
    semop(sem, &wait_done, 1);
    printf("child done: %d\n", semctl(sem, 1, GETVAL));
    int st;
    waitpid(c, &st, 0);
    printf("child exit: %d\n", WEXITSTATUS(st));
    unsigned short all[2] = {5, 6};
    union semun a = {.array = all};
    semctl(sem, 0, SETALL, a);
    struct sembuf two[2] = {{0, -5, 0}, {1, -7, IPC_NOWAIT}};
    printf("atomic: %s val0=%d\n", semop(sem, two, 2) < 0 ? strerror(errno) : "done", semctl(sem, 0, GETVAL));
    struct sembuf nw = {0, -6, IPC_NOWAIT};
    printf("nowait: %s\n", semop(sem, &nw, 1) < 0 ? strerror(errno) : "done");
    struct timespec ts = {0, 20000000};
    printf("timedop: %s\n", semtimedop(sem, &nw, 1, &ts) < 0 ? strerror(errno) : "done");
    struct sembuf big = {7, 1, 0};
    printf("bad semnum: %s\n", semop(sem, &big, 1) < 0 ? strerror(errno) : "done");
    struct msg z = {0, "x"};
    printf("mtype 0: %s\n", msgsnd(q, &z, 2, 0) < 0 ? strerror(errno) : "sent");
    printf("rmid: %d %d\n", semctl(sem, 0, IPC_RMID), msgctl(q, IPC_RMID, NULL));
    printf("after rmid: %s\n", semctl(sem, 0, GETVAL) < 0 ? strerror(errno) : "still there");
    printf("no such key: %s\n", msgget(0x7e57ab1e, 0) < 0 ? strerror(errno) : "found");
    return 0;
}

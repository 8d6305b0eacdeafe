/* 4 threads: a mutex-protected counter, a condition variable, and an __atomic counter to 1,000,000. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define PER 250000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static long locked_count;
static int atomic_count;
static int started;

static void *work(void *arg) {
    long id = (long) arg;
    pthread_mutex_lock(&lock);
    started++;
    pthread_cond_broadcast(&cond);
    while (started < THREADS) pthread_cond_wait(&cond, &lock);
    pthread_mutex_unlock(&lock);
    for (int i = 0; i < PER; i++) {
        __atomic_fetch_add(&atomic_count, 1, __ATOMIC_SEQ_CST);
        if ((i & 63) == 0) {
            pthread_mutex_lock(&lock);
            locked_count++;
            pthread_mutex_unlock(&lock);
        }
    }
    return (void *) (id * 2);
}

int main(void) {
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, work, (void *) i) != 0) { printf("create failed\n"); return 1; }
    long sum = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long) r;
    }
    printf("atomic %d (want %d), locked %ld (want %d), joined sum %ld\n", atomic_count, THREADS * PER,
           locked_count, THREADS * ((PER + 63) / 64), sum);
    return atomic_count != THREADS * PER;
}

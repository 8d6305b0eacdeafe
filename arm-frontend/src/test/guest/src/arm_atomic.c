/* Atomics and thread-local storage on ARMv5TE, where neither has an instruction of its own:
   gcc's __sync and __atomic builtins become calls to libgcc's __sync_*_4/_8, which loop on the
   Linux kuser helpers __kernel_cmpxchg (0xffff0fc0) and __kernel_cmpxchg64 (0xffff0f60), and
   __sync_synchronize calls __kernel_dmb (0xffff0fa0). __thread variables are found through
   __aeabi_read_tp, which reads the thread pointer set by set_tls through __kernel_get_tls
   (0xffff0fe0). Also pthread mutex/once/key in a single thread. Deterministic output. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static volatile int counter;
static volatile long long counter64;
static volatile unsigned char flag8;
static volatile unsigned short half16;
static _Atomic int c11;

static __thread int tls_int = 42;
static __thread char tls_buf[64] = "initial tls";
static __thread long long tls_zero;

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static void once_fn(void) { once_runs++; }

static void bump_tls(int n) {
    for (int i = 0; i < n; i++) { tls_int += i; tls_zero += (long long) i << 20; }
}

int main(void) {
    printf("fetch_and_add %d\n", __sync_fetch_and_add(&counter, 5));
    printf("add_and_fetch %d\n", __sync_add_and_fetch(&counter, 10));
    printf("fetch_and_sub %d\n", __sync_fetch_and_sub(&counter, 3));
    printf("or %d and %d xor %d nand %d\n", __sync_or_and_fetch(&counter, 0x100), __sync_and_and_fetch(&counter, 0x1f0),
           __sync_xor_and_fetch(&counter, 0xff), __sync_nand_and_fetch(&counter, 0xf0));
    printf("cas ok %d val %d\n", __sync_bool_compare_and_swap(&counter, counter, 1234), counter);
    printf("cas fail %d val %d\n", __sync_bool_compare_and_swap(&counter, 99, 5), counter);
    printf("val_cas old %d new %d\n", __sync_val_compare_and_swap(&counter, 1234, 77), counter);
    printf("test_and_set %d then %d\n", __sync_lock_test_and_set(&counter, 9), counter);
    __sync_lock_release(&counter);
    printf("released %d\n", counter);
    __sync_synchronize();

    printf("8-bit: %u %u\n", __sync_fetch_and_add(&flag8, 200), __sync_add_and_fetch(&flag8, 100));
    printf("16-bit: %u %u\n", __sync_fetch_and_or(&half16, 0x8001), __sync_sub_and_fetch(&half16, 2));

    counter64 = 0x00000000ffffffffll;
    printf("64 add %llx\n", (unsigned long long) __sync_add_and_fetch(&counter64, 1));
    printf("64 cas %d %llx\n", __sync_bool_compare_and_swap(&counter64, 0x100000000ll, -1ll),
           (unsigned long long) counter64);
    printf("64 sub %llx\n", (unsigned long long) __sync_sub_and_fetch(&counter64, 0x10000000000ll));

    for (int i = 0; i < 100000; i++) { __sync_fetch_and_add(&counter, i & 7); __sync_fetch_and_add(&counter64, i); }
    printf("loop %d %lld\n", counter, (long long) counter64);

    atomic_store(&c11, 10);
    int expect = 10;
    printf("c11 cas %d", atomic_compare_exchange_strong(&c11, &expect, 20));
    expect = 10;
    printf(" %d expect %d", atomic_compare_exchange_strong(&c11, &expect, 30), expect);
    printf(" exchange %d fetch_add %d load %d\n", atomic_exchange(&c11, 5), atomic_fetch_add(&c11, 3), atomic_load(&c11));

    printf("tls %d '%s' %lld\n", tls_int, tls_buf, tls_zero);
    bump_tls(1000);
    strcat(tls_buf, " + more");
    printf("tls %d '%s' %lld\n", tls_int, tls_buf, tls_zero);
    printf("tls addresses differ %d\n", (void *) &tls_int != (void *) &tls_zero);

    pthread_mutex_lock(&mu);
    printf("trylock while locked %d\n", pthread_mutex_trylock(&mu) != 0);
    pthread_mutex_unlock(&mu);
    printf("trylock unlocked %d\n", pthread_mutex_trylock(&mu));
    pthread_mutex_unlock(&mu);
    pthread_once(&once, once_fn);
    pthread_once(&once, once_fn);
    printf("once ran %d\n", once_runs);
    pthread_key_t key;
    pthread_key_create(&key, NULL);
    pthread_setspecific(key, &once_runs);
    printf("key value ok %d\n", pthread_getspecific(key) == &once_runs);
    printf("self nonzero %d\n", pthread_self() != 0);
    return 0;
}

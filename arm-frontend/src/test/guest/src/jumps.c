/* setjmp/longjmp: returning 0 then the passed value, longjmp(…,0) → 1,
   unwinding through many frames, volatile locals, sigsetjmp without signals. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf env;
static int depth_reached;

__attribute__((noinline)) static void dive(int n, int target)
{
    depth_reached = n;
    if (n == target)
        longjmp(env, n);
    dive(n + 1, target);
    printf("not reached\n");
}

__attribute__((noinline)) static void thrower(jmp_buf *jb, int v) { longjmp(*jb, v); }

static int nested(int k)
{
    jmp_buf inner;
    int r = setjmp(inner);
    if (r == 0) {
        thrower(&inner, k * 10);
    }
    return r + 1;
}

int main(void)
{
    volatile int counter = 0;
    int r = setjmp(env);
    printf("setjmp returned %d (counter=%d)\n", r, counter);
    counter++;
    if (counter < 4)
        longjmp(env, counter * 100);

    r = setjmp(env);
    if (r == 0) {
        longjmp(env, 0);
    }
    printf("longjmp(env,0) made setjmp return %d\n", r);

    r = setjmp(env);
    if (r == 0)
        dive(0, 5000);
    printf("unwound from depth %d with value %d\n", depth_reached, r);

    int total = 0;
    for (int k = 1; k <= 5; k++)
        total += nested(k);
    printf("nested total=%d\n", total);

    sigjmp_buf sj;
    volatile double fp = 1.5;
    if ((r = sigsetjmp(sj, 1)) == 0) {
        fp *= 3.0;
        siglongjmp(sj, 7);
    }
    printf("sigsetjmp returned %d fp=%g\n", r, fp);

    /* many round trips */
    volatile unsigned acc = 0;
    for (volatile int i = 0; i < 10000; i++) {
        if ((r = setjmp(env)) == 0)
            thrower(&env, i + 1);
        acc = acc * 33u + (unsigned)r;
    }
    printf("round trips acc=%u\n", acc);
    return 0;
}

/* The debuggee of the gdb stub tests (GdbTest): built with -O0 -g so gdb finds main's locals.
 * A global counter changes in a loop (for a watchpoint), main has a local, the exit code is 3. */
#include <stdio.h>

int g_counter;

static int bump(int by)
{
    int before = g_counter;
    g_counter = before + by;
    return g_counter;
}

int main(int argc, char **argv)
{
    int local = 40 + argc + 1;
    int sum = 0;
    (void) argv;
    for (int i = 1; i <= 5; i++)
        sum += bump(i);
    printf("g_counter=%d local=%d sum=%d\n", g_counter, local, sum);
    return g_counter == 15 ? 3 : 100;
}

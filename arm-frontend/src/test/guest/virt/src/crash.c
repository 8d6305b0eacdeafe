/* crash: a VM that dies. Prints "crash: jumping to 48000000", points VBAR at 0x48000000 (beyond
 * 128 MiB of RAM: nothing there) and branches to 0x48000000. The instruction fetch takes a
 * prefetch abort, whose vector fetch at VBAR+0x0c aborts again, and so on: the CPU is stuck in
 * exception entries forever and never powers off (goldens.sh stops qemu after 3 s). For the
 * two-VM tests: a VM that crashes this way must not stop the others. */
#include "lib.h"

#define NOWHERE 0x48000000u

int main(void)
{
    ph("crash: jumping to ", NOWHERE);
    println("");
    VBAR_W(NOWHERE);
    ISB();
    ((void (*)(void))NOWHERE)();
    println("crash: still alive?");
    return 0;
}

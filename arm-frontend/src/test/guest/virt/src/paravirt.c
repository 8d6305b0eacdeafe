/* paravirt: dynvm's para-virtual interface instead of devices (frontends' dynvm.spi.sys.Hypercalls):
 * hvc #0x4456, r0 = number, r1..r3 = arguments, result in r0 (CLOCK: high word in r1).
 * CONSOLE_WRITE=1 (physical address, length) -> length, YIELD=2 -> 0, VM_ID=4 -> id,
 * CLOCK=7 -> nanoseconds, unknown -> -38. Powers off with PSCI SYSTEM_OFF (hvc #0).
 * Under QEMU every HVC is a PSCI call (unknown ids return -1): the guest notices that the first
 * CONSOLE_WRITE did not return its length, says so on the PL011 and powers off. */
#include "lib.h"

struct hv { u32 r0, r1; };

static struct hv hcall(u32 nr, u32 a1, u32 a2, u32 a3)
{
    register u32 r0 __asm__("r0") = nr;
    register u32 r1 __asm__("r1") = a1;
    register u32 r2 __asm__("r2") = a2;
    register u32 r3 __asm__("r3") = a3;
    __asm__ volatile(".arch_extension virt\n\thvc #0x4456" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    struct hv r = { r0, r1 };
    return r;
}

static u32 slen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
static u32 cwrite(const char *s) { return hcall(1, (u32)s, slen(s), 0).r0; }   /* MMU off: VA = PA */

static void hex8(char *b, u32 v)
{
    for (int i = 0; i < 8; i++) b[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
}

static void cline(const char *label, u32 v)
{
    char b[32];
    u32 n = slen(label);
    memcpy(b, label, n);
    hex8(b + n, v);
    b[n + 8] = '\n';
    hcall(1, (u32)b, n + 9, 0);
}

int main(void)
{
    static const char hello[] = "paravirt hello\n";
    u32 r = cwrite(hello);
    if (r != sizeof hello - 1) {
        ph("paravirt: CONSOLE_WRITE returned ", r);
        println(", not under dynvm");
        println("done");
        return 0;
    }
    cline("console_write returned ", r);
    cline("vm id ", hcall(4, 0, 0, 0).r0);
    cline("yield -> ", hcall(2, 0, 0, 0).r0);
    cline("unknown hypercall 0x999 -> ", hcall(0x999, 0, 0, 0).r0);
    struct hv c1 = hcall(7, 0, 0, 0);
    hcall(2, 0, 0, 0);
    struct hv c2 = hcall(7, 0, 0, 0);
    u64 t1 = ((u64)c1.r1 << 32) | c1.r0, t2 = ((u64)c2.r1 << 32) | c2.r0;
    cwrite(t2 >= t1 ? "clock monotonic\n" : "clock went backwards\n");
    cwrite("done\n");
    return 0;
}

/* pingpong: two VMs of one dynvm configuration talk through dynvm's message hypercalls
 * (hvc #0x4456, r0 = number, r1..r3 = arguments, result in r0; frontends' dynvm.spi.sys.Hypercalls):
 * VM_ID=4, CONSOLE_WRITE=1 (address, length), SEND=5 (vm id, address, length -> 0 or negative),
 * RECEIVE=6 (buffer, max length, timeout ms -> length or negative). Both VMs run this same image
 * and act by their id:
 *   VM 0 sends "ping" to VM 1, waits for the answer and prints "vm 0 got pong";
 *   VM 1 waits for a message, prints "vm 1 got ping" and answers "pong" to VM 0;
 *   any other id prints "vm N idle".
 * SEND is a rendezvous (it waits up to 1 s for the receiver) and RECEIVE waits up to 5 s here,
 * so a peer that starts late is waited for: a timed-out SEND or RECEIVE (-110) is retried, up to
 * 20 times, without printing, which keeps the transcripts the same however the VMs are scheduled.
 * Everything is printed through CONSOLE_WRITE; each VM ends with "done" and PSCI SYSTEM_OFF.
 * Alone (VM 0 with no VM 1) SEND returns -3 (no such VM): "vm 0 send failed fffffffd".
 * Under QEMU the first CONSOLE_WRITE returns 0xffffffff (every HVC is a PSCI call): the guest
 * says so on the PL011 and powers off. */
#include "lib.h"

enum { CONSOLE_WRITE = 1, VM_ID = 4, SEND = 5, RECEIVE = 6 };
#define ETIMEDOUT (-110)
#define TRIES 20

static u32 hcall(u32 nr, u32 a1, u32 a2, u32 a3)
{
    register u32 r0 __asm__("r0") = nr;
    register u32 r1 __asm__("r1") = a1;
    register u32 r2 __asm__("r2") = a2;
    register u32 r3 __asm__("r3") = a3;
    __asm__ volatile(".arch_extension virt\n\thvc #0x4456" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3) : : "memory");
    return r0;
}

static u32 slen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }
static u32 out(const char *s, u32 n) { return hcall(CONSOLE_WRITE, (u32)s, n, 0); }   /* MMU off: VA = PA */
static void outs(const char *s) { out(s, slen(s)); }

static void outhex(u32 v)
{
    char b[8];
    for (int i = 0; i < 8; i++) b[i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 15];
    out(b, 8);
}

static void outdec(u32 v)
{
    char b[10];
    int n = 10;
    do { b[--n] = (char)('0' + v % 10); v /= 10; } while (v);
    out(b + n, 10 - n);
}

static int send(u32 to, const char *msg)
{
    int r = ETIMEDOUT;
    for (int i = 0; i < TRIES && r == ETIMEDOUT; i++) r = (int)hcall(SEND, to, (u32)msg, slen(msg));
    return r;
}

static int receive(char *buf, u32 max)
{
    int r = ETIMEDOUT;
    for (int i = 0; i < TRIES && r == ETIMEDOUT; i++) r = (int)hcall(RECEIVE, (u32)buf, max, 5000);
    return r;
}

/* "vm N <what>" followed by the message or the error code. */
static void report(u32 id, const char *what, const char *msg, int r)
{
    outs("vm ");
    outdec(id);
    outs(what);
    if (r >= 0) out(msg, (u32)r);
    else outhex((u32)r);
    outs("\n");
}

static char buf[64];

int main(void)
{
    static const char hello[] = "pingpong\n";
    u32 w = out(hello, sizeof hello - 1);
    if (w != sizeof hello - 1) {
        ph("pingpong: CONSOLE_WRITE returned ", w);
        println(", not under dynvm");
        println("done");
        return 0;
    }
    u32 id = hcall(VM_ID, 0, 0, 0);
    if (id == 0) {
        int r = send(1, "ping");
        if (r != 0) report(id, " send failed ", 0, r);
        else report(id, " got ", buf, receive(buf, sizeof buf));
    } else if (id == 1) {
        int r = receive(buf, sizeof buf);
        report(id, " got ", buf, r);
        if (r >= 0 && (r = send(0, "pong")) != 0) report(id, " send failed ", 0, r);
    } else {
        outs("vm ");
        outdec(id);
        outs(" idle\n");
    }
    outs("done\n");
    return 0;
}

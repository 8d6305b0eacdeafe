/* Shared routines: PL011 output (QEMU virt: 0x09000000), hex/decimal printing,
 * the exception dispatcher behind start.S's vectors, and abort probes. */
#include "lib.h"

#define UART_BASE 0x09000000u
#define UART_DR   0x00
#define UART_FR   0x18
#define FR_TXFF   (1u << 5)

u32 entry_cpsr = 0xdeadbeef, entry_sctlr = 0xdeadbeef;
u32 entry_regs[3] = { 0xdeadbeef, 0xdeadbeef, 0xdeadbeef };

const char *const exc_name[8] = { "reset", "undef", "svc", "pabt", "dabt", "hyp", "irq", "fiq" };

void uart_putc(int c)
{
    while (rd32(UART_BASE + UART_FR) & FR_TXFF)
        ;
    wr32(UART_BASE + UART_DR, (u32)c & 0xff);
}

void print(const char *s) { while (*s) uart_putc(*s++); }
void println(const char *s) { print(s); uart_putc('\n'); }

void print_hex(u32 v)
{
    for (int i = 28; i >= 0; i -= 4)
        uart_putc("0123456789abcdef"[(v >> i) & 15]);
}

void print_hex64(u64 v) { print_hex((u32)(v >> 32)); print_hex((u32)v); }

void print_dec(u32 v)
{
    char buf[12];
    int n = 0;
    do { buf[n++] = (char)('0' + v % 10); v /= 10; } while (v);
    while (n) uart_putc(buf[--n]);
}

void ph(const char *label, u32 v) { print(label); print_hex(v); }
void print_reg(const char *name, u32 v) { print(name); uart_putc('='); print_hex(v); uart_putc('\n'); }

void *memset(void *d, int c, unsigned n)
{
    volatile u8 *p = d;   /* volatile: keeps gcc from turning this back into a memset call */
    while (n--) *p++ = (u8)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned n)
{
    volatile u8 *p = d;
    const u8 *q = s;
    while (n--) *p++ = *q++;
    return d;
}

u32 exc_pref_return(int kind, const struct frame *f)
{
    int thumb = (f->spsr >> 5) & 1;
    switch (kind) {
    case EXC_UND:  return f->lr - (thumb ? 2 : 4);
    case EXC_SVC:  return f->lr;
    case EXC_PABT: return f->lr - 4;
    case EXC_DABT: return f->lr - 8;
    default:       return f->lr - 4;
    }
}

void exc_resume(int kind, struct frame *f, u32 addr)
{
    switch (kind) {
    case EXC_DABT: f->lr = addr + 8; break;          /* SUBS pc, lr, #8 */
    case EXC_IRQ: case EXC_FIQ: f->lr = addr + 4; break;  /* SUBS pc, lr, #4 */
    default: f->lr = addr; break;                      /* MOVS / LDM^ / RFE */
    }
}

volatile u32 probe_armed, probe_kind, probe_fsr, probe_far, probe_value;
int probe_call(void (*fn)(u32), u32 arg);
void probe_recover(void);

int probe(void (*fn)(u32), u32 arg)
{
    probe_kind = probe_fsr = probe_far = 0;
    probe_armed = 1;
    int r = probe_call(fn, arg);
    probe_armed = 0;
    return r;
}

static void do_read(u32 a) { probe_value = rd32(a); }
static void do_write(u32 a) { wr32(a, probe_value); }
int probe_read(u32 addr) { probe_value = 0; return probe(do_read, addr); }
int probe_write(u32 addr, u32 val) { probe_value = val; return probe(do_write, addr); }

void exc_dispatch(int kind, struct frame *f)
{
    if (guest_exc && guest_exc(kind, f))
        return;
    if (probe_armed && (kind == EXC_UND || kind == EXC_PABT || kind == EXC_DABT)) {
        probe_armed = 0;
        probe_kind = (u32)kind;
        if (kind == EXC_DABT) { probe_fsr = DFSR_R(); probe_far = DFAR_R(); }
        if (kind == EXC_PABT) { probe_fsr = IFSR_R(); probe_far = IFAR_R(); }
        /* resume in SVC mode, ARM state, outside any IT block, A/I/F masked as at entry */
        f->spsr = (f->spsr & 0xf8000000u) | 0x1d3;
        exc_resume(kind, f, (u32)probe_recover);
        return;
    }
    print("unexpected exception ");
    print(exc_name[kind & 7]);
    ph(" spsr=", f->spsr);
    ph(" ret=", exc_pref_return(kind, f));
    ph(" DFSR=", DFSR_R());
    ph(" DFAR=", DFAR_R());
    ph(" IFSR=", IFSR_R());
    ph(" IFAR=", IFAR_R());
    println("");
    psci_off();
}

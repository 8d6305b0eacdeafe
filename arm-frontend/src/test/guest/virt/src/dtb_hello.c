/* dtb_hello: finds its devices in the flattened device tree instead of assuming virt's map.
 * Where the DTB is: r2 at entry if it points at one (Linux protocol), else physical 0 (QEMU and
 * dynvm put it in flash bank 0 when the ELF covers the start of RAM, as ours do), else the RAM
 * base 0x40000000. Each candidate is read with probe_read (a board without flash at 0 aborts)
 * and must start with the FDT magic 0xd00dfeed (big-endian).
 * A small freestanding FDT walker (header, structure block, strings block; every node's reg is
 * decoded with its parent's #address-cells/#size-cells) finds the first node whose compatible
 * list holds "arm,pl011", the memory node (device_type "memory") and a node compatible
 * "arm,pl031", and prints through THAT UART:
 *   dtb at XXXXXXXX
 *   uart at XXXXXXXX
 *   ram XXXXXXXX size XXXXXXXX
 *   rtc at XXXXXXXX          (or: no rtc)
 *   done
 * then powers off (start.S: PSCI SYSTEM_OFF). Addresses above 4 GiB print 16 digits.
 * Without a DTB or a PL011 in it, it says so on virt's usual UART (0x09000000) and powers off. */
#include "lib.h"

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1
#define FDT_END_NODE   2
#define FDT_PROP       3
#define FDT_NOP        4
#define FDT_END        9
#define MAX_DEPTH      16

static u32 be32(u32 a)
{
    const volatile u8 *p = (const volatile u8 *)a;
    return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b) a++, b++;
    return *a == *b;
}

static u32 slen(const char *s) { u32 n = 0; while (s[n]) n++; return n; }

/* Does the string list (NUL-separated, len bytes) hold s? */
static int list_has(const char *list, u32 len, const char *s)
{
    u32 i = 0;
    while (i < len) {
        if (streq(list + i, s)) return 1;
        i += slen(list + i) + 1;
    }
    return 0;
}

/* Reads n (1 or 2) big-endian cells as one number. */
static u64 cells(u32 a, u32 n)
{
    u64 v = 0;
    for (u32 i = 0; i < n; i++) v = v << 32 | be32(a + 4 * i);
    return v;
}

struct found { int ok; u64 base, size; };

static struct found uart, ram, rtc;

/* What one open node has said so far (its properties come before its children). */
struct node {
    u32 acells, scells;           /* #address-cells / #size-cells for its children */
    int is_uart, is_rtc, is_mem;  /* compatible / device_type matches */
    struct found reg;             /* its first reg entry */
};

static struct node stack[MAX_DEPTH + 1];

/* Walks the structure block; returns 0 on a malformed tree. */
static int walk(u32 fdt)
{
    u32 p = fdt + be32(fdt + 8), strings = fdt + be32(fdt + 12), end = p + be32(fdt + 36);
    int depth = 0;                                        /* the root node is depth 1 */
    while (p < end) {
        u32 tok = be32(p);
        p += 4;
        switch (tok) {
        case FDT_BEGIN_NODE:
            if (++depth > MAX_DEPTH) return 0;
            memset(&stack[depth], 0, sizeof stack[depth]);
            stack[depth].acells = 2; stack[depth].scells = 1;   /* the devicetree spec's defaults */
            p += (slen((const char *)p) + 1 + 3) & ~3u;   /* unit name, NUL, padding */
            break;
        case FDT_END_NODE: {
            if (depth <= 0) return 0;
            struct node *n = &stack[depth];
            if (n->reg.ok && n->is_uart && !uart.ok) uart = n->reg;
            if (n->reg.ok && n->is_rtc && !rtc.ok) rtc = n->reg;
            if (n->reg.ok && n->is_mem && !ram.ok) ram = n->reg;
            depth--;
            break;
        }
        case FDT_PROP: {
            u32 len = be32(p), val = p + 8;
            const char *name = (const char *)(strings + be32(p + 4));
            struct node *n = &stack[depth];
            p = val + ((len + 3) & ~3u);
            if (depth < 1) return 0;
            if (streq(name, "#address-cells") && len == 4) n->acells = be32(val);
            else if (streq(name, "#size-cells") && len == 4) n->scells = be32(val);
            else if (streq(name, "compatible")) {
                n->is_uart |= list_has((const char *)val, len, "arm,pl011");
                n->is_rtc |= list_has((const char *)val, len, "arm,pl031");
            } else if (streq(name, "device_type")) {
                n->is_mem |= list_has((const char *)val, len, "memory");
            } else if (streq(name, "reg") && depth >= 2) {
                u32 ac = stack[depth - 1].acells, sc = stack[depth - 1].scells;   /* the parent's */
                if (ac < 1 || ac > 2 || sc > 2 || len < 4 * (ac + sc)) break;
                n->reg = (struct found){ 1, cells(val, ac), cells(val + 4 * ac, sc) };
            }
            break;
        }
        case FDT_NOP:
            break;
        case FDT_END:
            return depth == 0;
        default:
            return 0;
        }
    }
    return 0;
}

/* Output through the UART the tree names (PL011: poll FR.TXFF, write DR). */
static u32 uart_base;

static void uputc(int c)
{
    while (rd32(uart_base + 0x18) & (1u << 5))
        ;
    wr32(uart_base, (u32)c & 0xff);
}

static void uprint(const char *s) { while (*s) uputc(*s++); }

static void uhex(u64 v)
{
    int top = (v >> 32) ? 60 : 28;
    for (int i = top; i >= 0; i -= 4) uputc("0123456789abcdef"[(v >> i) & 15]);
}

static int is_fdt(u32 a) { return probe_read(a) == 0 && be32((u32)&probe_value) == FDT_MAGIC; }

int main(void)
{
    u32 fdt;
    if (entry_regs[2] && is_fdt(entry_regs[2])) fdt = entry_regs[2];
    else if (is_fdt(0)) fdt = 0;
    else if (is_fdt(0x40000000)) fdt = 0x40000000;
    else {
        println("dtb_hello: no device tree at r2, 0 or 0x40000000");
        return 0;
    }
    if (!walk(fdt)) {
        ph("dtb_hello: malformed device tree at ", fdt);
        println("");
        return 0;
    }
    if (!uart.ok || (uart.base >> 32)) {
        println("dtb_hello: no arm,pl011 below 4 GiB in the device tree");
        return 0;
    }
    uart_base = (u32)uart.base;
    uprint("dtb at "); uhex(fdt); uputc('\n');
    uprint("uart at "); uhex(uart.base); uputc('\n');
    if (ram.ok) { uprint("ram "); uhex(ram.base); uprint(" size "); uhex(ram.size); uputc('\n'); }
    else uprint("no memory node\n");
    if (rtc.ok) { uprint("rtc at "); uhex(rtc.base); uputc('\n'); }
    else uprint("no rtc\n");
    uprint("done\n");
    return 0;
}

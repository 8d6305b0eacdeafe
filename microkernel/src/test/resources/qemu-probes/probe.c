typedef unsigned int u32;
#define R(a) (*(volatile u32 *)(a))
static void putc_(char c) { while (R(0x09000018) & 0x20) ; R(0x09000000) = c; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void hex(u32 v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static void show(const char *n, u32 a) { puts_(n); putc_(' '); hex(a); putc_('='); hex(R(a)); putc_('\n'); }
static void showb(const char *n, u32 a) { puts_(n); putc_(' '); hex(a); putc_('='); hex(*(volatile unsigned char *)a); putc_('\n'); }
void cmain(u32 r0, u32 r1, u32 r2) {
    puts_("regs "); hex(r0); putc_(' '); hex(r1); putc_(' '); hex(r2); putc_('\n');
    show("RAM0", 0x40000000); show("RAM4", 0x40000004);
    u32 d = 0x08000000, c = 0x08010000;
    show("GICD_CTLR", d); show("GICD_TYPER", d + 4); show("GICD_IIDR", d + 8);
    for (u32 o = 0xfd0; o < 0x1000; o += 4) show("GICD_ID", d + o);
    show("IGROUPR0", d + 0x80); show("ISENABLER0", d + 0x100); show("ISENABLER1", d + 0x104);
    show("IPRIORITYR0", d + 0x400); show("ITARGETSR0", d + 0x800); show("ITARGETSR7", d + 0x81c); show("ITARGETSR8", d + 0x820);
    show("ICFGR0", d + 0xc00); show("ICFGR1", d + 0xc04); show("ICFGR2", d + 0xc08);
    R(d + 0x820) = 0xffffffff; show("ITARGETSR8 after ~0", d + 0x820);
    R(d + 0x400) = 0xffffffff; show("IPRIORITYR0 after ~0", d + 0x400);
    R(d + 0x80) = 0xffffffff; show("IGROUPR0 after ~0", d + 0x80);
    R(d + 0) = 3; show("GICD_CTLR after 3", d);
    show("GICC_CTLR", c); show("GICC_PMR", c + 4); show("GICC_BPR", c + 8); show("GICC_IAR", c + 0xc);
    show("GICC_RPR", c + 0x14); show("GICC_HPPIR", c + 0x18); show("GICC_ABPR", c + 0x1c); show("GICC_AIAR", c + 0x20);
    show("GICC_AHPPIR", c + 0x28); show("GICC_IIDR", c + 0xfc);
    R(c + 4) = 0xff; show("GICC_PMR after ff", c + 4); R(c + 8) = 7; show("GICC_BPR after 7", c + 8);
    R(c) = 0xffffffff; show("GICC_CTLR after ~0", c);
    /* SGI self: enable SGI 3 priority 0x80 */
    R(d + 0x100) = 0xffffffff; show("ISENABLER0 after ~0", d + 0x100);
    R(d + 0xf00) = (2 << 24) | 3; show("ISPENDR0", d + 0x200); show("SPENDSGIR0", d + 0xf20);
    show("GICC_HPPIR", c + 0x18); show("GICC_IAR", c + 0xc); show("GICC_RPR", c + 0x14); show("ISACTIVER0", d + 0x300);
    show("GICC_IAR again", c + 0xc); R(c + 0x10) = 0x3; show("GICC_RPR after EOI", c + 0x14); show("ISACTIVER0", d + 0x300);
    u32 p = 0x09010000;
    show("RTC_DR", p); show("RTC_MR", p + 4); show("RTC_LR", p + 8); show("RTC_CR", p + 0xc); show("RTC_IMSC", p + 0x10); show("RTC_RIS", p + 0x14);
    for (u32 o = 0xfe0; o < 0x1000; o += 4) show("RTC_ID", p + o);
    u32 u = 0x09000000;
    show("UART_FR", u + 0x18); show("UART_CR", u + 0x30); show("UART_IFLS", u + 0x34); show("UART_RIS", u + 0x3c); show("UART_LCRH", u + 0x2c);
    show("FLASH0", 0); show("FLASH4", 4); show("FLASH1_0", 0x04000000); showb("FLASH0b", 0);
    R(0) = 0x00980098;
    for (u32 o = 0; o < 0x200; o += 4) show("CFI", o);
    R(0) = 0x00900090; show("ID0", 0); show("ID1", 4); show("ID2", 8); show("ID3", 0xc);
    R(0) = 0x00700070; show("STATUS", 0); show("STATUS4", 4);
    R(0) = 0x00ff00ff; show("ARRAY", 0);
    R(0x100) = 0x00400040; R(0x100) = 0x12345678; show("STATUS after prog", 0x100);
    R(0) = 0x00ff00ff; show("after prog", 0x100);
    R(0x100) = 0x00200020; R(0x100) = 0x00d000d0; show("STATUS after erase", 0x100); show("STATUS2 after erase", 0x100);
    R(0) = 0x00ff00ff; show("after erase", 0x100); show("after erase 0", 0x0);
    R(0x0) = 0x00980098; show("CFI single-width byte 0x10*4", 0x40); showb("CFIb 0x40", 0x40); showb("CFIb 0x41", 0x41);
    R(0x0) = 0x98; show("CFI after 0x98 only", 0x40); R(0) = 0xff;
    puts_("done\n");
    for (;;) ;
}

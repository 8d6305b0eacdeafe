typedef unsigned int u32;
#define R(a) (*(volatile u32 *)(a))
static void putc_(char c) { R(0x09000000) = c; }
static void puts_(const char *s) { while (*s) putc_(*s++); }
static void hex(u32 v) { for (int i = 28; i >= 0; i -= 4) putc_("0123456789abcdef"[(v >> i) & 15]); }
static void show(const char *n, u32 a) { puts_(n); putc_('='); hex(R(a)); putc_('\n'); }
void cmain(void) {
    u32 d = 0x08000000, c = 0x08010000;
    R(d) = 1; R(c) = 1; R(c + 4) = 0xf0;
    *(volatile unsigned char *)(d + 0x400 + 3) = 0x81;
    R(d + 0xf00) = (2 << 24) | 3;
    show("HPPIR", c + 0x18); show("IAR", c + 0xc); show("RPR", c + 0x14); show("HPPIR2", c + 0x18);
    /* SPI 40 edge, pending via ISPENDR, priority 0x40 preempts */
    *(volatile unsigned char *)(d + 0x400 + 40) = 0x40;
    R(d + 0x104) = 1 << 8; R(d + 0x204) = 1 << 8;
    show("ISPENDR1", d + 0x204); show("HPPIR3", c + 0x18); show("IAR2", c + 0xc); show("RPR2", c + 0x14);
    R(c + 0x10) = 3; show("RPR after EOI 3 (wrong order)", c + 0x14); show("ISACTIVER0", d + 0x300); show("ISACTIVER1", d + 0x304);
    R(c + 0x10) = 40; show("RPR after EOI 40", c + 0x14); show("ISACTIVER0", d + 0x300); show("ISACTIVER1", d + 0x304);
    /* level SPI: set pending by ISPENDR on a level SPI, clear with ICPENDR */
    R(d + 0x284) = 1 << 8; show("ISPENDR1 after ICPENDR", d + 0x204);
    R(c + 8) = 3; show("BPR", c + 8);
    show("ICFGR2", d + 0xc08); R(d + 0xc08) = 0xffffffff; show("ICFGR2 after ~0", d + 0xc08);
    R(d + 0xc04) = 0xffffffff; show("ICFGR1 after ~0", d + 0xc04);
    R(d + 0x180) = 0xffffffff; show("ISENABLER0 after ICENABLER ~0", d + 0x100);
    show("GICD_TYPER", d + 4);
    puts_("done\n");
    for (;;) ;
}

/* Shared helpers for the virt bare-metal guests (see start.S, lib.c). */
#ifndef VIRT_LIB_H
#define VIRT_LIB_H

typedef unsigned int u32;
typedef unsigned long long u64;
typedef unsigned short u16;
typedef unsigned char u8;

#define MRC(op1, crn, crm, op2) ({ u32 _v; __asm__ volatile("mrc p15, " #op1 ", %0, c" #crn ", c" #crm ", " #op2 : "=r"(_v)); _v; })
#define MCR(op1, crn, crm, op2, v) __asm__ volatile("mcr p15, " #op1 ", %0, c" #crn ", c" #crm ", " #op2 :: "r"((u32)(v)) : "memory")
#define MRRC(op1, crm) ({ u32 _l, _h; __asm__ volatile("mrrc p15, " #op1 ", %0, %1, c" #crm : "=r"(_l), "=r"(_h)); ((u64)_h << 32) | _l; })
#define MCRR(op1, crm, v) __asm__ volatile("mcrr p15, " #op1 ", %0, %1, c" #crm :: "r"((u32)(v)), "r"((u32)((u64)(v) >> 32)) : "memory")
#define ISB() __asm__ volatile("isb" ::: "memory")
#define DSB() __asm__ volatile("dsb" ::: "memory")

/* CP15 registers used by several guests */
#define SCTLR_R()   MRC(0, 1, 0, 0)
#define SCTLR_W(v)  MCR(0, 1, 0, 0, v)
#define TTBR0_W(v)  MCR(0, 2, 0, 0, v)
#define TTBR1_W(v)  MCR(0, 2, 0, 1, v)
#define TTBCR_W(v)  MCR(0, 2, 0, 2, v)
#define DACR_W(v)   MCR(0, 3, 0, 0, v)
#define DFSR_R()    MRC(0, 5, 0, 0)
#define IFSR_R()    MRC(0, 5, 0, 1)
#define DFAR_R()    MRC(0, 6, 0, 0)
#define IFAR_R()    MRC(0, 6, 0, 2)
#define TLBIALL()   MCR(0, 8, 7, 0, 0)
#define TLBIMVA(va) MCR(0, 8, 7, 1, va)
#define VBAR_W(v)   MCR(0, 12, 0, 0, v)

static inline u32 get_cpsr(void) { u32 v; __asm__ volatile("mrs %0, cpsr" : "=r"(v)); return v; }
static inline u32 rd32(u32 a) { return *(volatile u32 *)a; }
static inline void wr32(u32 a, u32 v) { *(volatile u32 *)a = v; }
static inline void irq_enable(void) { __asm__ volatile("cpsie i" ::: "memory"); }
static inline void irq_disable(void) { __asm__ volatile("cpsid i" ::: "memory"); }

enum { EXC_RESET, EXC_UND, EXC_SVC, EXC_PABT, EXC_DABT, EXC_HYP, EXC_IRQ, EXC_FIQ };
extern const char *const exc_name[8];

/* What the vector stubs push: spsr, r0-r12, the banked lr of the exception mode. */
struct frame { u32 spsr; u32 r[13]; u32 lr; };

/* Hook a guest may define; returns nonzero when it handled the exception. */
int guest_exc(int kind, struct frame *f) __attribute__((weak));
/* Preferred return address (ARM ARM table B1-7) of the exception in f. */
u32 exc_pref_return(int kind, const struct frame *f);
/* Make the stub's return form land on addr. */
void exc_resume(int kind, struct frame *f, u32 addr);

/* Probes: run fn(arg); an UND/PABT/DABT during it is recorded and resumes SVC code
 * after the call. Returns 0 when fn returned normally, 1 after an exception. */
int probe(void (*fn)(u32), u32 arg);
extern volatile u32 probe_armed, probe_kind, probe_fsr, probe_far, probe_value;
int probe_read(u32 addr);            /* value in probe_value */
int probe_write(u32 addr, u32 val);
void probe_recover(void);            /* where a probe resumes (in SVC mode) */
static inline u32 probe_recover_addr(void) { return (u32)probe_recover; }

extern u32 entry_cpsr, entry_sctlr, entry_regs[3];   /* as found at _start; regs = r0-r2 */

void uart_putc(int c);
void print(const char *s);
void println(const char *s);
void print_hex(u32 v);              /* 8 digits, no prefix */
void print_hex64(u64 v);            /* 16 digits */
void print_dec(u32 v);
void print_reg(const char *name, u32 v);   /* "name=xxxxxxxx\n" */
void ph(const char *label, u32 v);         /* label then 8 hex digits, no newline */
void psci_off(void) __attribute__((noreturn));

void *memset(void *d, int c, unsigned n);
void *memcpy(void *d, const void *s, unsigned n);

#endif

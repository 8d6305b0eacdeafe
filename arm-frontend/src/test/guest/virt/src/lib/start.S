/* Shared startup for the virt guests: QEMU's -kernel ELF enters _start in SVC mode,
 * IRQ/FIQ/async aborts masked, MMU and caches off. Records CPSR and SCTLR as found,
 * clears .bss, gives every mode its own stack, points VBAR at lib_vectors, calls
 * main() and powers off with PSCI SYSTEM_OFF when main returns. */
    .syntax unified
    .arm
    .arch_extension virt
    .arch_extension sec

    .section .text.start, "ax"
    .global _start
_start:
    mov     r6, r0
    mov     r7, r1
    mov     r8, r2
    mrs     r4, cpsr
    mrc     p15, 0, r5, c1, c0, 0
    ldr     r0, =__bss_start
    ldr     r1, =__bss_end
    mov     r2, #0
1:  cmp     r0, r1
    strlo   r2, [r0], #4
    blo     1b
    ldr     r0, =entry_cpsr
    str     r4, [r0]
    ldr     r0, =entry_sctlr
    str     r5, [r0]
    ldr     r0, =entry_regs
    stmia   r0, {r6-r8}
    cps     #0x11
    ldr     sp, =__fiq_stack_top
    cps     #0x12
    ldr     sp, =__irq_stack_top
    cps     #0x17
    ldr     sp, =__abt_stack_top
    cps     #0x1b
    ldr     sp, =__und_stack_top
    cps     #0x1f
    ldr     sp, =__usr_stack_top
    cps     #0x13
    ldr     sp, =__svc_stack_top
    ldr     r0, =lib_vectors
    mcr     p15, 0, r0, c12, c0, 0      @ VBAR
    isb
    bl      main
    b       psci_off

    .global psci_off
psci_off:
    ldr     r0, =0x84000008             @ PSCI 0.2 SYSTEM_OFF (SMC32/HVC32)
    hvc     #0
    b       .

/* Vector table: every entry saves {spsr, r0-r12, lr} (struct frame) and calls
 * exc_dispatch(kind, frame). C may rewrite frame->lr/spsr (see exc_resume). The
 * stubs return with different architectural forms on purpose. */
    .section .text.vectors, "ax"
    .balign 32
    .global lib_vectors
lib_vectors:
    b       stub_reset
    b       stub_und
    b       stub_svc
    b       stub_pabt
    b       stub_dabt
    b       stub_hyp
    b       stub_irq
    b       stub_fiq

.macro ENTER kind
    stmfd   sp!, {r0-r12, lr}
    mrs     r0, spsr
    push    {r0}
    mov     r0, #\kind
    mov     r1, sp
    mov     r4, sp
    bic     sp, sp, #7
    bl      exc_dispatch
    mov     sp, r4
    pop     {r0}
    msr     spsr_cxsf, r0
.endm

stub_reset:
    ENTER   0
    b       .
stub_und:                               @ return: MOVS pc, lr
    ENTER   1
    ldmfd   sp!, {r0-r12, lr}
    movs    pc, lr
stub_svc:                               @ return: LDM with ^ and pc in the list
    ENTER   2
    ldmfd   sp!, {r0-r12, pc}^
stub_pabt:                              @ return: SRS + RFE
    ENTER   3
    ldmfd   sp!, {r0-r12, lr}
    srsdb   sp!, #0x17
    rfeia   sp!
stub_dabt:                              @ return: SUBS pc, lr, #8
    ENTER   4
    ldmfd   sp!, {r0-r12, lr}
    subs    pc, lr, #8
stub_hyp:
    ENTER   5
    b       .
stub_irq:                               @ return: SUBS pc, lr, #4
    ENTER   6
    ldmfd   sp!, {r0-r12, lr}
    subs    pc, lr, #4
stub_fiq:
    ENTER   7
    ldmfd   sp!, {r0-r12, lr}
    subs    pc, lr, #4

/* int probe_call(void (*fn)(u32), u32 arg): 0 when fn returns, 1 when an abort
 * during fn was resumed at probe_recover (exc_dispatch does that while probe_armed). */
    .text
    .global probe_call, probe_recover
probe_call:
    push    {r3-r11, lr}
    ldr     r2, =probe_sp
    str     sp, [r2]
    mov     r2, r0
    mov     r0, r1
    blx     r2
    mov     r0, #0
    pop     {r3-r11, pc}
probe_recover:
    ldr     r2, =probe_sp
    ldr     sp, [r2]
    mov     r0, #1
    pop     {r3-r11, pc}

    .bss
    .balign 4
probe_sp: .space 4

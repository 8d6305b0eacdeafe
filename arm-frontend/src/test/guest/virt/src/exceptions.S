/* exceptions: the instruction sequences that raise each exception (see exceptions.c). */
    .syntax unified
    .arch_extension virt
    .arch_extension sec
    .text

    .arm
    .global arm_svc, arm_udf, arm_bkpt, thumb_svc_udf, thumb_bkpt, read_skip, write_skip
    .global do_smc, do_hvc, enter_user, user_code, jump_to
@ svc from ARM state; the handler reads the imm from the instruction
arm_svc:
    push    {lr}                    @ an SVC taken in SVC mode overwrites LR_svc
    svc     #0x123456
    svc     #0
    pop     {pc}
arm_udf:
    udf     #0xbeef
    bx      lr
arm_bkpt:
    bkpt    #0x12
    bx      lr
@ u32 read_skip(u32 addr): an aborting LDR is skipped, r0 then holds the sentinel
read_skip:
    mov     r1, r0
    ldr     r0, =0x5a5a5a5a
    ldr     r0, [r1]
    bx      lr
@ void write_skip(u32 addr, u32 value)
write_skip:
    str     r1, [r0]
    bx      lr
@ u32 do_smc(u32 r0)
do_smc:
    smc     #0
    bx      lr
@ u32 do_hvc(u32 r0, u32 r1): hvc #0 with r0 = function id
do_hvc:
    hvc     #0
    bx      lr
@ u32 jump_to(u32 addr): branch to addr (prefetch abort probe)
jump_to:
    bx      r0

@ void enter_user(void (*fn)(void)): exception return into USR mode at fn
enter_user:
    msr     spsr_cxsf, #0x10        @ USR, ARM, IRQ/FIQ unmasked (nothing pending)
    mov     lr, r0
    movs    pc, lr

@ void enter_user_cps(void (*fn)(void)) / enter_user_msr: switch to USR in place, then call fn
    .global enter_user_cps, enter_user_msr
enter_user_cps:
    cps     #0x10
    bx      r0
enter_user_msr:
    msr     cpsr_c, #0x10
    bx      r0

@ the user task: SVC, UDF, and a Thumb SVC from USR; svc #0xff returns to the kernel
user_code:
    mov     r0, #1
    svc     #0x42
    mov     r0, #2
    udf     #0x77
    adr     r0, user_thumb + 1
    blx     r0
    svc     #0xff
    b       .

    .thumb
    .thumb_func
user_thumb:
    svc     #0x55
    bx      lr

    .thumb_func
thumb_svc_udf:
    push    {lr}
    svc     #0x33
    udf     #0x44
    pop     {pc}

@ u32 thumb_read_skip(u32 addr): a 16-bit Thumb LDR that may abort (r0 keeps the sentinel)
    .global thumb_read_skip, thumb_udf_w
    .thumb_func
thumb_read_skip:
    mov     r1, r0
    ldr     r0, =0x5a5a5a5a
    ldr     r0, [r1]
    bx      lr
    .ltorg

@ a 32-bit Thumb UDF: LR_und is still the UDF address + 2
    .thumb_func
thumb_udf_w:
    udf.w   #0x1234
    bx      lr

    .thumb_func
thumb_bkpt:
    bkpt    #0x34
    bx      lr

.global _start
_start:
    mov r4, r0
    mov r5, r1
    mov r6, r2
    adr r7, _start
    ldr r8, =0x09000000
    mov r0, r4
    bl hex
    mov r0, r5
    bl hex
    mov r0, r6
    bl hex
    mov r0, r7
    bl hex
    ldr r0, [r6]
    bl hex
1:  b 1b
hex: mov r3, #28
2:  lsr r1, r0, r3
    and r1, r1, #15
    cmp r1, #10
    addlt r1, r1, #48
    addge r1, r1, #87
    str r1, [r8]
    subs r3, r3, #4
    bge 2b
    mov r1, #10
    str r1, [r8]
    bx lr
.ltorg

.global _start
_start:
    ldr sp, =0x40800000
    bl cmain
1:  b 1b

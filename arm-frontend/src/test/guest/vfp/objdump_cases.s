.syntax unified
.arm
.fpu vfpv3-d16
vmla.f32 s0, s1, s2
vmls.f64 d3, d4, d5
vnmla.f32 s31, s30, s29
vnmls.f64 d15, d14, d13
vmul.f32 s3, s5, s7
vnmul.f64 d1, d2, d3
vadd.f64 d0, d1, d2
vsub.f32 s10, s11, s12
vdiv.f64 d7, d8, d9
vdivne.f32 s1, s2, s3
vmov.f32 s0, #1.0
vmov.f64 d2, #-2.5
vmov.f32 s7, #0.125
vmov.f64 d3, #31.0
vmov.f32 s4, s5
vmov.f64 d4, d5
vabs.f32 s1, s2
vabs.f64 d1, d2
vneg.f32 s3, s4
vneg.f64 d3, d4
vsqrt.f32 s5, s6
vsqrt.f64 d5, d6
vcmp.f32 s0, s1
vcmpe.f64 d0, d1
vcmp.f64 d2, #0.0
vcmpe.f32 s3, #0.0
vcvt.f64.f32 d0, s1
vcvt.f32.f64 s2, d3
vcvt.f32.s32 s0, s1
vcvt.f32.u32 s2, s3
vcvt.f64.s32 d0, s5
vcvt.f64.u32 d1, s6
vcvt.s32.f32 s0, s1
vcvt.u32.f32 s2, s3
vcvtr.s32.f64 s4, d5
vcvtr.u32.f32 s6, s7
vcvt.s32.f64 s0, d1
vcvt.u32.f64 s8, d9
vcvt.s16.f32 s0, s0, #8
vcvt.u16.f64 d1, d1, #16
vcvt.s32.f64 d2, d2, #1
vcvt.u32.f32 s3, s3, #32
vcvt.f32.s16 s4, s4, #1
vcvt.f64.u16 d5, d5, #7
vcvt.f32.s32 s6, s6, #31
vcvt.f64.u32 d7, d7, #20
vmov s0, r1
vmov r2, s3
vmov s0, s1, r2, r3
vmov r4, r5, s6, s7
vmov d0, r1, r2
vmov r3, r4, d5
vmov.32 d0[1], r1
vmov.32 r2, d3[0]
vmrs APSR_nzcv, fpscr
vmrs r0, fpscr
vmsr fpscr, r1
vmrsgt r2, fpscr
vldr d0, [r3, #8]
vldr s0, [r3, #-8]
vldr s1, [r3]
vstr d15, [sp, #1020]
vstr s31, [r0, #-1020]
vldmia r0!, {d0-d3}
vldmia r1, {s0-s5}
vstmia r2, {d4}
vstmdb r0!, {s0-s3}
vldmdb r4!, {d8-d15}
vpush {d8-d15}
vpop {d8}
vpush {s16-s31}
vpop {s0}
fldmiax r0!, {d0-d1}
fstmdbx r3!, {d2}
vaddeq.f32 s0, s1, s2
vcvtlt.s32.f64 s0, d1
vldrne d1, [r2, #4]

package dynvm.arm;

import java.util.Map;

/**
 * The ARM Linux vector page at 0xffff0000 with the kernel-provided user helpers at the fixed
 * addresses Documentation/arm/kernel_user_helpers.rst gives them. ARMv5 code (Debian armel
 * glibc) calls these instead of using atomic instructions it may not have.
 *
 * <p>The helpers are real ARM machine code (encodings checked with GNU as), built on LDREX/STREX
 * so they stay atomic once threads run concurrently, and return with {@code bx lr} so Thumb
 * callers come back in Thumb state. {@code __kuser_helper_version} is 5: five 32-byte helper
 * slots from 0xffff0f60, the version that includes __kuser_cmpxchg64.
 */
public final class ArmKuserPage {
    private ArmKuserPage() { }

    public static final int BASE = 0xffff0000;
    public static final int CMPXCHG64 = 0xffff0f60, MEMORY_BARRIER = 0xffff0fa0, CMPXCHG = 0xffff0fc0,
            GET_TLS = 0xffff0fe0, HELPER_VERSION = 0xffff0ffc;
    public static final int VERSION = 5;

    /**
     * __kuser_cmpxchg64(r0 = &oldval, r1 = &newval, r2 = ptr): r0 = 0 and C = 1 when *ptr held
     * oldval and now holds newval, else r0 != 0 and C = 0. Clobbers r3 and the flags.
     */
    static final int[] CMPXCHG64_CODE = {
            0xe92d00f0,   // push     {r4, r5, r6, r7}
            0xe1c040d0,   // ldrd     r4, r5, [r0]
            0xe1c160d0,   // ldrd     r6, r7, [r1]
            0xe1b20f9f,   // 1: ldrexd r0, r1, [r2]
            0xe0303004,   // eors     r3, r0, r4
            0x00313005,   // eorseq   r3, r1, r5
            0x01a23f96,   // strexdeq r3, r6, r7, [r2]
            0x03330001,   // teqeq    r3, #1          @ store lost the reservation: retry
            0x0afffff9,   // beq      1b
            0xe2730000,   // rsbs     r0, r3, #0      @ r0 = 0 and C = 1 only when r3 == 0
            0xe8bd00f0,   // pop      {r4, r5, r6, r7}
            0xe12fff1e,   // bx       lr
    };

    /** __kuser_memory_barrier: the ARMv6 CP15 data memory barrier. */
    static final int[] MEMORY_BARRIER_CODE = {
            0xee070fba,   // mcr      p15, 0, r0, c7, c10, 5
            0xe12fff1e,   // bx       lr
    };

    /** __kuser_cmpxchg(r0 = oldval, r1 = newval, r2 = ptr): as cmpxchg64, one word. Clobbers r3. */
    static final int[] CMPXCHG_CODE = {
            0xe1923f9f,   // 1: ldrex r3, [r2]
            0xe0533000,   // subs     r3, r3, r0
            0x01823f91,   // strexeq  r3, r1, [r2]
            0x03330001,   // teqeq    r3, #1
            0x0afffffa,   // beq      1b
            0xe2730000,   // rsbs     r0, r3, #0
            0xe12fff1e,   // bx       lr
    };

    /** __kuser_get_tls: r0 = TPIDRURO, the value set with the set_tls syscall. */
    static final int[] GET_TLS_CODE = {
            0xee1d0f70,   // mrc      p15, 0, r0, c13, c0, 3
            0xe12fff1e,   // bx       lr
    };

    /** The page's contents, little-endian. A fresh array each call: callers may keep it. */
    public static byte[] contents() {
        byte[] page = new byte[4096];
        put(page, CMPXCHG64, CMPXCHG64_CODE);
        put(page, MEMORY_BARRIER, MEMORY_BARRIER_CODE);
        put(page, CMPXCHG, CMPXCHG_CODE);
        put(page, GET_TLS, GET_TLS_CODE);
        put(page, HELPER_VERSION, new int[]{VERSION});
        // signal return for handlers without SA_RESTORER (see ArmSignalFrames)
        put(page, ArmSignalFrames.SIGRETURN_CODES_ADDR, ArmSignalFrames.SIGRETURN_CODES);
        return page;
    }

    /** The kernel pages of an ARM Linux process: just this one. */
    public static Map<Integer, byte[]> pages() { return Map.of(BASE, contents()); }

    private static void put(byte[] page, int addr, int[] words) {
        int off = addr - BASE;
        for (int w : words) {
            page[off] = (byte) w;
            page[off + 1] = (byte) (w >>> 8);
            page[off + 2] = (byte) (w >>> 16);
            page[off + 3] = (byte) (w >>> 24);
            off += 4;
        }
    }
}

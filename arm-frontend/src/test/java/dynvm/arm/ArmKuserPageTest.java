package dynvm.arm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.translator.harness.SnippetRunner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The kuser helpers, executed as ARM code through both engines (called with lr outside the snippet). */
class ArmKuserPageTest extends ArmSnippets {
    private static final int RETURN = 0x5000, PTR = DATA + 0x40;

    @Test
    void helpersSitWhereLinuxPutsThem() {
        ByteBuffer page = ByteBuffer.wrap(new ArmIsa().linuxUser().kernelPages().get(0xffff0000)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(4096, page.capacity());
        assertEquals(5, page.getInt(0xffc));
        assertEquals(0xe1b20f9f, page.getInt(0xf60 + 12));           // ldrexd in __kuser_cmpxchg64
        assertEquals(0xe1923f9f, page.getInt(0xfc0));                // ldrex first in __kuser_cmpxchg
        assertEquals(0xee1d0f70, page.getInt(0xfe0));                // mrc TPIDRURO in __kuser_get_tls
        assertEquals(0xe12fff1e, page.getInt(0xfa4));                // bx lr after the barrier
    }

    private static SnippetRunner.Result cmpxchg(int memory, int old, int now) {
        return run((c, m) -> {
            m.store32le(PTR, memory);
            setReg(c, 0, old);
            setReg(c, 1, now);
            setReg(c, 2, PTR);
            setReg(c, 14, RETURN);
        }, ArmKuserPage.CMPXCHG_CODE);
    }

    @Test
    void cmpxchgStoresOnlyWhenTheOldValueMatches() {
        SnippetRunner.Result r = cmpxchg(10, 10, 20);
        assertEquals(RETURN, r.cpu().pc);
        assertEquals(0, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.C));
        assertEquals(20, load32(r, PTR));
        r = cmpxchg(11, 10, 20);
        assertEquals(RETURN, r.cpu().pc);
        assertEquals(true, reg(r, 0) != 0);
        assertEquals(0, get(r, ArmRegs.C));
        assertEquals(11, load32(r, PTR));
    }

    private static SnippetRunner.Result cmpxchg64(long memory, long old, long now) {
        return run((c, m) -> {
            m.store64le(PTR, memory);
            m.store64le(DATA, old);
            m.store64le(DATA + 8, now);
            setReg(c, 0, DATA);
            setReg(c, 1, DATA + 8);
            setReg(c, 2, PTR);
            setReg(c, 4, 44);
            setReg(c, 14, RETURN);
        }, ArmKuserPage.CMPXCHG64_CODE);
    }

    @Test
    void cmpxchg64ComparesBothWords() {
        SnippetRunner.Result r = cmpxchg64(0x1_00000002L, 0x1_00000002L, 0x7_00000008L);
        assertEquals(0, reg(r, 0));
        assertEquals(1, get(r, ArmRegs.C));
        assertEquals(0x7_00000008L, r.mem().load64le(PTR));
        assertEquals(44, reg(r, 4));                                // callee-saved registers restored
        r = cmpxchg64(0x2_00000002L, 0x1_00000002L, 0x7_00000008L);  // low words equal, high differ
        assertEquals(true, reg(r, 0) != 0);
        assertEquals(0, get(r, ArmRegs.C));
        assertEquals(0x2_00000002L, r.mem().load64le(PTR));
        assertEquals(RETURN, r.cpu().pc);
    }

    @Test
    void getTlsAndBarrierReturn() {
        SnippetRunner.Result r = run((c, m) -> { set(c, ArmRegs.TPIDRURO, 0xbeef0); setReg(c, 14, RETURN | 1); }, ArmKuserPage.GET_TLS_CODE);
        assertEquals(0xbeef0, reg(r, 0));
        assertEquals(RETURN, r.cpu().pc);
        assertEquals(1, get(r, ArmRegs.T));                          // bx lr returns to a Thumb caller in Thumb state
        r = run((c, m) -> setReg(c, 14, RETURN), ArmKuserPage.MEMORY_BARRIER_CODE);
        assertEquals(RETURN, r.cpu().pc);
    }
}

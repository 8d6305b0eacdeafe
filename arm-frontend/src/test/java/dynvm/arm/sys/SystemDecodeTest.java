package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmRegs;
import dynvm.ir.Insn;
import dynvm.ir.IrEmitter;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.spi.MemoryPort;
import dynvm.spi.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The SYSTEM decode context: sensitive instructions end their block in a SYSTEM service call with
 * the {@link SysOp} the system CPU expects, and the same words without the context decode exactly
 * as in user mode.
 */
class SystemDecodeTest {
    static final int PC = 0x8000;
    static final int SYSTEM = ArmDecoder.SYSTEM | ArmDecoder.VFP_ENABLED;

    /** Decodes one instruction ({@code word} at PC; Thumb: halfword(s), first in the high half when wide). */
    static IrEmitter decode(int word, int context) {
        MemoryPort code = new WordPort(word, (context & ArmDecoder.THUMB) != 0);
        IrEmitter e = new IrEmitter(ArmRegs.FILE);
        new ArmDecoder().lower(PC, context, code, e);
        return e;
    }

    /** The constant an argument temp of the terminal holds. */
    static int constant(IrEmitter e, int temp) {
        for (Insn i : e.ops()) if (i.dst == temp && i.op == Op.CONST_I32) return (int) i.imm;
        throw new AssertionError("temp " + temp + " is not a constant");
    }

    static Terminal.ServiceCall systemCall(IrEmitter e) {
        Terminal.ServiceCall sc = assertInstanceOf(Terminal.ServiceCall.class, e.terminal());
        assertEquals(Services.SYSTEM, sc.service());
        return sc;
    }

    @ParameterizedTest(name = "{0} 0x{1}")
    @CsvSource({
            "svc #0,            ef000000, 1, 4",
            "hvc #0,            e1400070, 2, 4",
            "smc #0,            e1600070, 3, 4",
            "mcr p15 sctlr,     ee010f10, 4, 4",
            "mrc p15 midr,      ee100f10, 5, 4",
            "mcrr p15 ttbr0,    ec410f02, 6, 4",
            "mrrc p15 cntpct,   ec510f0e, 7, 4",
            "cpsid i,           f10c0080, 8, 4",
            "mrs r0 cpsr,       e10f0000, 9, 4",
            "mrs r0 spsr,       e14f0000, 9, 4",
            "msr cpsr_c r0,     e121f000, 10, 4",
            "msr cpsr_f imm,    e328f20f, 10, 4",
            "mrs r0 sp_usr,     e1050200, 11, 4",
            "msr sp_svc r1,     e123f301, 12, 4",
            "srsdb sp! svc,     f96d0513, 13, 4",
            "rfeia sp!,         f8bd0a00, 14, 4",
            "subs pc lr 4,      e25ef004, 15, 4",
            "movs pc lr,        e1b0f00e, 15, 4",
            "ldm sp! r0 pc ^,   e8fd8001, 16, 4",
            "stmdb sp r13 r14 ^, e94d6000, 17, 4",
            "ldrt r0 r1 4,      e4b10004, 18, 4",
            "strbt r0 r1 r2,    e6e10002, 18, 4",
            "ldrht r0 r1 2,     e0f100b2, 18, 4",
            "wfi,               e320f003, 19, 4",
            "wfe,               e320f002, 20, 4",
            "sev,               e320f004, 21, 4",
            "isb,               f57ff06f, 22, 4",
            "vmrs r0 fpexc,     eef80a10, 23, 4",
    })
    void a32SensitiveInstructionsBecomeSystemCalls(String name, String hex, int op, int size) {
        int word = (int) Long.parseLong(hex, 16);
        IrEmitter e = decode(word, SYSTEM);
        Terminal.ServiceCall sc = systemCall(e);
        assertEquals(op, constant(e, sc.args()[0]), name);
        assertEquals(PC + size, sc.nextPc());
        IrEmitter user = decode(word, 0);
        if (user.terminal() instanceof Terminal.ServiceCall us) assertNotEquals(Services.SYSTEM, us.service(), name);
    }

    @Test
    void theConditionGoesToTheService() {
        IrEmitter e = decode(0x1e010f10, SYSTEM);          // mcrne p15, 0, r0, c1, c0, 0
        assertEquals(1, constant(e, systemCall(e).args()[2]));
        e = decode(0xee010f10, SYSTEM);
        assertEquals(14, constant(e, systemCall(e).args()[2]));
    }

    @Test
    void userModeDecodingIsUnchanged() {
        IrEmitter e = decode(0xef000000, 0);                // svc: the Linux system call
        assertEquals(Services.SYSCALL, assertInstanceOf(Terminal.ServiceCall.class, e.terminal()).service());
        e = decode(0xe25ef004, 0);                          // subs pc, lr, #4: SIGILL in user mode
        assertInstanceOf(Terminal.Trap.class, e.terminal());
        e = decode(0xee110f10, 0);                          // mrc SCTLR: undefined in user mode
        assertInstanceOf(Terminal.Trap.class, e.terminal());
        e = decode(0xe320f003, 0);                          // wfi: a NOP in user mode
        assertEquals(null, e.terminal());
    }

    @Test
    void tlsReadsAndOrdinaryInstructionsStayInline() {
        assertEquals(null, decode(0xee1d0f70, SYSTEM).terminal());   // mrc p15, 0, r0, c13, c0, 3 (TPIDRURO)
        assertEquals(null, decode(0xe0810002, SYSTEM).terminal());   // add r0, r1, r2
        assertEquals(null, decode(0xe5910000, SYSTEM).terminal());   // ldr r0, [r1]
        assertEquals(null, decode(0xe730f110, SYSTEM).terminal());   // udiv r0, r0, r1: the A15 divides
        assertInstanceOf(Terminal.Trap.class, decode(0xe730f110, 0).terminal());   // the user-mode CPU has no divider
    }

    @Test
    void vfpIsUndefinedWhileDisabledExceptItsSystemRegisters() {
        int vadd = 0xee300b00;                              // vadd.f64 d0, d0, d0
        assertEquals(null, decode(vadd, SYSTEM).terminal());
        assertInstanceOf(Terminal.Trap.class, decode(vadd, ArmDecoder.SYSTEM).terminal());
        systemCall(decode(0xeee80a10, ArmDecoder.SYSTEM));  // vmsr fpexc, r0 still reaches the CPU
        Terminal.Trap t = assertInstanceOf(Terminal.Trap.class, decode(0xeeee0b00 | 0x00300000, ArmDecoder.SYSTEM | ArmDecoder.THUMB).terminal());
        assertEquals(PC, t.pc());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "svc #1,          df01,     1, 2",
            "cpsid i,         b672,     8, 2",
            "wfi,             bf30,     19, 2",
            "mrs r0 cpsr,     f3ef8000, 9, 4",
            "msr cpsr_c r0,   f3808100, 10, 4",
            "subs pc lr 4,    f3de8f04, 15, 4",
            "mrc p15 midr,    ee100f10, 5, 4",
            "hvc #0,          f7e08000, 2, 4",
            "rfedb r0,        e810c000, 14, 4",
            "ldrt r0 r1 4,    f8510e04, 18, 4",
    })
    void thumbSensitiveInstructionsBecomeSystemCalls(String name, String hex, int op, int size) {
        int insn = (int) Long.parseLong(hex, 16);
        IrEmitter e = decode(insn, SYSTEM | ArmDecoder.THUMB);
        Terminal.ServiceCall sc = systemCall(e);
        assertEquals(op, constant(e, sc.args()[0]), name);
        assertEquals(PC + size, sc.nextPc());
        assertEquals(size == 4, (constant(e, sc.args()[1]) & SysOp.THUMB32) != 0);
    }

    @Test
    void anItBlockKeepsTheSystemContext() {
        IrEmitter e = decode(0xbf08, SYSTEM | ArmDecoder.THUMB);   // it eq
        int next = e.takeNextContext();
        assertTrue((next & ArmDecoder.SYSTEM) != 0 && (next & ArmDecoder.VFP_ENABLED) != 0);
        assertEquals(0x08, next >>> ArmDecoder.IT_SHIFT & 0xff);
    }

    /** Code memory holding one instruction at PC. */
    private record WordPort(int word, boolean thumb) implements MemoryPort {
        @Override public int load32(int addr) { return word; }
        @Override public int load16(int addr) {
            boolean wide = word >>> 16 != 0;
            if (!wide) return word & 0xffff;
            return addr == PC ? word >>> 16 : word & 0xffff;
        }
        @Override public int load8(int addr) { throw new UnsupportedOperationException(); }
        @Override public long load64(int addr) { throw new UnsupportedOperationException(); }
        @Override public void store8(int addr, int v) { throw new UnsupportedOperationException(); }
        @Override public void store16(int addr, int v) { throw new UnsupportedOperationException(); }
        @Override public void store32(int addr, int v) { throw new UnsupportedOperationException(); }
        @Override public void store64(int addr, long v) { throw new UnsupportedOperationException(); }
    }
}

package dynvm.translator.loader;

import dynvm.spi.CpuState;
import dynvm.spi.Decoder;
import dynvm.spi.Isa;
import dynvm.spi.RegisterFile;
import dynvm.spi.SyscallAbi;

import java.nio.ByteOrder;
import java.util.Map;

/** A stand-in ISA for loader tests: only the properties the loader reads (ELF identity, auxv data). */
record FakeIsa(int elfMachine, ByteOrder byteOrder, int hwcap, String platform, Map<Integer, Integer> extraAuxv)
        implements Isa, dynvm.spi.LinuxUserAbi {
    /** Looks like PPC32 big-endian, with PPC's cache-size auxv entries. */
    static FakeIsa ppcLike() {
        return new FakeIsa(20, ByteOrder.BIG_ENDIAN, 0x8c000000, null,
                Map.of(Auxv.AT_DCACHEBSIZE, 32, Auxv.AT_ICACHEBSIZE, 32, Auxv.AT_UCACHEBSIZE, 0));
    }

    @Override public String name() { return "fake"; }
    @Override public String description() { return "test ISA"; }
    @Override public RegisterFile registers() { throw new UnsupportedOperationException(); }
    @Override public Decoder decoder() { throw new UnsupportedOperationException(); }
    @Override public dynvm.spi.LinuxUserAbi linuxUser() { return this; }
    @Override public dynvm.spi.SyscallAbi syscalls() { throw new UnsupportedOperationException(); }
    @Override public void initUserState(dynvm.spi.CpuState cpu, int entry, int stackPointer) { throw new UnsupportedOperationException(); }
}

package dynvm.translator.vm;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dynvm.ir.Block;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.microkernel.mem.MemoryFault;
import dynvm.spi.Isa;
import dynvm.spi.MemoryPort;
import java.lang.reflect.Proxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A shared block is reused only where the same instruction bytes are fetchable again. */
class SharedBlocksTest {
    private static final int PC = 0x1000;

    /** Big-endian code words at PC; fetching anywhere else faults, as from an unmapped page. */
    private static MemoryPort codeWith(int... words) {
        return new MemoryPort() {
            @Override public int load16(int a) {
                int i = (a - PC) >> 2;
                if (a < PC || i >= words.length) throw new MemoryFault(a, false, true);
                return ((a & 2) == 0 ? words[i] >>> 16 : words[i]) & 0xffff;
            }
            @Override public int load8(int a) { throw new UnsupportedOperationException(); }
            @Override public int load32(int a) { return load16(a) << 16 | load16(a + 2); }
            @Override public long load64(int a) { throw new UnsupportedOperationException(); }
            @Override public void store8(int a, int v) { throw new UnsupportedOperationException(); }
            @Override public void store16(int a, int v) { throw new UnsupportedOperationException(); }
            @Override public void store32(int a, int v) { throw new UnsupportedOperationException(); }
            @Override public void store64(int a, long v) { throw new UnsupportedOperationException(); }
        };
    }

    /** Only the identity of a front-end matters to the store. */
    private static Isa anIsa() {
        return (Isa) Proxy.newProxyInstance(Isa.class.getClassLoader(), new Class<?>[]{Isa.class}, (p, m, a) -> switch (m.getName()) {
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == a[0];
            default -> throw new UnsupportedOperationException(m.getName());
        });
    }

    private static Block block(int insns) {
        return new Block(PC, 0, List.of(), new Type[0], new Terminal.Jump(PC + 4 * insns), insns, PC + 4 * insns);
    }

    @Test
    void reusedForTheSameBytesOnly() {
        Isa isa = anIsa();
        SharedBlocks store = new SharedBlocks();
        Block b = block(2);
        store.publish(isa, b, codeWith(0x11111111, 0x22222222));
        assertSame(b, store.find(isa, PC, 0, codeWith(0x11111111, 0x22222222)), "same bytes in another process");
        assertNull(store.find(isa, PC, 0, codeWith(0x11111111, 0x22222223)), "last instruction differs");
        assertNull(store.find(isa, PC, 1, codeWith(0x11111111, 0x22222222)), "another decode context");
        assertNull(store.find(anIsa(), PC, 0, codeWith(0x11111111, 0x22222222)), "another front-end");
    }

    @Test
    void aFetchFaultIsAMissNotAnError() {
        Isa isa = anIsa();
        SharedBlocks store = new SharedBlocks();
        store.publish(isa, block(1), codeWith(0x11111111));
        assertNull(store.find(isa, PC, 0, codeWith()), "the code page is gone (unmapped or not executable)");
    }
}

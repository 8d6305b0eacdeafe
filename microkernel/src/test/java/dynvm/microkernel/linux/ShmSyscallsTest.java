package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.microkernel.mem.MemoryFault;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** System V shared memory, direct and through the ipc multiplexer, on both ABIs, bad arguments included. */
@Timeout(60)
class ShmSyscallsTest {
    static final int EFAULT = 14, EINVAL = 22, EEXIST = 17, ENOENT = 2, EACCES = 13;
    static final int IPC_PRIVATE = 0, IPC_CREAT = 01000, IPC_EXCL = 02000, IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_64 = 0x100;
    static final int SHM_RDONLY = 010000, SHM_RND = 020000, SHM_DEST = 01000;
    static final int SHMAT = 21, SHMDT = 22, SHMGET = 23, SHMCTL = 24;

    @TempDir Path dir;

    private static boolean isAddr(int r) { return Integer.compareUnsigned(r, -4096) <= 0; }

    /** shmid64_ds fields through the ABI's layout. */
    private static int nattch(Guest g, int id) { return stat(g, id).getInt(g.arch.abi.sysv().nattchAt()); }

    private static ByteBuffer stat(Guest g, int id) {
        int buf = g.alloc(128);
        assertEquals(0, g.call("shmctl", id, IPC_STAT | IPC_64, buf));
        return g.read(buf, g.arch.abi.sysv().shmidSize());
    }

    private static int mode(Guest g, ByteBuffer st) {
        return g.arch.abi.sysv().modeSize() == 2 ? st.getShort(20) & 0xffff : st.getInt(20);
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void segmentsAreFoundAttachedSharedAndRemoved(TestArch arch) {
        Guest g = new Guest(arch, dir);
        LinuxAbi.SysvLayout l = arch.abi.sysv();
        int id = g.call("shmget", 0x5150, 10000, IPC_CREAT | 0600);
        assertTrue(id >= 0);
        assertEquals(id, g.call("shmget", 0x5150, 0, 0), "size 0 finds it");
        assertEquals(id, g.call("shmget", 0x5150, 10000, 0600));
        assertEquals(-EINVAL, g.call("shmget", 0x5150, 10001, 0), "bigger than the segment");
        assertEquals(-EEXIST, g.call("shmget", 0x5150, 100, IPC_CREAT | IPC_EXCL | 0600));
        assertEquals(-ENOENT, g.call("shmget", 0x5250, 100, 0));
        assertEquals(-EINVAL, g.call("shmget", IPC_PRIVATE, 0, IPC_CREAT), "below SHMMIN");
        int priv = g.call("shmget", IPC_PRIVATE, 100, 0600);
        assertTrue(priv >= 0 && priv != id, "IPC_PRIVATE always makes a new one");

        int a = g.call("shmat", id, 0, 0);
        assertTrue(isAddr(a), Integer.toHexString(a));
        int b = g.call("shmat", id, 0, SHM_RDONLY);
        assertTrue(isAddr(b));
        assertNotEquals(a, b);
        // the guest's own loads and stores (the engines' entry points) see one segment through both attaches
        if (arch.bigEndian()) g.mem.store32be(a + 8000, 0x11223344); else g.mem.store32le(a + 8000, 0x11223344);
        assertEquals(0x11223344, arch.bigEndian() ? g.mem.load32be(b + 8000) : g.mem.load32le(b + 8000));
        g.mem.store8(a + 3, 'x');
        assertEquals('x', g.mem.load8(b + 3));
        assertThrows(MemoryFault.class, () -> g.mem.store8(b, 1), "SHM_RDONLY");
        assertTrue(g.mem.compareAndSet(a + 16, 4, 0, 7, arch.bigEndian()), "atomics reach the segment");
        assertEquals(7, g.read(b + 16, 4).getInt(0));

        ByteBuffer st = stat(g, id);
        assertEquals(0x5150, st.getInt(0));
        assertEquals(1000, st.getInt(4));
        assertEquals(0600, mode(g, st) & 0777);
        assertEquals(10000, st.getInt(l.segszAt()));
        assertEquals(4242, st.getInt(l.cpidAt()));
        assertEquals(4242, st.getInt(l.lpidAt()));
        assertEquals(2, st.getInt(l.nattchAt()));
        assertTrue(st.getInt(l.atimeAt()) > 0);

        // read and write move data in and out of the segment's pages
        int fds = g.alloc(8);
        assertEquals(0, g.call("pipe", fds));
        ByteBuffer f = g.read(fds, 8);
        int r = f.getInt(0), w = f.getInt(4);
        assertEquals(4, g.call("write", w, a, 4));
        assertEquals(4, g.call("read", r, a + 5000, 4));
        assertEquals("\0\0\0x", g.string(b + 5000, 4));
        assertEquals(4, g.call("write", w, g.str("abcd"), 4));
        assertEquals(-EFAULT, g.call("read", r, b, 4), "read into a read-only attach");

        // a fork's copy of the space keeps the attaches, shared
        AddressSpace child = g.as.copy();
        assertEquals(4, nattch(g, id));
        GuestMemory cm = child.memory();
        cm.store8(a + 1, 'c');
        assertEquals('c', g.mem.load8(b + 1));
        g.mem.store8(a + 2, 'p');
        assertEquals('p', cm.load8(a + 2));
        cm.unaliasAll();
        assertEquals(2, nattch(g, id));

        // removed while attached: the key is free at once, the segment lives until the last detach
        assertEquals(0, g.call("shmctl", id, IPC_RMID, 0));
        assertEquals(-ENOENT, g.call("shmget", 0x5150, 0, 0));
        assertEquals(SHM_DEST, mode(g, stat(g, id)) & SHM_DEST);
        assertEquals(0, stat(g, id).getInt(0), "key IPC_PRIVATE");
        assertEquals(0, g.call("shmdt", a));
        assertEquals(-EFAULT, g.call("write", w, a, 1), "detached");
        assertEquals(1, nattch(g, id));
        assertEquals(-EINVAL, g.call("shmdt", a), "not an attach any more");
        assertEquals('x', g.mem.load8(b + 3), "still there for the other attach");
        assertEquals(0, g.call("shmdt", b));
        assertEquals(-EINVAL, g.call("shmctl", id, IPC_STAT, g.alloc(128)), "gone with the last detach");
        assertEquals(-EINVAL, g.call("shmat", id, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void attachPlacesSetAndBadArguments(TestArch arch) {
        Guest g = new Guest(arch, dir);
        LinuxAbi.SysvLayout l = arch.abi.sysv();
        int id = g.call("shmget", IPC_PRIVATE, 8192, 0600);
        int at = Guest.BASE + 0x240000; // page and SHMLBA aligned, inside the mmap area
        assertEquals(at, g.call("shmat", id, at, 0));
        assertEquals(-EINVAL, g.call("shmat", id, at, 0), "the place is taken");
        assertEquals(0, g.call("shmdt", at));
        int odd = at + 4096; // a page, not SHMLBA on ARM
        assertEquals(l.forceShmlba() ? -EINVAL : odd, g.call("shmat", id, odd, 0));
        if (!l.forceShmlba()) assertEquals(0, g.call("shmdt", odd));
        int rounded = (at + 4096 + 12) & -l.shmlba();
        assertEquals(rounded, g.call("shmat", id, at + 4096 + 12, SHM_RND), "rounded down to SHMLBA");
        assertEquals(0, g.call("shmdt", rounded));
        assertEquals(-EINVAL, g.call("shmat", id, at + 12, 0), "not aligned");
        assertEquals(-EINVAL, g.call("shmat", -1, 0, 0));
        assertEquals(-EINVAL, g.call("shmat", 12345, 0, 0));
        assertEquals(-EINVAL, g.call("shmat", id, 0, 040000 /* SHM_REMAP without an address */));
        assertEquals(-EINVAL, g.call("shmdt", Guest.WILD));
        assertEquals(-EINVAL, g.call("shmdt", Guest.SCRATCH), "mapped, not an attach");
        assertEquals(-EINVAL, g.call("shmctl", id, 99, 0));
        assertEquals(-EINVAL, g.call("shmctl", -1, IPC_STAT, g.alloc(128)));
        assertEquals(-EFAULT, g.call("shmctl", id, IPC_STAT | IPC_64, Guest.WILD));
        assertEquals(-EFAULT, g.call("shmctl", id, IPC_SET | IPC_64, Guest.WILD));

        // IPC_SET: mode 0400 refuses a writable attach
        int buf = g.alloc(128);
        assertEquals(0, g.call("shmctl", id, IPC_STAT | IPC_64, buf));
        ByteBuffer st = g.read(buf, l.shmidSize());
        if (l.modeSize() == 2) st.putShort(20, (short) 0400); else st.putInt(20, 0400);
        g.mem.write(buf, st.array(), 0, st.capacity());
        assertEquals(0, g.call("shmctl", id, IPC_SET | IPC_64, buf));
        assertEquals(0400, mode(g, stat(g, id)) & 0777);
        assertEquals(-EACCES, g.call("shmat", id, 0, 0));
        int ro = g.call("shmat", id, 0, SHM_RDONLY);
        assertTrue(isAddr(ro));

        // munmap of an attach detaches it too
        assertEquals(1, nattch(g, id));
        assertEquals(0, g.call("munmap", ro, 8192));
        assertEquals(0, nattch(g, id));
        assertEquals(0, g.call("shmctl", id, IPC_RMID, 0));
        assertEquals(-EINVAL, g.call("shmctl", id, IPC_RMID, 0), "gone at once when nothing is attached");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void throughTheIpcMultiplexer(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int id = g.call("ipc", SHMGET, 0x6160, 4096, IPC_CREAT | 0644, 0, 0);
        assertTrue(id >= 0);
        int raddr = g.alloc(4);
        assertEquals(0, g.call("ipc", SHMAT, id, 0, raddr, 0, 0));
        int a = g.read(raddr, 4).getInt(0);
        assertTrue(isAddr(a) && a != 0);
        g.mem.store8(a, 42);
        int buf = g.alloc(128);
        assertEquals(0, g.call("ipc", SHMCTL, id, IPC_STAT | IPC_64, 0, buf, 0));
        assertEquals(1, g.read(buf, 128).getInt(arch.abi.sysv().nattchAt()));
        assertEquals(4096, g.read(buf, 128).getInt(arch.abi.sysv().segszAt()));
        assertEquals(-EFAULT, g.call("ipc", SHMAT, id, SHM_RDONLY, Guest.WILD, 0, 0), "the address cannot be stored");
        assertEquals(-EINVAL, g.call("ipc", SHMAT | (1 << 16), id, 0, raddr, 0, 0), "version 1: iBCS2");
        assertEquals(0, g.call("ipc", SHMDT, 0, 0, 0, a, 0));
        assertEquals(-EINVAL, g.call("ipc", SHMDT, 0, 0, 0, a, 0));
        assertEquals(0, g.call("ipc", SHMCTL, id, IPC_RMID, 0, 0, 0));
        assertEquals(-ENOENT, g.call("ipc", SHMGET, 0x6160, 4096, 0, 0, 0));
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void straceDecodes(TestArch arch) {
        Guest g = new Guest(arch, dir, fd -> false, "", true);
        int id = g.call("shmget", 0x7170, 4096, IPC_CREAT | 0600);
        int a = g.call("shmat", id, 0, SHM_RDONLY);
        g.call("shmdt", a);
        g.call("shmctl", id, IPC_RMID, 0);
        String[] l = g.trace.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("4242 shmget(0x7170,4096,01600) = " + id, l[0]);
        assertEquals(String.format("4242 shmat(%d,NULL,0x1000) = 0x%08x", id, a), l[1]);
        assertEquals(String.format("4242 shmdt(0x%08x) = 0", a), l[2]);
        assertEquals(String.format("4242 shmctl(%d,0,NULL) = 0", id), l[3]);
    }
}

package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** System V semaphores and message queues, direct and through the ipc multiplexer, on both ABIs, bad arguments included. */
@Timeout(60)
class SysvIpcSyscallsTest {
    static final int EFAULT = 14, EINVAL = 22, EAGAIN = 11, EEXIST = 17, ENOENT = 2, E2BIG = 7, EFBIG = 27, ENOMSG = 42,
            EIDRM = 43, ERANGE = 34;
    static final int IPC_CREAT = 01000, IPC_EXCL = 02000, IPC_NOWAIT = 04000, IPC_RMID = 0, GETVAL = 12, SETVAL = 16,
            GETALL = 13, SETALL = 17, MSG_NOERROR = 010000, MSG_EXCEPT = 020000;

    @TempDir Path dir;

    private static int sembuf(Guest g, int... numOpFlg) {
        int a = g.alloc(numOpFlg.length * 2);
        ByteBuffer b = ByteBuffer.allocate(numOpFlg.length * 2).order(g.arch.order);
        for (int i = 0; i < numOpFlg.length; i++) b.putShort(2 * i, (short) numOpFlg[i]);
        g.mem.write(a, b.array(), 0, b.capacity());
        return a;
    }

    private static int msg(Guest g, int type, String text) {
        int a = g.alloc(4 + text.length());
        ByteBuffer b = ByteBuffer.allocate(4 + text.length()).order(g.arch.order).putInt(0, type);
        b.position(4);
        b.put(text.getBytes());
        g.mem.write(a, b.array(), 0, b.capacity());
        return a;
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void semaphores(TestArch arch) {
        Guest g = new Guest(arch, dir);
        int id = g.call("semget", 0x5151, 2, IPC_CREAT | 0600);
        assertTrue(id >= 0);
        assertEquals(id, g.call("semget", 0x5151, 2, 0));
        assertEquals(-EEXIST, g.call("semget", 0x5151, 2, IPC_CREAT | IPC_EXCL));
        assertEquals(-EINVAL, g.call("semget", 0x5151, 3, 0), "more than the set has");
        assertEquals(-ENOENT, g.call("semget", 0x5252, 1, 0));
        assertEquals(0, g.call("semop", id, sembuf(g, 0, 2, 0), 1));
        assertEquals(2, g.call("semctl", id, 0, GETVAL, 0));
        assertEquals(-EAGAIN, g.call("semop", id, sembuf(g, 0, -3, IPC_NOWAIT), 1));
        assertEquals(-EAGAIN, g.call("semop", id, sembuf(g, 0, 0, IPC_NOWAIT), 1), "wait-for-zero");
        assertEquals(0, g.call("semop", id, sembuf(g, 0, -2, 0, 1, 1, 0), 2), "atomic pair");
        int all = g.alloc(4);
        assertEquals(0, g.call("semctl", id, 0, GETALL | 0x100 /* IPC_64 */, all));
        assertEquals(0, g.read(all, 4).getShort(0));
        assertEquals(1, g.read(all, 4).getShort(2));
        assertEquals(0, g.call("semctl", id, 1, SETVAL, 7));
        assertEquals(7, g.call("semctl", id, 1, GETVAL, 0));
        assertEquals(-ERANGE, g.call("semctl", id, 1, SETVAL, 40000));
        assertEquals(4242, g.call("semctl", id, 1, 11 /* GETPID */, 0));
        // semtimedop times out
        int ts = g.alloc(8);
        g.mem.write(ts, ByteBuffer.allocate(8).order(arch.order).putInt(4, 20_000_000).array(), 0, 8);
        long t0 = System.nanoTime();
        assertEquals(-EAGAIN, g.call("semtimedop", id, sembuf(g, 0, -1, 0), 1, ts));
        assertTrue(System.nanoTime() - t0 >= 15_000_000L);
        // through the multiplexer: ipc(SEMOP=1, id, nsops, 0, sops)
        assertEquals(0, g.call("ipc", 1, id, 1, 0, sembuf(g, 0, 1, 0), 0));
        int arg = g.alloc(4);
        g.mem.write(arg, new byte[4], 0, 4);
        assertEquals(1, g.call("ipc", 3, id, 0, GETVAL, arg, 0), "SEMCTL reads the union from ptr");
        assertEquals(-EINVAL, g.call("ipc", 3, id, 0, GETVAL, 0, 0));
        // errors
        assertEquals(-EFBIG, g.call("semop", id, sembuf(g, 5, 1, 0), 1));
        assertEquals(-E2BIG, g.call("semop", id, sembuf(g, 0, 1, 0), 501));
        assertEquals(-EINVAL, g.call("semop", id, sembuf(g, 0, 1, 0), 0));
        assertEquals(-EFAULT, g.call("semop", id, Guest.WILD, 1));
        assertEquals(-EFAULT, g.call("semctl", id, 0, GETALL, Guest.WILD));
        assertEquals(-EINVAL, g.call("semop", 999, sembuf(g, 0, 1, 0), 1));
        assertEquals(0, g.call("semctl", id, 0, IPC_RMID, 0));
        assertEquals(-EINVAL, g.call("semctl", id, 0, GETVAL, 0));
        assertEquals(-EINVAL, g.call("semget", 0, 0, IPC_CREAT), "a new set of no semaphores");
    }

    @ParameterizedTest
    @EnumSource(TestArch.class)
    void messageQueues(TestArch arch) throws Exception {
        Guest g = new Guest(arch, dir);
        int q = g.call("msgget", 0, IPC_CREAT | 0600);
        assertTrue(q >= 0);
        assertEquals(0, g.call("msgsnd", q, msg(g, 2, "two"), 3, 0));
        assertEquals(0, g.call("msgsnd", q, msg(g, 1, "one!"), 4, 0));
        assertEquals(0, g.call("msgsnd", q, msg(g, 3, "three"), 5, 0));
        int buf = g.alloc(32);
        assertEquals(4, g.call("msgrcv", q, buf, 16, 1, 0), "by type");
        assertEquals("one!", g.string(buf + 4, 4));
        assertEquals(1, g.read(buf, 4).getInt(0));
        assertEquals(-E2BIG, g.call("msgrcv", q, buf, 2, 0, 0));
        assertEquals(2, g.call("msgrcv", q, buf, 2, 0, MSG_NOERROR), "truncated");
        assertEquals("tw", g.string(buf + 4, 2));
        assertEquals(5, g.call("msgrcv", q, buf, 16, -5, 0), "lowest type up to 5");
        assertEquals(-ENOMSG, g.call("msgrcv", q, buf, 16, 0, IPC_NOWAIT));
        // a blocked receiver wakes for a send from another thread
        Thread sender = new Thread(() -> {
            try { Thread.sleep(50); } catch (InterruptedException e) { return; }
            g.call("msgsnd", q, msg(g, 9, "late"), 4, 0);
        });
        sender.start();
        assertEquals(4, g.call("msgrcv", q, buf, 16, 9, 0));
        sender.join();
        // the multiplexer: MSGSND=11, MSGRCV=12 version 1 (msgtyp in fifth), version 0 (kludge)
        assertEquals(0, g.call("ipc", 11, q, 3, 0, msg(g, 4, "mux"), 0));
        assertEquals(3, g.call("ipc", 12 | (1 << 16), q, 16, 0, buf, 4));
        assertEquals(0, g.call("ipc", 11, q, 3, 0, msg(g, 4, "old"), 0));
        int kludge = g.alloc(8);
        g.mem.write(kludge, ByteBuffer.allocate(8).order(arch.order).putInt(0, buf).putInt(4, 4).array(), 0, 8);
        assertEquals(3, g.call("ipc", 12, q, 16, 0, kludge, 0));
        assertEquals("old", g.string(buf + 4, 3));
        assertEquals(-EINVAL, g.call("ipc", 12, q, 16, 0, 0, 0));
        assertTrue(g.call("ipc", 23, 0, 4096, IPC_CREAT | 0600, 0, 0) >= 0, "shared memory goes through too (ShmSyscallsTest)");
        // errors
        assertEquals(-EINVAL, g.call("msgsnd", q, msg(g, 0, "x"), 1, 0), "mtype 0");
        assertEquals(-EINVAL, g.call("msgsnd", q, msg(g, 1, "x"), 9000, 0));
        assertEquals(-EFAULT, g.call("msgsnd", q, Guest.WILD, 1, 0));
        assertEquals(0, g.call("msgsnd", q, msg(g, 1, "x"), 1, 0));
        assertEquals(-EFAULT, g.call("msgrcv", q, Guest.WILD, 16, 0, 0));
        assertEquals(-EINVAL, g.call("msgrcv", 12345, buf, 16, 0, 0));
        assertEquals(0, g.call("msgctl", q, IPC_RMID, 0));
        assertEquals(-EINVAL, g.call("msgsnd", q, msg(g, 1, "x"), 1, 0));
    }
}

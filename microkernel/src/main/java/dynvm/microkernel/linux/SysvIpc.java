package dynvm.microkernel.linux;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The run's System V semaphore sets and message queues: kernel objects shared by every process of
 * the run (they are all in one JVM), found by key or id. Ids are Linux's shape: a slot index plus
 * a sequence times 32768, so a removed id is not reused at once. All state is under this object's
 * monitor; a change calls {@link #notifyAll}, and blocked semop/msgsnd/msgrcv wait on it in short
 * slices so that signals and stop requests are seen.
 */
final class SysvIpc {
    static final int IPC_PRIVATE = 0, IPC_CREAT = 01000, IPC_EXCL = 02000, IPC_NOWAIT = 04000;
    static final int SEQ_MULTIPLIER = 32768, MAX_IDS = 32000;

    /** One semaphore set. */
    static final class SemSet {
        final int key, mode;
        final int[] val, pid;
        boolean removed;
        int waitingN, waitingZ;

        SemSet(int key, int mode, int n) {
            this.key = key;
            this.mode = mode;
            this.val = new int[n];
            this.pid = new int[n];
        }
    }

    /** One message: its type and text. */
    record Message(int type, byte[] text) { }

    /** One message queue. */
    static final class MsgQueue {
        final int key, mode;
        final ArrayDeque<Message> messages = new ArrayDeque<>();
        int bytes;
        int maxBytes = 16384;
        boolean removed;

        MsgQueue(int key, int mode) {
            this.key = key;
            this.mode = mode;
        }

        /** Takes the first message {@code msgtyp} selects (msgrcv's rules), or null. */
        Message take(int msgtyp, boolean except) {
            Message best = null;
            for (Message m : messages) {
                boolean ok = msgtyp == 0 || (msgtyp > 0 ? (except ? m.type != msgtyp : m.type == msgtyp)
                        : m.type <= -(long) msgtyp && (best == null || m.type < best.type));
                if (!ok) continue;
                if (msgtyp >= 0) { best = m; break; }
                best = m;
            }
            return best;
        }

        void remove(Message m) {
            for (Iterator<Message> it = messages.iterator(); it.hasNext(); ) if (it.next() == m) { it.remove(); break; }
            bytes -= m.text.length;
        }
    }

    private final Map<Integer, Object> byId = new HashMap<>();
    private int seq;

    /** semget/msgget's lookup: the existing object's id, a new one's, or -errno. */
    synchronized int get(int key, int flags, java.util.function.Function<Object, Integer> checkExisting,
                         java.util.function.Supplier<Object> make, Class<?> kind) {
        if (key != IPC_PRIVATE) {
            for (Map.Entry<Integer, Object> e : byId.entrySet()) {
                Object o = e.getValue();
                if (!kind.isInstance(o) || keyOf(o) != key) continue;
                if ((flags & (IPC_CREAT | IPC_EXCL)) == (IPC_CREAT | IPC_EXCL)) return -Errno.EEXIST;
                int r = checkExisting.apply(o);
                return r < 0 ? r : e.getKey();
            }
            if ((flags & IPC_CREAT) == 0) return -Errno.ENOENT;
        }
        if (byId.size() >= MAX_IDS) return -Errno.ENOSPC;
        Object o = make.get();
        if (o == null) return -Errno.EINVAL;
        for (int slot = 0; ; slot++) {
            boolean used = false;
            for (int id : byId.keySet()) if (id % SEQ_MULTIPLIER == slot) { used = true; break; }
            if (used) continue;
            int id = slot + SEQ_MULTIPLIER * (seq++ % 65536);
            byId.put(id, o);
            if (o instanceof ShmSeg g) g.id = id;
            return id;
        }
    }

    private static int keyOf(Object o) {
        return o instanceof SemSet s ? s.key : o instanceof ShmSeg g ? g.key : ((MsgQueue) o).key;
    }

    static final int SHM_DEST = 01000, SHM_LOCKED = 02000;

    /**
     * One shared memory segment: its pages are one array, which every attach aliases
     * ({@code GuestMemory.alias}), so the processes of the run (forked or not) share its bytes.
     * The attach count follows the aliases: shmat, a fork inheriting them, shmdt, munmap, exit
     * and exec. A segment removed while attached loses its key (SHM_DEST) and goes when the last
     * attach does. Counts and times are under the registry's monitor.
     */
    final class ShmSeg implements dynvm.microkernel.mem.GuestMemory.AliasOwner {
        int key, id, mode, uid, gid;
        final int cuid, cgid, cpid, size;
        int lpid, nattch;
        long atime, dtime, ctime = System.currentTimeMillis() / 1000;
        private byte[] data;

        ShmSeg(int key, int mode, int size, int uid, int gid, int pid) {
            this.key = key;
            this.mode = mode;
            this.size = size;
            this.uid = this.cuid = uid;
            this.gid = this.cgid = gid;
            this.cpid = pid;
        }

        /** The pages, made at the first attach (a segment nobody attaches costs nothing). */
        byte[] pages() {
            synchronized (SysvIpc.this) {
                if (data == null) data = new byte[(int) ((size + 4095L) & -4096L)];
                return data;
            }
        }

        @Override public void attached() {
            synchronized (SysvIpc.this) { nattch++; }
        }

        @Override public void detached() {
            synchronized (SysvIpc.this) {
                nattch--;
                dtime = System.currentTimeMillis() / 1000;
                if (nattch <= 0 && (mode & SHM_DEST) != 0) byId.remove(id, this);
            }
        }
    }

    /** shmctl IPC_RMID: gone now when nothing is attached, else at the last detach; the key is freed at once. */
    synchronized void removeShm(ShmSeg g) {
        if (g.nattch <= 0) { byId.remove(g.id, g); return; }
        g.mode |= SHM_DEST;
        g.key = IPC_PRIVATE;
    }


    synchronized <T> T lookup(int id, Class<T> kind) {
        Object o = byId.get(id);
        if (id < 0 || !kind.isInstance(o)) throw new SysErr(Errno.EINVAL);
        return kind.cast(o);
    }

    /** IPC_RMID: gone at once; waiters wake and see EIDRM. */
    synchronized void remove(int id) {
        Object o = byId.remove(id);
        if (o instanceof SemSet s) s.removed = true;
        if (o instanceof MsgQueue q) q.removed = true;
        notifyAll();
    }
}

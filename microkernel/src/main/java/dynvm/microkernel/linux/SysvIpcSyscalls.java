package dynvm.microkernel.linux;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * System V semaphores and message queues ({@link SysvIpc}, shared by the run's processes): the
 * direct calls (semget, semop, semtimedop, semctl, msgget, msgsnd, msgrcv, msgctl) and the
 * {@code ipc(call, first, second, third, ptr, fifth)} multiplexer, whose call numbers and
 * argument shuffles (linux/ipc.h, ipc/syscall.c) are the same on every architecture that has it.
 *
 * <p>Shared memory is {@link ShmSyscalls}'s (also through {@code ipc}). Not served yet: IPC_STAT/IPC_SET/IPC_INFO
 * of semaphores and queues
 * (their struct layouts differ per architecture: EINVAL), SEM_UNDO (accepted, not undone at exit),
 * and MSG_COPY.
 */
final class SysvIpcSyscalls implements Syscall.Group {
    static final int ENOMSG = 42, EIDRM = 43;
    static final int IPC_RMID = 0, IPC_64 = 0x100, GETPID = 11, GETVAL = 12, GETALL = 13, GETNCNT = 14, GETZCNT = 15,
            SETVAL = 16, SETALL = 17;
    static final int SEMMSL = 32000, SEMOPM = 500, SEMVMX = 32767, MSGMAX = 8192, MSG_NOERROR = 010000, MSG_EXCEPT = 020000;
    static final int SEMOP = 1, SEMGET = 2, SEMCTL = 3, SEMTIMEDOP = 4, MSGSND = 11, MSGRCV = 12, MSGGET = 13, MSGCTL = 14,
            SHMAT = 21, SHMDT = 22, SHMGET = 23, SHMCTL = 24;
    private static final long SLICE_MS = 5;

    private final GuestProcess p;
    private final SysvIpc ipc;
    private final ShmSyscalls shm;

    SysvIpcSyscalls(GuestProcess p) {
        this.p = p;
        this.ipc = p.sys.sysvIpc;
        this.shm = new ShmSyscalls(p);
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("semget", a -> semget(a[0], a[1], a[2]));
        t.put("semop", a -> semop(a[0], a[1], a[2], 0, false));
        t.put("semtimedop", a -> semop(a[0], a[1], a[2], a[3], false));
        t.put("semtimedop_time64", a -> semop(a[0], a[1], a[2], a[3], true));
        t.put("semctl", a -> semctl(a[0], a[1], a[2], a[3]));
        t.put("msgget", a -> msgget(a[0], a[1]));
        t.put("msgsnd", a -> msgsnd(a[0], a[1], a[2], a[3]));
        t.put("msgrcv", a -> msgrcv(a[0], a[1], a[2], a[3], a[4]));
        t.put("msgctl", a -> msgctl(a[0], a[1], a[2]));
        t.put("ipc", a -> ipc(a[0], a[1], a[2], a[3], a[4], a[5]));
        shm.register(t);
    }

    /** The multiplexer: the call in the low 16 bits, a version in the high 16 (msgrcv's version 0 passes a kludge struct). */
    private int ipc(int call, int first, int second, int third, int ptr, int fifth) {
        int version = call >>> 16;
        switch (call & 0xffff) {
            case SEMOP: return semop(first, ptr, second, 0, false);
            case SEMTIMEDOP: return semop(first, ptr, second, fifth, false);
            case SEMGET: return semget(first, second, third);
            case SEMCTL:
                if (ptr == 0) return -Errno.EINVAL;
                return semctl(first, second, third, p.view.u32(ptr));
            case MSGSND: return msgsnd(first, ptr, second, third);
            case MSGRCV:
                if (version == 0) {
                    if (ptr == 0) return -Errno.EINVAL;
                    return msgrcv(first, p.view.u32(ptr), second, p.view.u32(ptr + 4), third);
                }
                return msgrcv(first, ptr, second, fifth, third);
            case MSGGET: return msgget(first, second);
            case MSGCTL: return msgctl(first, second, ptr);
            case SHMAT: {
                if (version == 1) return -Errno.EINVAL; // iBCS2's entry: no user space
                int r = shm.shmat(first, ptr, second);
                if (r < 0 && r > -4096) return r;
                p.view.put32(third, r); // the address goes through third; the attach stays even if that faults
                return 0;
            }
            case SHMDT: return shm.shmdt(ptr);
            case SHMGET: return shm.shmget(first, second, third);
            case SHMCTL: return shm.shmctl(first, second, ptr);
            default: return -Errno.ENOSYS;
        }
    }

    /** One wait slice on the registry; EINTR for a signal or a stop request. Caller holds the registry's lock. */
    private void pause(long deadline) {
        GuestThread t = p.sys.current();
        if (t != null && (t.stopRequested() || t.signals.hint())) throw new SysErr(Errno.EINTR);
        long left = deadline == Long.MAX_VALUE ? SLICE_MS : Math.min(SLICE_MS, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        try {
            ipc.wait(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SysErr(Errno.EINTR);
        }
    }

    // ---- semaphores

    private int semget(int key, int nsems, int flags) {
        if (nsems < 0 || nsems > SEMMSL) return -Errno.EINVAL;
        return ipc.get(key, flags, o -> ((SysvIpc.SemSet) o).val.length < nsems ? -Errno.EINVAL : 0,
                () -> nsems == 0 ? null : new SysvIpc.SemSet(key, flags & 0777, nsems), SysvIpc.SemSet.class);
    }

    private int semop(int id, int sops, int nsops, int timeout, boolean time64) {
        if (nsops < 1) return -Errno.EINVAL;
        if (nsops > SEMOPM) return -Errno.E2BIG;
        ByteBuffer b = ByteBuffer.wrap(p.view.read(sops, 6 * nsops)).order(p.view.order);
        long deadline = Long.MAX_VALUE;
        if (timeout != 0) {
            ByteBuffer t = ByteBuffer.wrap(p.view.read(timeout, time64 ? 16 : 8)).order(p.view.order);
            long sec = time64 ? t.getLong(0) : t.getInt(0), nsec = time64 ? (int) t.getLong(8) : t.getInt(4);
            deadline = System.nanoTime() + TimerFd.toNanos(sec, nsec);
        }
        SysvIpc.SemSet s = ipc.lookup(id, SysvIpc.SemSet.class);
        int[] num = new int[nsops], op = new int[nsops], flg = new int[nsops];
        for (int i = 0; i < nsops; i++) {
            num[i] = b.getShort(6 * i) & 0xffff;
            op[i] = b.getShort(6 * i + 2);
            flg[i] = b.getShort(6 * i + 4);
            if (num[i] >= s.val.length) return -Errno.EFBIG;
        }
        synchronized (ipc) {
            for (;;) {
                if (s.removed) return -EIDRM;
                int blocker = -1;
                int[] v = s.val.clone();
                for (int i = 0; i < nsops && blocker < 0; i++) {
                    if (op[i] == 0) { if (v[num[i]] != 0) blocker = i; }
                    else if (op[i] < 0 && v[num[i]] + op[i] < 0) blocker = i;
                    else if (v[num[i]] + op[i] > SEMVMX) return -Errno.ERANGE;
                    else v[num[i]] += op[i];
                }
                if (blocker < 0) {
                    System.arraycopy(v, 0, s.val, 0, v.length);
                    for (int i = 0; i < nsops; i++) s.pid[num[i]] = p.pid;
                    ipc.notifyAll();
                    return 0;
                }
                if ((flg[blocker] & SysvIpc.IPC_NOWAIT) != 0) return -Errno.EAGAIN;
                if (System.nanoTime() - deadline >= 0) return -Errno.EAGAIN;
                if (op[blocker] == 0) s.waitingZ++; else s.waitingN++;
                try {
                    pause(deadline);
                } finally {
                    if (op[blocker] == 0) s.waitingZ--; else s.waitingN--;
                }
            }
        }
    }

    private int semctl(int id, int semnum, int cmd, int arg) {
        SysvIpc.SemSet s = ipc.lookup(id, SysvIpc.SemSet.class);
        int c = cmd & ~IPC_64;
        synchronized (ipc) {
            if (s.removed) return -Errno.EINVAL;
            boolean one = c == GETVAL || c == SETVAL || c == GETPID || c == GETNCNT || c == GETZCNT;
            if (one && (semnum < 0 || semnum >= s.val.length)) return -Errno.EINVAL;
            switch (c) {
                case IPC_RMID: ipc.remove(id); return 0;
                case GETVAL: return s.val[semnum];
                case GETPID: return s.pid[semnum];
                case GETNCNT: return s.waitingN;
                case GETZCNT: return s.waitingZ;
                case SETVAL:
                    if (arg < 0 || arg > SEMVMX) return -Errno.ERANGE;
                    s.val[semnum] = arg;
                    s.pid[semnum] = p.pid;
                    ipc.notifyAll();
                    return 0;
                case GETALL: {
                    ByteBuffer o = p.view.struct(2 * s.val.length);
                    for (int i = 0; i < s.val.length; i++) o.putShort(2 * i, (short) s.val[i]);
                    p.view.write(arg, o);
                    return 0;
                }
                case SETALL: {
                    ByteBuffer in = ByteBuffer.wrap(p.view.read(arg, 2 * s.val.length)).order(p.view.order);
                    for (int i = 0; i < s.val.length; i++) if ((in.getShort(2 * i) & 0xffff) > SEMVMX) return -Errno.ERANGE;
                    for (int i = 0; i < s.val.length; i++) { s.val[i] = in.getShort(2 * i) & 0xffff; s.pid[i] = p.pid; }
                    ipc.notifyAll();
                    return 0;
                }
                default: return -Errno.EINVAL;
            }
        }
    }

    // ---- message queues

    private int msgget(int key, int flags) {
        return ipc.get(key, flags, o -> 0, () -> new SysvIpc.MsgQueue(key, flags & 0777), SysvIpc.MsgQueue.class);
    }

    private int msgsnd(int id, int msgp, int size, int flags) {
        if (size < 0 || size > MSGMAX) return -Errno.EINVAL;
        SysvIpc.MsgQueue q = ipc.lookup(id, SysvIpc.MsgQueue.class);
        int type = p.view.u32(msgp);
        if (type < 1) return -Errno.EINVAL;
        byte[] text = p.view.read(msgp + 4, size);
        synchronized (ipc) {
            for (;;) {
                if (q.removed) return -EIDRM;
                if (q.bytes + size <= q.maxBytes) {
                    q.messages.add(new SysvIpc.Message(type, text));
                    q.bytes += size;
                    ipc.notifyAll();
                    return 0;
                }
                if ((flags & SysvIpc.IPC_NOWAIT) != 0) return -Errno.EAGAIN;
                pause(Long.MAX_VALUE);
            }
        }
    }

    private int msgrcv(int id, int msgp, int size, int msgtyp, int flags) {
        if (size < 0) return -Errno.EINVAL;
        SysvIpc.MsgQueue q = ipc.lookup(id, SysvIpc.MsgQueue.class);
        p.view.requireWritable(msgp, 4);
        synchronized (ipc) {
            for (;;) {
                if (q.removed) return -EIDRM;
                SysvIpc.Message m = q.take(msgtyp, (flags & MSG_EXCEPT) != 0);
                if (m != null) {
                    if (m.text().length > size && (flags & MSG_NOERROR) == 0) return -Errno.E2BIG;
                    int n = Math.min(size, m.text().length);
                    p.view.requireWritable(msgp, 4 + n);
                    p.view.put32(msgp, m.type());
                    p.view.write(msgp + 4, m.text(), 0, n);
                    q.remove(m);
                    ipc.notifyAll();
                    return n;
                }
                if ((flags & SysvIpc.IPC_NOWAIT) != 0) return -ENOMSG;
                pause(Long.MAX_VALUE);
            }
        }
    }

    private int msgctl(int id, int cmd, int buf) {
        SysvIpc.MsgQueue q = ipc.lookup(id, SysvIpc.MsgQueue.class);
        if ((cmd & ~IPC_64) == IPC_RMID) {
            synchronized (ipc) { if (!q.removed) ipc.remove(id); }
            return 0;
        }
        return -Errno.EINVAL;
    }
}

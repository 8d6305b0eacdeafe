package dynvm.microkernel.linux;

import dynvm.microkernel.mem.AddressSpace;
import dynvm.microkernel.mem.GuestMemory;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * System V shared memory: shmget, shmat, shmdt, shmctl, and the SHM calls of the {@code ipc}
 * multiplexer ({@link SysvIpcSyscalls} hands them here). A segment ({@link SysvIpc.ShmSeg}) is
 * one array in the run's registry; shmat makes the pages of the attach aliases of that array
 * ({@link AddressSpace#mapAlias}), so every process attaching it, and every child forked from
 * one that has, reads and writes the same bytes at once, as on Linux. Accesses to those pages
 * take the memory's slow paths (a per-access alias lookup): correct, slower than plain memory.
 *
 * <p>shmid64_ds (IPC_STAT, IPC_SET) is laid out per architecture ({@link LinuxAbi.SysvLayout}).
 * Not served: SHM_EXEC (instruction fetch from an attach faults), IPC_INFO, SHM_INFO, SHM_STAT
 * (EINVAL), and mremap of an attach (the moved copy is private).
 */
final class ShmSyscalls implements Syscall.Group {
    static final int SHM_RDONLY = 010000, SHM_RND = 020000, SHM_REMAP = 040000, SHM_EXEC = 0100000;
    static final int IPC_RMID = 0, IPC_SET = 1, IPC_STAT = 2, IPC_64 = 0x100, SHM_LOCK = 11, SHM_UNLOCK = 12;
    static final int SHMMIN = 1;
    /** The biggest segment this JVM can hold as one array (Linux's SHMMAX is larger: ENOMEM past this). */
    static final long MAX_SEGMENT = 0x7fff_f000L;

    private final GuestProcess p;
    private final SysvIpc ipc;

    ShmSyscalls(GuestProcess p) {
        this.p = p;
        this.ipc = p.sys.sysvIpc;
        // exit and exec drop the attaches (not those of a CLONE_VM sibling still using the memory)
        p.onExit(this::detachAll);
        p.onExec(this::detachAll);
    }

    @Override
    public void register(Map<String, Syscall> t) {
        t.put("shmget", a -> shmget(a[0], a[1], a[2]));
        t.put("shmat", a -> shmat(a[0], a[1], a[2]));
        t.put("shmdt", a -> shmdt(a[0]));
        t.put("shmctl", a -> shmctl(a[0], a[1], a[2]));
    }

    private void detachAll() {
        GuestMemory m = p.as.memory();
        if (!p.sys.sharesMemory(p)) m.unaliasAll();
    }

    int shmget(int key, int size, int flags) {
        long len = size & 0xffffffffL;
        return ipc.get(key, flags, o -> {
            SysvIpc.ShmSeg g = (SysvIpc.ShmSeg) o;
            if (len > g.size) return -Errno.EINVAL;
            return accessible(g, flags) ? 0 : -Errno.EACCES;
        }, () -> len < SHMMIN || len > MAX_SEGMENT ? null
                : ipc.new ShmSeg(key, flags & 0777, (int) len, p.cfg.uid, p.cfg.gid, p.pid), SysvIpc.ShmSeg.class);
    }

    /** Do the mode bits let this process have the access {@code flags}' low bits ask for? (Only the owner class is checked: one user.) */
    private boolean accessible(SysvIpc.ShmSeg g, int flags) {
        if (p.cfg.uid == 0) return true;
        int want = (flags >> 6) & 7, have = (g.mode >> 6) & 7;
        return (want & ~have) == 0;
    }

    int shmat(int id, int addr, int flags) {
        LinuxAbi.SysvLayout l = p.abi.sysv();
        if (addr != 0) {
            if ((addr & (l.shmlba() - 1)) != 0) {
                if ((flags & SHM_RND) != 0) {
                    addr &= -l.shmlba();
                    if (addr == 0 && (flags & SHM_REMAP) != 0) return -Errno.EINVAL;
                } else if (l.forceShmlba() || (addr & 4095) != 0) return -Errno.EINVAL;
            }
        } else if ((flags & SHM_REMAP) != 0) return -Errno.EINVAL;
        SysvIpc.ShmSeg g = ipc.lookup(id, SysvIpc.ShmSeg.class);
        boolean ro = (flags & SHM_RDONLY) != 0;
        if (p.cfg.uid != 0 && ((g.mode >> 6) & (ro ? 4 : 6)) != (ro ? 4 : 6)) return -Errno.EACCES;
        byte[] pages;
        try {
            pages = g.pages();
        } catch (OutOfMemoryError e) {
            return -Errno.ENOMEM;
        }
        int prot = AddressSpace.PROT_READ | (ro ? 0 : AddressSpace.PROT_WRITE) | ((flags & SHM_EXEC) != 0 ? AddressSpace.PROT_EXEC : 0);
        int r = p.as.mapAlias(addr, prot, (flags & SHM_REMAP) != 0, pages, g, l.shmlba());
        if (AddressSpace.isError(r)) return r;
        synchronized (ipc) {
            g.lpid = p.pid;
            g.atime = System.currentTimeMillis() / 1000;
        }
        return r;
    }

    int shmdt(int addr) {
        GuestMemory m = p.as.memory();
        long[] range = m.aliasRange(addr);
        if ((addr & 4095) != 0 || range == null || range[0] != (addr & 0xffffffffL)) return -Errno.EINVAL;
        GuestMemory.AliasOwner owner = m.aliasOwner(addr);
        p.as.munmap(addr, (int) (range[1] - range[0]));
        if (owner instanceof SysvIpc.ShmSeg g) synchronized (ipc) { g.lpid = p.pid; }
        return 0;
    }

    int shmctl(int id, int cmd, int buf) {
        int c = cmd & ~IPC_64;
        if (id < 0) return -Errno.EINVAL;
        if (c != IPC_RMID && c != IPC_SET && c != IPC_STAT && c != SHM_LOCK && c != SHM_UNLOCK) return -Errno.EINVAL;
        SysvIpc.ShmSeg g = ipc.lookup(id, SysvIpc.ShmSeg.class);
        LinuxAbi.SysvLayout l = p.abi.sysv();
        switch (c) {
            case IPC_STAT: {
                ByteBuffer o = p.view.struct(l.shmidSize());
                synchronized (ipc) {
                    o.putInt(0, g.key).putInt(4, g.uid).putInt(8, g.gid).putInt(12, g.cuid).putInt(16, g.cgid);
                    if (l.modeSize() == 2) o.putShort(20, (short) g.mode); else o.putInt(20, g.mode);
                    int seq = id / SysvIpc.SEQ_MULTIPLIER;
                    if (l.seqSize() == 2) o.putShort(l.seqAt(), (short) seq); else o.putInt(l.seqAt(), seq);
                    o.putInt(l.segszAt(), g.size);
                    o.putInt(l.atimeAt(), (int) g.atime).putInt(l.atimeHighAt(), (int) (g.atime >> 32));
                    o.putInt(l.dtimeAt(), (int) g.dtime).putInt(l.dtimeHighAt(), (int) (g.dtime >> 32));
                    o.putInt(l.ctimeAt(), (int) g.ctime).putInt(l.ctimeHighAt(), (int) (g.ctime >> 32));
                    o.putInt(l.cpidAt(), g.cpid).putInt(l.lpidAt(), g.lpid).putInt(l.nattchAt(), g.nattch);
                }
                p.view.write(buf, o);
                return 0;
            }
            case IPC_SET: {
                ByteBuffer in = ByteBuffer.wrap(p.view.read(buf, l.shmidSize())).order(p.view.order);
                int mode = l.modeSize() == 2 ? in.getShort(20) & 0xffff : in.getInt(20);
                if (p.cfg.uid != 0 && p.cfg.uid != g.uid && p.cfg.uid != g.cuid) return -Errno.EPERM;
                synchronized (ipc) {
                    g.uid = in.getInt(4);
                    g.gid = in.getInt(8);
                    g.mode = (g.mode & ~0777) | (mode & 0777);
                    g.ctime = System.currentTimeMillis() / 1000;
                }
                return 0;
            }
            case IPC_RMID:
                if (p.cfg.uid != 0 && p.cfg.uid != g.uid && p.cfg.uid != g.cuid) return -Errno.EPERM;
                ipc.removeShm(g);
                return 0;
            default: // SHM_LOCK, SHM_UNLOCK: guest memory is never paged out
                synchronized (ipc) {
                    if (c == SHM_LOCK) g.mode |= SysvIpc.SHM_LOCKED; else g.mode &= ~SysvIpc.SHM_LOCKED;
                }
                return 0;
        }
    }
}

package dynvm.microkernel.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Writable MAP_SHARED mappings of files. Guest memory is a copy of the file, so stores reach the
 * file when the kernel would at the latest: on msync, munmap (or a mapping replacing it) and exit.
 * Only bytes that differ from what was mapped are written, so data written with write() after the
 * mmap is not overwritten by stale, unchanged mapping bytes. Nothing is ever written past the end
 * of the file. Each mapping holds a reference to its open file, so closing the descriptor after
 * mmap (the usual idiom) keeps working.
 */
final class SharedFileMappings {
    private record Mapping(int start, int len, OpenFile file, long offset, byte[] mapped) {}

    private final GuestProcess p;
    private final List<Mapping> maps = new ArrayList<>();

    SharedFileMappings(GuestProcess p) { this.p = p; }

    /** Starts tracking {@code [start, start+len)}, just mapped from {@code file} at {@code offset}. */
    void add(int start, int len, OpenFile file, long offset) {
        byte[] snapshot = new byte[len];
        p.view.mem.read(start, snapshot, 0, len);
        file.retain();
        maps.add(new Mapping(start, len, file, offset, snapshot));
    }

    /** Writes back the changed bytes of every mapping intersecting {@code [start, start+len)}. */
    void sync(int start, long len) throws IOException {
        for (Mapping m : maps) if (intersects(m, start, len)) writeBack(m);
    }

    /** As {@link #sync}, then forgets those mappings (they are being unmapped or replaced). */
    void drop(int start, long len) throws IOException {
        for (Iterator<Mapping> it = maps.iterator(); it.hasNext(); ) {
            Mapping m = it.next();
            if (!intersects(m, start, len)) continue;
            writeBack(m);
            it.remove();
            m.file.close();
        }
    }

    /** Process exit: everything still mapped reaches its file. */
    void flushAll() {
        for (Mapping m : maps) {
            try {
                writeBack(m);
                m.file.close();
            } catch (IOException | RuntimeException ignored) {
                // the process is gone; nobody to report to
            }
        }
        maps.clear();
    }

    private static boolean intersects(Mapping m, int start, long len) {
        long s = start & 0xffffffffL, ms = m.start & 0xffffffffL;
        return s < ms + m.len && ms < s + len;
    }

    private void writeBack(Mapping m) throws IOException {
        long fileSize = m.file.stat().size();
        int limit = (int) Math.max(0, Math.min(m.len, fileSize - m.offset));
        byte[] now = new byte[limit];
        p.view.mem.read(m.start, now, 0, limit);
        int i = 0;
        while (i < limit) {
            if (now[i] == m.mapped[i]) { i++; continue; }
            int j = i;
            while (j < limit && now[j] != m.mapped[j]) j++;
            m.file.writeAt(m.offset + i, now, i, j - i);
            System.arraycopy(now, i, m.mapped, i, j - i);
            i = j;
        }
    }
}

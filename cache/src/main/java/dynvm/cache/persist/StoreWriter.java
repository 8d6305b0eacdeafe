package dynvm.cache.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes store files: the whole file goes to a temporary file in the same directory, which is
 * then renamed over the old one (atomic on POSIX file systems), so a reader sees the old file or
 * the new one, never a mix, and a run killed while writing leaves the old file intact. Writers
 * of one file take an exclusive lock on a side file ({@code NAME.lock}) for the whole
 * read-merge-write, so two runs ending together both get their blocks in: the second merges
 * into what the first wrote. The rename alone would keep whichever run renamed last.
 */
final class StoreWriter {
    /** A record to write: its key and its bytes (CRC first), e.g. a slice of the old file's mapping. */
    record Rec(long key, ByteBuffer bytes) { }

    private StoreWriter() { }

    /** Runs {@code body} holding the exclusive lock of {@code lockFile} (waiting for other processes and threads). */
    static <T> T locked(Path lockFile, IoAction<T> body) throws IOException {
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = null;
            while (lock == null) {
                try {
                    lock = ch.lock();
                } catch (OverlappingFileLockException e) {
                    // another store of this JVM holds it (file locks are per process): wait for it
                    try {
                        Thread.sleep(2);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted waiting for " + lockFile, ie);
                    }
                }
            }
            try {
                return body.run();
            } finally {
                lock.release();
            }
        }
    }

    /** Something done under the lock. */
    interface IoAction<T> { T run() throws IOException; }

    /** The indexes of {@code keys} in key order, equal keys in index order (a merge sort). */
    static int[] sortedByKey(long[] keys) {
        int n = keys.length;
        int[] a = new int[n], b = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n), i = lo, j = mid, k = lo;
                while (i < mid && j < hi) b[k++] = keys[a[j]] < keys[a[i]] ? a[j++] : a[i++];
                while (i < mid) b[k++] = a[i++];
                while (j < hi) b[k++] = a[j++];
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /** Writes {@code recs} (oldest first) as the store file {@code file}, replacing it atomically. */
    static void write(Path file, long fingerprint, List<Rec> recs) throws IOException {
        int n = recs.size();
        int[] offsets = new int[n];
        long data = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = (int) data;
            data += recs.get(i).bytes().remaining();
        }
        if (data > Integer.MAX_VALUE - StoreFile.HEADER - (long) n * StoreFile.ENTRY) throw new IOException("store too big");
        // sorted by key, then by age (a stable sort of the indexes; no lambdas: this runs once, cold)
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = recs.get(i).key();
        int[] byKey = sortedByKey(keys);
        ByteBuffer head = ByteBuffer.allocate(StoreFile.HEADER + n * StoreFile.ENTRY);
        head.putInt(StoreFile.MAGIC).putInt(StoreFile.FORMAT).putInt(n).putInt((int) data).putLong(fingerprint).putLong(0);
        for (int i : byKey) head.putLong(recs.get(i).key()).putInt(offsets[i]).putInt(recs.get(i).bytes().remaining());
        head.flip();
        // named by hand: Files.createTempFile seeds a SecureRandom, which costs a short run more than the write
        Path tmp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + "." + System.nanoTime() + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                List<ByteBuffer> all = new ArrayList<>(n + 1);
                all.add(head);
                for (Rec r : recs) all.add(r.bytes().duplicate());
                ByteBuffer[] bufs = all.toArray(new ByteBuffer[0]);
                for (int from = 0; from < bufs.length; ) {
                    int to = Math.min(bufs.length, from + 1024); // gathering writes take at most IOV_MAX buffers
                    ch.write(bufs, from, to - from);
                    while (from < to && !bufs[from].hasRemaining()) from++;
                }
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

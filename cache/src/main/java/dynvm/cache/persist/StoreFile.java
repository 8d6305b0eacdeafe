package dynvm.cache.persist;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * One store file, mapped read-only. Opening checks only the header and the file's length, so it
 * costs the same for an empty file as for a full one; records are checked (CRC-32) when read.
 *
 * <pre>
 *   header   magic "DVTC", format, entry count n, data length D, build fingerprint (long),
 *            reserved (int)                                            32 bytes, big-endian
 *   index    n entries of (key = ctx &lt;&lt; 32 | pc, data offset, record length), sorted by key
 *                                                                      16 bytes each
 *   data     D bytes of records, oldest first; a record is
 *            CRC-32 of the rest, code length (u16), the code bytes, the {@link BlockCodec} form
 * </pre>
 *
 * A file is never changed in place: writers build a new one and rename it over the old
 * ({@link StoreWriter}), so a mapping stays valid while another run replaces the file.
 */
final class StoreFile {
    static final int MAGIC = 0x44565443, FORMAT = 1, HEADER = 32, ENTRY = 16;

    /** Why a file cannot be used; its message is the reason printed on stderr. */
    static final class Unreadable extends Exception {
        Unreadable(String reason) { super(reason, null, false, false); }
    }

    private final ByteBuffer map;
    private final int count, dataStart, dataLength;

    private StoreFile(ByteBuffer map, int count, int dataLength) {
        this.map = map;
        this.count = count;
        this.dataStart = HEADER + count * ENTRY;
        this.dataLength = dataLength;
    }

    /** The file at {@code path}, or null when there is none; {@link Unreadable} when it is not a valid store of this build. */
    static StoreFile open(Path path, long fingerprint) throws Unreadable, IOException {
        MappedByteBuffer m;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < HEADER) throw new Unreadable("truncated: " + size + " bytes");
            if (size > Integer.MAX_VALUE) throw new Unreadable("too big: " + size + " bytes");
            m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (m.getInt(0) != MAGIC) throw new Unreadable("not a translation cache");
        if (m.getInt(4) != FORMAT) throw new Unreadable("format " + m.getInt(4) + ", expected " + FORMAT);
        int n = m.getInt(8), d = m.getInt(12);
        if (m.getLong(16) != fingerprint) throw new Unreadable("made by another build");
        long expect = HEADER + (long) n * ENTRY + d;
        if (n < 0 || d < 0) throw new Unreadable("bad header");
        if (expect != m.capacity()) throw new Unreadable(m.capacity() < expect ? "truncated: " + m.capacity() + " of " + expect + " bytes"
                : "trailing bytes: " + m.capacity() + " for " + expect);
        return new StoreFile(m, n, d);
    }

    int count() { return count; }

    long key(int i) { return map.getLong(HEADER + i * ENTRY); }

    int offset(int i) { return map.getInt(HEADER + i * ENTRY + 8); }

    int length(int i) { return map.getInt(HEADER + i * ENTRY + 12); }

    /** Index of the first entry with {@code key}, or -1. */
    int first(long key) {
        int lo = 0, hi = count - 1, found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long k = key(mid);
            if (k < key) lo = mid + 1;
            else {
                if (k == key) found = mid;
                hi = mid - 1;
            }
        }
        return found;
    }

    /** Entry {@code i}'s whole record (CRC included), checked against its CRC; its own buffer. */
    ByteBuffer record(int i) throws Unreadable {
        int off = offset(i), len = length(i);
        if (off < 0 || len < 6 || (long) off + len > dataLength) throw new Unreadable("entry " + i + " out of bounds");
        ByteBuffer r = map.slice(dataStart + off, len);
        CRC32 crc = new CRC32();
        crc.update(r.slice(4, len - 4));
        if ((int) crc.getValue() != r.getInt(0)) throw new Unreadable("entry " + i + " fails its checksum");
        return r;
    }

    /** The code bytes of a checked record. */
    static ByteBuffer code(ByteBuffer record) { return record.slice(6, record.getShort(4) & 0xffff); }

    /** The block form of a checked record, positioned at its start. */
    static ByteBuffer block(ByteBuffer record) {
        int start = 6 + (record.getShort(4) & 0xffff);
        return record.slice(start, record.limit() - start);
    }

    /** A record for {@code code} and the encoded block. */
    static byte[] makeRecord(byte[] code, byte[] block) {
        if (code.length > 0xffff) throw new IllegalArgumentException("code too long");
        ByteBuffer r = ByteBuffer.allocate(6 + code.length + block.length);
        r.putInt(0).putShort((short) code.length).put(code).put(block);
        CRC32 crc = new CRC32();
        crc.update(r.array(), 4, r.capacity() - 4);
        r.putInt(0, (int) crc.getValue());
        return r.array();
    }
}

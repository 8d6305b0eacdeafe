package dynvm.microkernel.mem;

import java.io.IOException;

/** The source of a file-backed mapping: the address space copies the bytes in at map time. */
public interface FileBacking {
    /**
     * Reads up to {@code len} bytes at {@code offset} without moving any file position.
     * @return bytes read; fewer than {@code len} (possibly 0) at end of file
     */
    int readAt(long offset, byte[] dst, int dstOff, int len) throws IOException;
}

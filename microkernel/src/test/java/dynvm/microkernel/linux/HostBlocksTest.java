package dynvm.microkernel.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostBlocksTest {
    @Test
    void blocksOfAHostFileAsTheHostCountsThem(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("f");
        Files.write(f, new byte[10_000]);
        long[] b = HostBlocks.of(f.toString(), true);
        assumeTrue(b != null, "no host fstatat through JNA here");
        assertTrue(b[0] > 0, "st_blksize " + b[0]);
        assertTrue(b[1] * 512 >= 10_000, "st_blocks " + b[1] + " cover the size");
        Path sparse = tmp.resolve("sparse");
        try (var ch = java.nio.channels.FileChannel.open(sparse, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), 64L << 20);
        }
        long[] s = HostBlocks.of(sparse.toString(), true);
        assertTrue(s[1] * 512 < 64L << 20, "a sparse file counts its allocated blocks, not its size: " + s[1]);
        Path link = tmp.resolve("link");
        Files.createSymbolicLink(link, f);
        assertEquals(b[1], HostBlocks.of(link.toString(), true)[1], "followed");
        assertNull(HostBlocks.of(tmp.resolve("none").toString(), true), "a missing file: the host cannot say");
    }
}

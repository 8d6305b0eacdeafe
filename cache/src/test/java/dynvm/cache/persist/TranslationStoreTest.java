package dynvm.cache.persist;

import static org.junit.jupiter.api.Assertions.*;

import dynvm.ir.Block;
import dynvm.ir.Terminal;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslationStoreTest {
    @TempDir Path dir;

    /** The lines the stores printed (what the run would print on stderr). */
    final List<String> warnings = new CopyOnWriteArrayList<>();

    TranslationStore store(long max) {
        return new TranslationStore(dir, "toy", "build1", max, BlockCodecTest.HELPERS, warnings::add);
    }

    TranslationStore store() { return store(TranslationStore.DEFAULT_MAX_BYTES); }

    /** The "guest memory" of a test: code bytes by pc (a pc can hold different code in different programs). */
    static byte[] code(int pc, int variant) {
        byte[] c = new byte[8];
        ByteBuffer.wrap(c).putInt(pc).putInt(variant);
        return c;
    }

    static TranslationStore.CodeCheck memory(int variant) {
        return (pc, code) -> code.equals(ByteBuffer.wrap(code(pc, variant)));
    }

    /** {@code n} blocks from {@code pc0}, every terminal kind in turn. */
    static List<Block> blocks(int pc0, int n) {
        List<Terminal> ts = BlockCodecTest.everyTerminal();
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(BlockCodecTest.block(pc0 + 16 * i, i % 3, BlockCodecTest.everyOp(), ts.get(i % ts.size())));
        return out;
    }

    static void add(TranslationStore s, List<Block> bs, int variant) {
        for (Block b : bs) s.add(b, code(b.pc(), variant));
    }

    /** Every block is found again, equal to what was stored; returns how many. */
    static int assertAllFound(TranslationStore s, List<Block> bs, int variant) {
        for (Block b : bs) {
            Block got = s.find(b.pc(), b.context(), memory(variant));
            assertNotNull(got, String.format("block 0x%x variant %d", b.pc(), variant));
            BlockCodecTest.assertSameBlock(b, got);
        }
        return bs.size();
    }

    @Test
    void blocksSurviveTheRunAndAreCheckedAgainstTheCode() throws IOException {
        List<Block> bs = blocks(0x10000, 40);
        TranslationStore first = store();
        assertNull(first.find(0x10000, 0, memory(0)), "empty at first");
        add(first, bs, 0);
        first.flush();
        assertEquals(40, first.written());

        TranslationStore second = store();
        assertAllFound(second, bs, 0);
        assertEquals(40, second.hits());
        assertNull(second.find(0x10000, 0, memory(1)), "other code at the same pc: a miss");
        assertNull(second.find(0x10000, 1, memory(0)), "another context: a miss");
        assertEquals(2, second.misses());

        // the same pcs with other code (another program) are kept beside the first ones
        add(second, bs, 1);
        second.flush();
        TranslationStore third = store();
        assertAllFound(third, bs, 0);
        assertAllFound(third, bs, 1);
        assertEquals(List.of(), warnings);
        second.flush(); // nothing new: nothing written
    }

    @Test
    void aCorruptedHeaderIsIgnoredWithOneLineAndRebuilt() throws IOException {
        writeStore(blocks(0x20000, 10));
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(0);
            f.writeInt(0x12345678);
        }
        assertRebuilt("not a translation cache");
    }

    @Test
    void aCorruptedRecordIsIgnoredWithOneLineAndRebuilt() throws IOException {
        List<Block> bs = blocks(0x20000, 10);
        writeStore(bs);
        long size = Files.size(file());
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek(size - 20); // inside the newest record's block
            int b = f.read();
            f.seek(size - 20);
            f.write(b ^ 0x5a);
        }
        TranslationStore s = store();
        int found = 0;
        for (Block b : bs) if (s.find(b.pc(), b.context(), memory(0)) != null) found++;
        assertEquals(9, found, "the other records are still fine until the bad one is met");
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).matches("dynvm: translation cache .*toy-build1\\.tcache unreadable \\(entry \\d+ fails its checksum\\); rebuilding"),
                warnings.get(0));
        assertNull(s.find(bs.get(0).pc(), bs.get(0).context(), memory(0)), "an unreadable file is no longer used");
        List<Block> mine = blocks(0x30000, 3);
        add(s, mine, 0);
        s.flush();
        assertEquals(1, warnings.size(), "one line per file and run");
        TranslationStore after = store();
        assertAllFound(after, mine, 0);
        assertNull(after.find(bs.get(0).pc(), bs.get(0).context(), memory(0)), "the corrupted file's contents were dropped");
    }

    @Test
    void aTruncatedFileIsIgnoredWithOneLineAndRebuilt() throws IOException {
        writeStore(blocks(0x20000, 10));
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(f.length() - 7);
        }
        assertRebuilt("truncated: \\d+ of \\d+ bytes");
        Files.write(file(), new byte[5]); // shorter than a header
        warnings.clear();
        assertRebuilt("truncated: 5 bytes");
    }

    private Path file() { return dir.resolve("toy-build1.tcache"); }

    private void writeStore(List<Block> bs) throws IOException {
        TranslationStore s = store();
        add(s, bs, 0);
        s.flush();
    }

    /** The file is ignored (a miss and one stderr line saying {@code reason}), and the next flush writes a good one. */
    private void assertRebuilt(String reason) throws IOException {
        TranslationStore s = store();
        assertNull(s.find(0x20000, 0, memory(0)));
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).matches("dynvm: translation cache .*toy-build1\\.tcache unreadable \\(" + reason + "\\); rebuilding"),
                warnings.get(0));
        List<Block> mine = blocks(0x30000, 5);
        add(s, mine, 0);
        s.flush();
        assertEquals(1, warnings.size(), warnings.toString());
        TranslationStore after = store();
        assertAllFound(after, mine, 0);
        assertEquals(1, warnings.size(), "the rebuilt file reads cleanly: " + warnings);
    }

    @Test
    void aFileOfAnotherBuildIsNotUsed() throws IOException {
        writeStore(blocks(0x20000, 4));
        Files.copy(file(), dir.resolve("toy-build2.tcache"));
        TranslationStore other = new TranslationStore(dir, "toy", "build2", TranslationStore.DEFAULT_MAX_BYTES, BlockCodecTest.HELPERS, warnings::add);
        assertNull(other.find(0x20000, 0, memory(0)));
        assertTrue(warnings.get(0).contains("(made by another build)"), warnings.toString());
    }

    @Test
    void theOldestBlocksGoWhenTheBoundIsPassed() throws IOException {
        List<Block> old = blocks(0x40000, 20), young = blocks(0x50000, 20);
        TranslationStore a = store(1 << 20);
        add(a, old, 0);
        a.flush();
        long oneSet = Files.size(file());
        TranslationStore b = store(oneSet + oneSet / 2);
        add(b, young, 0);
        b.flush();
        assertTrue(Files.size(file()) <= oneSet + oneSet / 2, "bounded: " + Files.size(file()));
        TranslationStore c = store();
        assertAllFound(c, young, 0);
        assertNull(c.find(old.get(0).pc(), old.get(0).context(), memory(0)), "the oldest went first");
        assertNotNull(c.find(old.get(19).pc(), old.get(19).context(), memory(0)), "the youngest of the old set stayed");
    }

    @Test
    void twoThreadsWritingAtOnceLeaveBothSets() throws Exception {
        List<Block> x = blocks(0x60000, 30), y = blocks(0x70000, 30);
        CountDownLatch go = new CountDownLatch(1);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        List<Thread> ts = new ArrayList<>();
        for (List<Block> set : List.of(x, y)) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    for (int round = 0; round < 10; round++) { // each flush merges into what the other wrote
                        TranslationStore s = store();
                        add(s, set.subList(3 * round, 3 * round + 3), 0);
                        s.flush();
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            t.start();
            ts.add(t);
        }
        go.countDown();
        for (Thread t : ts) t.join(60_000);
        assertEquals(List.of(), errors);
        TranslationStore after = store();
        assertAllFound(after, x, 0);
        assertAllFound(after, y, 0);
        assertEquals(List.of(), warnings);
        try (var s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    /** A writer process for {@link #twoProcessesWritingAtOnceLeaveBothSets}: DIR PC0 ROUNDS. */
    public static void main(String[] args) throws IOException {
        Path d = Path.of(args[0]);
        int pc0 = Integer.decode(args[1]), rounds = Integer.parseInt(args[2]);
        List<Block> set = blocks(pc0, 3 * rounds);
        for (int round = 0; round < rounds; round++) {
            TranslationStore s = new TranslationStore(d, "toy", "build1", TranslationStore.DEFAULT_MAX_BYTES, BlockCodecTest.HELPERS,
                    System.err::println);
            add(s, set.subList(3 * round, 3 * round + 3), 0);
            s.flush();
        }
    }

    @Test
    void twoProcessesWritingAtOnceLeaveBothSets() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> ps = new ArrayList<>();
        Map<Integer, Path> errs = new HashMap<>();
        for (int pc0 : new int[]{0x80000, 0x90000}) {
            Path err = dir.resolve("err-" + pc0 + ".txt");
            errs.put(pc0, err);
            ps.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), TranslationStoreTest.class.getName(),
                    dir.toString(), Integer.toString(pc0), "15").redirectErrorStream(true).redirectOutput(err.toFile()).start());
        }
        for (Process p : ps) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "writer finished");
            assertEquals(0, p.exitValue(), Files.readString(errs.get(p == ps.get(0) ? 0x80000 : 0x90000)));
        }
        for (Path e : errs.values()) assertEquals("", Files.readString(e), "no warnings from the writers");
        TranslationStore after = store();
        assertAllFound(after, blocks(0x80000, 45), 0);
        assertAllFound(after, blocks(0x90000, 45), 0);
        assertEquals(List.of(), warnings);
    }
}

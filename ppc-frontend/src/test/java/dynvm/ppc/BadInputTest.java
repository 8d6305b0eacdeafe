package dynvm.ppc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dynvm.translator.launch.GuestLauncher;
import dynvm.translator.vm.EngineKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Programs that cannot run, or die: dynvm must exit with the status a shell would report (126
 * cannot execute, 127 not found, 128+signal) and say why in exactly one "dynvm: " line on stderr,
 * never with a Java stack trace. The broken ELF files are made here from a copy of {@code hello};
 * the dying programs are {@code guest/bin/fault} (qemu-ppc dies of the same signals).
 */
class BadInputTest {
    private static final Path BIN = GuestCase.GUEST.resolve("bin");
    private static final int EM_ARM = 40, EM_X86_64 = 62, PT_LOAD = 1;

    @TempDir Path tmp;

    record Outcome(int exit, String stdout, String stderr) { }

    private Outcome run(Path program, EngineKind engine, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        GuestLauncher.Request req = GuestLauncher.Request.of(program, List.of(args), List.of(), engine,
                new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true), tmp);
        int status = GuestLauncher.run(req);
        return new Outcome(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.ISO_8859_1));
    }

    /** Asserts the exit status and that stderr is one "dynvm: " line without a stack trace; returns that line. */
    private static String oneDiagnostic(Outcome o, int exit) {
        String err = o.stderr();
        assertEquals(exit, o.exit(), "exit status; stderr: " + err);
        assertTrue(err.startsWith("dynvm: "), "stderr starts with 'dynvm: ': " + err);
        assertTrue(err.endsWith("\n") && err.indexOf('\n') == err.length() - 1, "exactly one line: " + err);
        assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("Error:"), "no Java trace: " + err);
        return err.strip();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static byte[] hello() throws IOException { return Files.readAllBytes(BIN.resolve("hello")); }

    /** Runs a file that must be refused: status 126 and a line naming the file and the reason. */
    private void refused(Path file, EngineKind engine, String reason) {
        String line = oneDiagnostic(run(file, engine), GuestLauncher.EXIT_CANNOT_EXECUTE);
        assertTrue(line.startsWith("dynvm: " + file + ": "), "names the file: " + line);
        assertTrue(line.contains(reason), "says '" + reason + "': " + line);
    }

    // ---- files that are not loadable programs: 126

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void textFileIsNotAnElf(EngineKind engine) throws IOException {
        refused(write("notes.txt", "echo this is a text file\n".getBytes(StandardCharsets.US_ASCII)), engine, "not an ELF file");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void scriptForAHostInterpreterIsRefused(EngineKind engine) throws IOException {
        // without a sysroot, /bin/sh is the host's shell: never run, whatever it is
        refused(write("script.sh", "#!/bin/sh\necho this is a script\n".getBytes(StandardCharsets.US_ASCII)), engine, "/bin/sh");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void emptyFileIsNotAnElf(EngineKind engine) throws IOException {
        refused(write("empty", new byte[0]), engine, "not an ELF file");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void armMachineIsRefused(EngineKind engine) throws IOException {
        byte[] b = hello();
        ByteBuffer.wrap(b).putShort(18, (short) EM_ARM);
        // no ARM front-end on this module's classpath; with one, the big-endian data is refused instead
        String line = oneDiagnostic(run(write("arm", b), engine), GuestLauncher.EXIT_CANNOT_EXECUTE);
        assertTrue(line.contains("ELF machine 40") || line.contains("byte order"), line);
        assertTrue(line.startsWith("dynvm: " + tmp.resolve("arm") + ": "), line);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void x86_64MachineIsRefused(EngineKind engine) throws IOException {
        byte[] b = hello();
        ByteBuffer.wrap(b).putShort(18, (short) EM_X86_64);
        refused(write("x86_64", b), engine, "ELF machine 62");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void elf64IsRefused(EngineKind engine) throws IOException {
        byte[] b = hello();
        b[4] = 2; // ELFCLASS64
        ByteBuffer.wrap(b).putShort(18, (short) EM_X86_64);
        refused(write("elf64", b), engine, "64-bit");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void truncatedInProgramHeaders(EngineKind engine) throws IOException {
        refused(write("hello100", Arrays.copyOf(hello(), 100)), engine, "program header table outside the file");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void truncatedInSegment(EngineKind engine) throws IOException {
        refused(write("hello1000", Arrays.copyOf(hello(), 1000)), engine, "extends past end of file");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void truncatedHeader(EngineKind engine) throws IOException {
        refused(write("hello30", Arrays.copyOf(hello(), 30)), engine, "truncated ELF header");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void segmentAtTopOfAddressSpace(EngineKind engine) throws IOException {
        byte[] b = hello();
        ByteBuffer.wrap(b).putInt(firstLoad(b) + 8, 0xfffff000); // p_vaddr
        refused(write("high", b), engine, "above 0xfffff000");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void hugeSegment(EngineKind engine) throws IOException {
        byte[] b = hello();
        ByteBuffer.wrap(b).putInt(firstLoad(b) + 20, 0xfff00000); // p_memsz
        refused(write("huge", b), engine, "above 0xfffff000");
    }

    /** File offset of the first PT_LOAD program header of a big-endian ELF32. */
    private static int firstLoad(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        int phoff = bb.getInt(28), phentsize = bb.getShort(42), phnum = bb.getShort(44);
        for (int i = 0; i < phnum; i++)
            if (bb.getInt(phoff + i * phentsize) == PT_LOAD) return phoff + i * phentsize;
        throw new AssertionError("no PT_LOAD in hello");
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void missingFile(EngineKind engine) {
        Path p = tmp.resolve("does-not-exist");
        String line = oneDiagnostic(run(p, engine), GuestLauncher.EXIT_NOT_FOUND);
        assertEquals("dynvm: " + p + ": No such file or directory", line);
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void directory(EngineKind engine) {
        String line = oneDiagnostic(run(tmp, engine), GuestLauncher.EXIT_CANNOT_EXECUTE);
        assertTrue(line.startsWith("dynvm: " + tmp + ": "), line);
    }

    // ---- guests that die: 128 + signal, with the pc (and the word or the address) in hex

    private static final Pattern PC = Pattern.compile("pc 0x([0-9a-f]{8})");

    private static int pcOf(String line) {
        Matcher m = PC.matcher(line);
        assertTrue(m.find(), "pc in hex: " + line);
        return Integer.parseUnsignedInt(m.group(1), 16);
    }

    /** The instruction word at guest address {@code pc}, read from the ELF file's PT_LOAD segments. */
    private static int wordAt(byte[] elf, int pc) {
        ByteBuffer bb = ByteBuffer.wrap(elf);
        int phoff = bb.getInt(28), phentsize = bb.getShort(42), phnum = bb.getShort(44);
        for (int i = 0; i < phnum; i++) {
            int h = phoff + i * phentsize;
            long vaddr = bb.getInt(h + 8) & 0xffffffffL, filesz = bb.getInt(h + 16) & 0xffffffffL;
            long a = pc & 0xffffffffL;
            if (bb.getInt(h) == PT_LOAD && a >= vaddr && a + 4 <= vaddr + filesz) return bb.getInt((int) (bb.getInt(h + 4) + a - vaddr));
        }
        throw new AssertionError(String.format("pc 0x%08x is not in a loaded segment", pc));
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void illegalInstruction(EngineKind engine) throws IOException {
        Outcome o = run(BIN.resolve("fault"), engine, "illegal");
        String line = oneDiagnostic(o, 128 + 4);
        assertTrue(line.contains("SIGILL") && line.contains("0x00000000"), line);
        assertEquals(0, wordAt(Files.readAllBytes(BIN.resolve("fault")), pcOf(line)), "the pc points at the undefined word: " + line);
        assertEquals("", o.stdout());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void nullRead(EngineKind engine) throws IOException {
        Outcome o = run(BIN.resolve("fault"), engine, "null-read");
        String line = oneDiagnostic(o, 128 + 11);
        assertTrue(line.contains("SIGSEGV") && line.contains("read at 0x00000000"), line);
        int word = wordAt(Files.readAllBytes(BIN.resolve("fault")), pcOf(line));
        assertEquals(32, word >>> 26, String.format("the pc points at the lwz, not at 0x%08x: %s", word, line));
        assertEquals("", o.stdout());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void unmappedWrite(EngineKind engine) throws IOException {
        Outcome o = run(BIN.resolve("fault"), engine, "wild-write");
        String line = oneDiagnostic(o, 128 + 11);
        assertTrue(line.contains("SIGSEGV") && line.contains("write at 0x80000000"), line);
        int word = wordAt(Files.readAllBytes(BIN.resolve("fault")), pcOf(line));
        assertEquals(36, word >>> 26, String.format("the pc points at the stw, not at 0x%08x: %s", word, line));
        assertEquals("", o.stdout());
    }

    @ParameterizedTest
    @EnumSource(value = EngineKind.class, names = {"INTERP", "DBT"})
    void callThroughNullPointer(EngineKind engine) {
        Outcome o = run(BIN.resolve("fault"), engine, "null-call");
        String line = oneDiagnostic(o, 128 + 11);
        assertTrue(line.contains("SIGSEGV") && line.contains("at 0x00000000"), line);
        assertEquals(0, pcOf(line), "the fault is the instruction fetch at 0: " + line);
        assertEquals("", o.stdout());
    }
}

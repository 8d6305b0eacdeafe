package dynvm.translator.loader;

import dynvm.microkernel.linux.Errno;
import dynvm.translator.vm.IsaRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Random;

import static dynvm.translator.loader.ProgramHeader.*;
import static org.junit.jupiter.api.Assertions.*;

/** execve's loading steps: path lookup in the sysroot, #! scripts, PT_INTERP, PIE, errors with their errno. */
class ProgramLoaderTest {
    static final String LD = "/lib/ld-fake.so.1";
    final IsaRegistry reg = new IsaRegistry(List.of(FakeIsa.ppcLike()));

    @TempDir Path tmp;

    ProgramLoader.Options opts(Path sysroot) {
        return ProgramLoader.Options.of(sysroot, UserImageTest.WINDOW).withRandom(new Random(1), UserImageTest.IDS);
    }

    ProgramLoader.LoadedProgram load(String path, Path sysroot, String... argv) throws ExecError {
        return ProgramLoader.load(path, List.of(argv), List.of("A=1"), tmp, reg, opts(sysroot));
    }

    ExecError refused(String path, Path sysroot, String... argv) {
        return assertThrows(ExecError.class, () -> load(path, sysroot, argv));
    }

    Path write(Path p, byte[] bytes) throws IOException {
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    Path script(String name, String text) throws IOException {
        return write(tmp.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /** The static test program (text at 0x10000000) with a PT_INTERP naming {@code interp}. */
    static TinyElf dynamicProgram(String interp) {
        byte[] name = (interp + "\0").getBytes(StandardCharsets.US_ASCII);
        return UserImageTest.program().phdr(PT_INTERP, 0x180, 0, name.length, name.length, PF_R).put(0x180, name);
    }

    /** A position-independent interpreter: one R-X segment at 0 with 8 KiB of bss, entry 0x100. */
    static TinyElf interpreter() {
        TinyElf t = new TinyElf().phdr(PT_LOAD, 0, 0, 0x200, 0x3000, PF_R | PF_X).put(0x100, UserImageTest.CODE);
        t.type = ElfFile.ET_DYN;
        t.entry = 0x100;
        t.fileSize = 0x200;
        return t;
    }

    Path sysrootWithInterpreter() throws IOException {
        Path root = tmp.resolve("root");
        write(root.resolve(LD.substring(1)), interpreter().build());
        return root;
    }

    static UserImageTest.Stack stack(ProgramLoader.LoadedProgram p) {
        return UserImageTest.Stack.read(p.image().memory(), p.image().stackPointer(), true);
    }

    @Test
    void dynamicProgramStartsInTheInterpreterWithTheProgramInAuxv() throws Exception {
        Path root = sysrootWithInterpreter();
        write(tmp.resolve("prog"), dynamicProgram(LD).build());
        ProgramLoader.LoadedProgram p = load("prog", root, "prog", "x");
        UserImage img = p.image();
        int base = img.interpreterBase();
        assertEquals(img.layout().mmapLow(), base & 0xffffffffL, "interpreter at the bottom of the mmap area");
        assertTrue((base & 0xffffffffL) >= img.layout().brkBase() + 4096, "clear of the brk area");
        assertEquals(base + 0x100, img.entry(), "starts at the interpreter's entry");
        assertEquals(0x7f454c46, img.memory().load32be(base), "interpreter loaded");
        assertEquals(0, img.memory().load32be(base + 0x2000), "interpreter bss zeroed and mapped");
        UserImageTest.Stack s = stack(p);
        assertEquals(base, s.aux(Auxv.AT_BASE));
        assertEquals(0x10000100, s.aux(Auxv.AT_ENTRY));
        assertEquals(0x10000034, s.aux(Auxv.AT_PHDR));
        assertEquals(32, s.aux(Auxv.AT_PHENT));
        assertEquals(3, s.aux(Auxv.AT_PHNUM));
        assertEquals(0, s.aux(Auxv.AT_SECURE));
        assertEquals(4096, s.aux(Auxv.AT_PAGESZ));
        assertEquals(List.of("prog", "x"), s.argv());
        assertEquals(LD, p.interpreter());
        assertEquals(tmp.resolve("prog"), p.hostPath(), "/proc/self/exe is the program, not ld.so");
    }

    @Test
    void pieIsLoadedLowAndReportedThroughAuxv() throws Exception {
        Path root = sysrootWithInterpreter();
        TinyElf pie = new TinyElf().phdr(PT_LOAD, 0, 0, 0x200, 0x200, PF_R | PF_X).put(0x100, UserImageTest.CODE);
        byte[] name = (LD + "\0").getBytes(StandardCharsets.US_ASCII);
        pie.phdr(PT_INTERP, 0x180, 0, name.length, name.length, PF_R).put(0x180, name);
        pie.type = ElfFile.ET_DYN;
        pie.entry = 0x100;
        pie.fileSize = 0x200;
        write(tmp.resolve("pie"), pie.build());
        ProgramLoader.LoadedProgram p = load("pie", root, "pie");
        UserImageTest.Stack s = stack(p);
        assertEquals((int) ImageLayout.DYN_BASE + 0x100, s.aux(Auxv.AT_ENTRY));
        assertEquals((int) ImageLayout.DYN_BASE + 0x34, s.aux(Auxv.AT_PHDR));
        assertEquals(p.image().interpreterBase() + 0x100, p.image().entry());
        assertEquals(CODE0, p.image().memory().load8((int) ImageLayout.DYN_BASE + 0x100));
    }

    static final int CODE0 = UserImageTest.CODE[0] & 0xff;

    @Test
    void staticProgramHasNoBase() throws Exception {
        write(tmp.resolve("static"), UserImageTest.program().build());
        ProgramLoader.LoadedProgram p = load("static", null, "static");
        assertEquals(0, stack(p).aux(Auxv.AT_BASE));
        assertEquals(0x10000100, p.image().entry());
        assertNull(p.interpreter());
    }

    @Test
    void missingInterpreterIsOneClearError() throws Exception {
        write(tmp.resolve("prog"), dynamicProgram("/lib/ld-missing.so.9").build());
        ExecError e = refused("prog", tmp.resolve("empty-root"), "prog");
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(127, e.shellStatus());
        assertEquals("cannot load interpreter /lib/ld-missing.so.9", e.getMessage());
        assertNotNull(e.hint(), "suggests what to do");
        assertTrue(e.describe().startsWith(e.getMessage() + " ("), e.describe());
    }

    @Test
    void interpreterForAnotherMachineIsElibbad() throws Exception {
        Path root = tmp.resolve("root");
        TinyElf arm = interpreter();
        arm.machine = 40;
        write(root.resolve(LD.substring(1)), arm.build());
        write(tmp.resolve("prog"), dynamicProgram(LD).build());
        ExecError e = refused("prog", root, "prog");
        assertEquals(Errno.ELIBBAD, e.errno());
        assertTrue(e.getMessage().startsWith("bad interpreter " + LD), e.getMessage());
        write(root.resolve(LD.substring(1)), "garbage".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Errno.ELIBBAD, refused("prog", root, "prog").errno());
    }

    @Test
    void absolutePathsAreLookedUpInTheSysrootFirst() throws Exception {
        Path root = tmp.resolve("root");
        write(root.resolve("bin/prog"), UserImageTest.program().build());
        ProgramLoader.LoadedProgram p = load("/bin/prog", root, "/bin/prog");
        assertEquals(root.resolve("bin/prog"), p.hostPath());
        assertEquals("/bin/prog", p.execFn());
        // not in the sysroot: the host's file
        Path host = write(tmp.resolve("host-prog"), UserImageTest.program().build());
        assertEquals(host, load(host.toString(), root, "p").hostPath());
    }

    @Test
    void scriptRunsItsInterpreterWithLinuxArgv() throws Exception {
        Path root = tmp.resolve("root");
        write(root.resolve("bin/interp"), UserImageTest.program().build());
        Path s = script("s.sh", "#!/bin/interp -x\necho hi\n");
        ProgramLoader.LoadedProgram p = load("s.sh", root, "whatever-argv0", "a", "b c");
        assertEquals(List.of("/bin/interp", "-x", "s.sh", "a", "b c"), p.argv(), "argv[0] replaced, path as given");
        assertEquals(List.of("/bin/interp", "-x", "s.sh", "a", "b c"), stack(p).argv());
        assertEquals("s.sh", p.execFn(), "AT_EXECFN is the script as passed to execve");
        assertEquals(root.resolve("bin/interp"), p.hostPath());
        assertEquals(s.getFileName().toString(), p.argv().get(2));
    }

    @Test
    void shebangLineIsParsedLikeBinfmtScript() throws Exception {
        assertArrayEquals(new String[] {"/bin/sh", null}, parse("#!/bin/sh\n"));
        assertArrayEquals(new String[] {"/bin/sh", null}, parse("#! \t/bin/sh \t \nrest"));
        assertArrayEquals(new String[] {"/usr/bin/env", "python3 -u"}, parse("#!/usr/bin/env  python3 -u  \n"),
                "one argument: the rest of the line, trimmed");
        assertArrayEquals(new String[] {"/bin/sh", null}, parse("#!/bin/sh"), "no newline in a short file");
        assertArrayEquals(new String[] {"/bin/awk", "-f"}, parse("#!/bin/awk -f\r\n".replace("\r", "")));
        assertEquals(Errno.ENOEXEC, assertThrows(ExecError.class, () -> parse("#!   \n")).errno(), "no interpreter");
        assertEquals(Errno.ENOEXEC, assertThrows(ExecError.class, () -> parse("#!/" + "x".repeat(300))).errno(),
                "interpreter name cut off at 256 bytes");
        String[] longArg = parse("#!/bin/sh " + "y".repeat(300));
        assertEquals("/bin/sh", longArg[0], "a long argument is truncated, not refused");
        assertEquals(255 - "#!/bin/sh ".length(), longArg[1].length());
    }

    private static String[] parse(String s) throws ExecError {
        return ProgramLoader.parseShebang(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void textFileWithoutShebangIsEnoexec() throws Exception {
        script("notes.txt", "echo hi\n");
        ExecError e = refused("notes.txt", null, "notes.txt");
        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals(126, e.shellStatus());
        assertEquals("not an ELF file", e.getMessage());
    }

    @Test
    void hostBinaryAsInterpreterIsRefused() throws Exception {
        byte[] x86 = UserImageTest.program().build();
        x86[4] = 2; // ELFCLASS64, like the host's /bin/sh
        write(tmp.resolve("root/bin/sh"), x86);
        script("s.sh", "#!/bin/sh\n");
        ExecError e = refused("s.sh", tmp.resolve("root"), "s.sh");
        assertEquals(Errno.ENOEXEC, e.errno());
        assertEquals("/bin/sh: unsupported ELF class 64-bit", e.getMessage());
    }

    @Test
    void missingScriptInterpreterIsBadInterpreter() throws Exception {
        script("s.sh", "#!/no/such/interp\n");
        ExecError e = refused("s.sh", tmp.resolve("root"), "s.sh");
        assertEquals(Errno.ENOENT, e.errno());
        assertEquals(126, e.shellStatus(), "bash says 'bad interpreter' and exits 126");
        assertTrue(e.getMessage().contains("bad interpreter"), e.getMessage());
    }

    @Test
    void scriptChainsStopAtFourLevels() throws Exception {
        write(tmp.resolve("elf"), UserImageTest.program().build());
        String prev = tmp.resolve("elf").toString();
        for (int i = 1; i <= 5; i++) {
            script("s" + i, "#!" + prev + "\n");
            prev = tmp.resolve("s" + i).toString();
        }
        ProgramLoader.LoadedProgram p = load("s4", null, "s4");
        assertEquals(tmp.resolve("elf"), p.hostPath());
        assertEquals(List.of(tmp.resolve("elf").toString(), tmp.resolve("s1").toString(), tmp.resolve("s2").toString(),
                tmp.resolve("s3").toString(), "s4"), p.argv());
        assertEquals(Errno.ELOOP, refused("s5", null, "s5").errno());
    }

    @Test
    void fileErrorsHaveTheirErrno() throws Exception {
        assertEquals(Errno.ENOENT, refused("nope", null, "nope").errno());
        assertEquals(127, refused("nope", null, "nope").shellStatus());
        assertEquals(Errno.ENOENT, refused("", null).errno());
        assertEquals(Errno.EACCES, refused(tmp.toString(), null, "dir").errno(), "a directory");
        Path noX = write(tmp.resolve("nox"), UserImageTest.program().build());
        Files.setPosixFilePermissions(noX, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(Errno.EACCES, refused("nox", null, "nox").errno(), "execve wants the x bit");
        ProgramLoader.Options cli = opts(null).withRequireExecutable(false);
        assertNotNull(ProgramLoader.load("nox", List.of("nox"), List.of(), tmp, reg, cli), "the CLI does not");
    }

    @Test
    void tooLongArgumentsAreE2big() throws Exception {
        write(tmp.resolve("prog"), UserImageTest.program().build());
        String big = "x".repeat((int) (ImageLayout.STACK_SIZE / 4) + 1);
        assertEquals(Errno.E2BIG, refused("prog", null, "prog", big).errno());
    }

    @Test
    void hostRandomDrawsFromTheKernel() {
        java.util.Random r = ProgramLoader.Options.hostRandom();
        byte[] a = new byte[16], b = new byte[16];
        r.nextBytes(a);
        r.nextBytes(b);
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(a, b), "two draws of 16 bytes differ");
        int v = r.nextInt(10);
        org.junit.jupiter.api.Assertions.assertTrue(v >= 0 && v < 10);
    }
}

package dynvm.translator.cli;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/** dynvm binfmt: qemu-binfmt-conf.sh's lines for ARM and PowerPC, and binfmt_misc where it can be used. */
@ResourceLock(Resources.SYSTEM_OUT)
@ResourceLock(Resources.SYSTEM_ERR)
class BinfmtCommandTest {
    @TempDir Path tmp;

    record Run(int status, String out, String err) { }

    private static Run binfmt(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            String[] a = new String[args.length + 1];
            a[0] = "binfmt";
            System.arraycopy(args, 0, a, 1, args.length);
            int status = Main.commandLine().execute(a);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printShowsQemusMagicAndMaskForArmAndPowerPc() {
        Run r = binfmt("--print", "--interpreter", "/opt/dynvm/dynvm");
        assertEquals(0, r.status(), r.err());
        assertEquals(":dynvm-arm:M::"
                + "\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28\\x00:"
                + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
                + ":/opt/dynvm/dynvm:\n"
                + ":dynvm-ppc:M::"
                + "\\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x14:"
                + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff"
                + ":/opt/dynvm/dynvm:\n", r.out().replace("\r", ""));
    }

    @Test
    void theMagicMatchesTheCommittedGuestsAndNotTheOtherIsa() throws Exception {
        // an ARM ELF header (EM_ARM 40, little-endian, ET_EXEC) and a PowerPC one (EM_PPC 20, big-endian)
        byte[] arm = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 40, 0};
        byte[] armPie = arm.clone(); armPie[16] = 3;
        byte[] ppc = {0x7f, 'E', 'L', 'F', 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 20};
        BinfmtCommand.Entry armEntry = BinfmtCommand.ENTRIES.get(0), ppcEntry = BinfmtCommand.ENTRIES.get(1);
        assertTrue(matches(armEntry, arm) && matches(armEntry, armPie) && !matches(armEntry, ppc));
        assertTrue(matches(ppcEntry, ppc) && !matches(ppcEntry, arm));
    }

    private static boolean matches(BinfmtCommand.Entry e, byte[] header) {
        for (int i = 0; i < e.magic().length; i++) if ((header[i] & e.mask()[i]) != (e.magic()[i] & e.mask()[i])) return false;
        return true;
    }

    @Test
    void installAndRemoveWriteBinfmtMiscsFiles() throws Exception {
        // a stand-in folder with binfmt_misc's files: what is written, not what the kernel does
        Files.createFile(tmp.resolve("register"));
        Run r = binfmt("--install", "--interpreter", "/opt/dynvm/dynvm", "--binfmt-dir", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(tmp.resolve("register")).startsWith(":dynvm-ppc:M::"), "the last line written");
        Files.writeString(tmp.resolve("dynvm-arm"), "enabled\n");
        r = binfmt("--remove", "--binfmt-dir", tmp.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("-1", Files.readString(tmp.resolve("dynvm-arm")), "-1 removes an entry");
    }

    @Test
    void withoutBinfmtMiscItSaysSoInOneLine() {
        Run r = binfmt("--install", "--interpreter", "/x/dynvm", "--binfmt-dir", tmp.resolve("none").toString());
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("is not mounted"), r.err());
    }

    @Test
    void realBinfmtMiscInstallAndRemove() throws Exception {
        Path reg = Path.of("/proc/sys/fs/binfmt_misc/register");
        assumeTrue(Files.isWritable(reg), "/proc/sys/fs/binfmt_misc is not mounted or not writable here: the kernel registration is not tested");
        Run r = binfmt("--install", "--interpreter", "/bin/true");
        assertEquals(0, r.status(), r.err());
        assertTrue(Files.readString(Path.of("/proc/sys/fs/binfmt_misc/dynvm-arm")).contains("interpreter /bin/true"));
        r = binfmt("--remove");
        assertEquals(0, r.status(), r.err());
        assertFalse(Files.exists(Path.of("/proc/sys/fs/binfmt_misc/dynvm-arm")));
    }
}

package dynvm.translator.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

/**
 * dynvm binfmt's entries: qemu-binfmt-conf.sh's lines for ARM and PowerPC. Installing and removing
 * need a front-end: dynvm.arm.QemuHabitsTest tests them.
 */
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

    /** qemu-binfmt-conf.sh's arm and ppc lines, with dynvm's names and an interpreter. */
    static final String QEMU_ARM = ":dynvm-arm:M::"
            + "\\x7f\\x45\\x4c\\x46\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x28\\x00:"
            + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"
            + ":/opt/dynvm/dynvm:";
    static final String QEMU_PPC = ":dynvm-ppc:M::"
            + "\\x7f\\x45\\x4c\\x46\\x01\\x02\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x14:"
            + "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff"
            + ":/opt/dynvm/dynvm:";

    @Test
    void entriesAreQemusMagicAndMaskForLittleEndianArmAndBigEndianPowerPc() {
        assertEquals(QEMU_ARM, BinfmtCommand.entry("arm", 40, ByteOrder.LITTLE_ENDIAN).registration("/opt/dynvm/dynvm"));
        assertEquals(QEMU_PPC, BinfmtCommand.entry("ppc", 20, ByteOrder.BIG_ENDIAN).registration("/opt/dynvm/dynvm"));
    }

    @Test
    void theMagicMatchesExecutablesAndPiesOfItsIsaOnly() {
        // an ARM ELF header (EM_ARM 40, little-endian, ET_EXEC) and a PowerPC one (EM_PPC 20, big-endian)
        byte[] arm = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 40, 0};
        byte[] armPie = arm.clone(); armPie[16] = 3;
        byte[] armCore = arm.clone(); armCore[16] = 4;
        byte[] ppc = {0x7f, 'E', 'L', 'F', 1, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 20};
        byte[] ppc64 = ppc.clone(); ppc64[4] = 2;
        BinfmtCommand.Entry armEntry = BinfmtCommand.entry("arm", 40, ByteOrder.LITTLE_ENDIAN);
        BinfmtCommand.Entry ppcEntry = BinfmtCommand.entry("ppc", 20, ByteOrder.BIG_ENDIAN);
        assertTrue(matches(armEntry, arm) && matches(armEntry, armPie));
        assertFalse(matches(armEntry, armCore) || matches(armEntry, ppc));
        assertTrue(matches(ppcEntry, ppc));
        assertFalse(matches(ppcEntry, arm) || matches(ppcEntry, ppc64));
    }

    private static boolean matches(BinfmtCommand.Entry e, byte[] header) {
        for (int i = 0; i < e.magic().length; i++) if ((header[i] & e.mask()[i]) != (e.magic()[i] & e.mask()[i])) return false;
        return true;
    }

    @Test
    void withoutAFrontEndItSaysSoInOneLine() {
        Run r = binfmt("--print", "--interpreter", "/x/dynvm");
        assertEquals(2, r.status());
        assertEquals("dynvm: binfmt: no ISA front-end installed", r.err().strip());
    }
}

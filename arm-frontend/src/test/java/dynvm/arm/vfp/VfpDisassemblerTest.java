package dynvm.arm.vfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dynvm.arm.ArmDecoder;
import dynvm.arm.ArmGuestCase;
import dynvm.arm.a32.A32Asm;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * VFP disassembly and decoding against GNU binutils: {@code guest/vfp/objdump_golden.txt} holds
 * the words GNU as produced for {@code objdump_cases.s} and objdump's text for them. Every word
 * must be a defined VFP instruction here and print the same (objdump's comments dropped; its
 * VMOV immediate "#imm8 @ bits value" form compared by the value).
 */
class VfpDisassemblerTest {
    static List<String[]> golden() throws Exception {
        return Files.readAllLines(ArmGuestCase.GUEST.resolve("vfp/objdump_golden.txt")).stream().map(l -> l.split("\t", 2)).toList();
    }

    /** objdump's text without comments, with the value of a VMOV immediate in place of its imm8. */
    static String normalize(String objdump) {
        int at = objdump.indexOf('@');
        if (at < 0) return objdump.strip();
        String head = objdump.substring(0, at).strip();
        if (head.startsWith("vmov") && head.contains("#")) {
            String[] c = objdump.substring(at + 1).trim().split("\\s+");
            head = head.substring(0, head.indexOf('#') + 1) + c[c.length - 1];
        }
        return head;
    }

    @Test
    void everyObjdumpWordDisassemblesTheSame() throws Exception {
        List<String[]> lines = golden();
        for (String[] l : lines) {
            int word = (int) Long.parseLong(l[0], 16);
            String ours = ArmDecoder.disassemble(word, 0x8000);
            assertNotNull(Vfp.disassemble(word, 0x8008), l[0] + " " + l[1]);
            assertEquals(normalize(l[1]), ours, "word " + l[0]);
        }
        assertEquals(77, lines.size());
    }

    @Test
    void testEncoderAgreesWithGnuAs() throws Exception {
        List<String[]> g = golden();
        int[] ours = {
            VfpAsm.vmla(false, 0, 1, 2), VfpAsm.vmls(true, 3, 4, 5), VfpAsm.vnmla(false, 31, 30, 29), VfpAsm.vnmls(true, 15, 14, 13),
            VfpAsm.vmul(false, 3, 5, 7), VfpAsm.vnmul(true, 1, 2, 3), VfpAsm.vadd(true, 0, 1, 2), VfpAsm.vsub(false, 10, 11, 12),
            VfpAsm.vdiv(true, 7, 8, 9), A32Asm.cond(A32Asm.NE, VfpAsm.vdiv(false, 1, 2, 3)),
            VfpAsm.vmovImm(false, 0, 112), VfpAsm.vmovImm(true, 2, 132), VfpAsm.vmovImm(false, 7, 64), VfpAsm.vmovImm(true, 3, 63),
            VfpAsm.vmovReg(false, 4, 5), VfpAsm.vmovReg(true, 4, 5), VfpAsm.vabs(false, 1, 2), VfpAsm.vabs(true, 1, 2),
            VfpAsm.vneg(false, 3, 4), VfpAsm.vneg(true, 3, 4), VfpAsm.vsqrt(false, 5, 6), VfpAsm.vsqrt(true, 5, 6),
            VfpAsm.vcmp(false, false, 0, 1), VfpAsm.vcmp(true, true, 0, 1), VfpAsm.vcmpZero(true, false, 2), VfpAsm.vcmpZero(false, true, 3),
            VfpAsm.vcvtFloat(true, 0, 1), VfpAsm.vcvtFloat(false, 2, 3),
            VfpAsm.vcvtFromInt(false, true, 0, 1), VfpAsm.vcvtFromInt(false, false, 2, 3), VfpAsm.vcvtFromInt(true, true, 0, 5),
            VfpAsm.vcvtFromInt(true, false, 1, 6),
            VfpAsm.vcvtToInt(false, true, true, 0, 1), VfpAsm.vcvtToInt(false, false, true, 2, 3), VfpAsm.vcvtToInt(true, true, false, 4, 5),
            VfpAsm.vcvtToInt(false, false, false, 6, 7), VfpAsm.vcvtToInt(true, true, true, 0, 1), VfpAsm.vcvtToInt(true, false, true, 8, 9),
            VfpAsm.vcvtFixed(false, true, false, 16, 0, 8), VfpAsm.vcvtFixed(true, true, true, 16, 1, 16),
            VfpAsm.vcvtFixed(true, true, false, 32, 2, 1), VfpAsm.vcvtFixed(false, true, true, 32, 3, 32),
            VfpAsm.vcvtFixed(false, false, false, 16, 4, 1), VfpAsm.vcvtFixed(true, false, true, 16, 5, 7),
            VfpAsm.vcvtFixed(false, false, false, 32, 6, 31), VfpAsm.vcvtFixed(true, false, true, 32, 7, 20),
            VfpAsm.vmovToS(0, 1), VfpAsm.vmovFromS(2, 3), VfpAsm.vmovTwoS(false, 0, 2, 3), VfpAsm.vmovTwoS(true, 6, 4, 5),
            VfpAsm.vmovD(false, 0, 1, 2), VfpAsm.vmovD(true, 5, 3, 4), VfpAsm.vmovToScalar(0, 1, 1), VfpAsm.vmovFromScalar(2, 3, 0),
            VfpAsm.VMRS_APSR, VfpAsm.vmrs(0), VfpAsm.vmsr(1), A32Asm.cond(A32Asm.GT, VfpAsm.vmrs(2)),
            VfpAsm.vldr(true, 0, 3, 8), VfpAsm.vldr(false, 0, 3, -8), VfpAsm.vldr(false, 1, 3, 0), VfpAsm.vstr(true, 15, 13, 1020),
            VfpAsm.vstr(false, 31, 0, -1020),
            VfpAsm.vldm(true, true, true, true, 0, 0, 8), VfpAsm.vldm(true, true, false, false, 1, 0, 6),
            VfpAsm.vldm(false, true, false, true, 2, 4, 2), VfpAsm.vldm(false, false, true, false, 0, 0, 4),
            VfpAsm.vldm(true, false, true, true, 4, 8, 16), VfpAsm.vpush(true, 8, 8), VfpAsm.vpop(true, 8, 1),
            VfpAsm.vpush(false, 16, 16), VfpAsm.vpop(false, 0, 1),
            VfpAsm.vldm(true, true, true, true, 0, 0, 5), VfpAsm.vldm(false, false, true, true, 3, 2, 3),
        };
        for (int i = 0; i < ours.length; i++)
            assertEquals(g.get(i)[0], String.format("%08x", ours[i]), "line " + (i + 1) + ": " + g.get(i)[1]);
    }
}

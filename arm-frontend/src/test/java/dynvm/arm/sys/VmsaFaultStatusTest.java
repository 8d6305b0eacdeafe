package dynvm.arm.sys;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DFSR/IFSR layouts: FS[4] goes to bit 10, the domain to bits 7:4, LPAE to bit 9. */
class VmsaFaultStatusTest {
    @ParameterizedTest(name = "FS {0} domain {1} -> {2}")
    @CsvSource({
        "0b00101, 0,  0x005",     // translation, section
        "0b00111, 15, 0x0f7",     // translation, page
        "0b00011, 1,  0x013",     // access flag, section
        "0b00110, 2,  0x026",     // access flag, page
        "0b01001, 3,  0x039",     // domain, section
        "0b01011, 4,  0x04b",     // domain, page
        "0b01101, 5,  0x05d",     // permission, section
        "0b01111, 6,  0x06f",     // permission, page
        "0b01100, 0,  0x00c",     // external abort on walk, first level
        "0b01110, 7,  0x07e",     // external abort on walk, second level
        "0b11100, 0,  0x40c",     // FS[4] (parity error on walk, first level) lands in bit 10
    })
    void shortFormat(String fs, int domain, String status) {
        assertEquals(Integer.decode(status), VmsaFaultStatus.shortFormat(Integer.parseInt(fs.substring(2), 2), domain));
    }

    @ParameterizedTest(name = "kind {0} level {1} -> {2}")
    @CsvSource({
        "1, 1, 0x205", "1, 2, 0x206", "1, 3, 0x207",
        "2, 1, 0x209", "2, 2, 0x20a", "2, 3, 0x20b",
        "3, 1, 0x20d", "3, 2, 0x20e", "3, 3, 0x20f",
        "5, 1, 0x215", "5, 2, 0x216", "5, 3, 0x217",
    })
    void longFormat(int kind, int level, String status) {
        assertEquals(Integer.decode(status), VmsaFaultStatus.longFormat(kind, level));
    }
}

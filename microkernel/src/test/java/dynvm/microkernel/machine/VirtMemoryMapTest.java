package dynvm.microkernel.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.microkernel.device.BusError;
import dynvm.microkernel.kernel.Unassigned;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The virt board built from its profile answers the physical map the way qemu-system-arm 7.2
 * does: the reads of the {@code memmap} bare-metal guest (arm-frontend/src/test/guest/virt,
 * golden/memmap.out), routed here by a minimal decoder (windows of the built devices, RAM, and
 * abort elsewhere, the profile's unassigned policy).
 */
class VirtMemoryMapTest {
    private static final String ABORT = "abort";

    private final MachineProfile virt = MachineProfile.load("virt");
    private final List<BuiltDevice> board = DeviceCatalog.standard().build(virt, DeviceContext.simple(OutputStream.nullOutputStream()));
    private final Region ram = virt.memory().region(null);

    private String read(long pa) {
        if (pa >= ram.base() && pa < ram.end()) {
            return "00000000";
        }
        for (BuiltDevice d : board) {
            for (BuiltDevice.Window w : d.windows()) {
                if (pa >= w.base() && pa < w.base() + w.device().size()) {
                    try {
                        return String.format("%08x", w.device().read((int) (pa - w.base()), 4));
                    } catch (BusError e) {
                        return ABORT;
                    }
                }
            }
        }
        assertEquals(Unassigned.ABORT, virt.unassigned());
        return ABORT;
    }

    @Test
    void memmapGoldenReads() {
        String[][] golden = {
            {"04000000", "00000000"}, {"08000000", "00000000"}, {"08000008", "0000043b"},
            {"080100fc", "0002043b"}, {"08020000", "00000000"}, {"08020008", "00500040"},
            {"08030000", ABORT}, {"08040000", ABORT}, {"09000fe0", "00000011"}, {"09000ff0", "0000000d"},
            {"09000018", "00000090"}, {"09010fe0", "00000031"}, {"09020000", "554d4551"},
            {"09020008", ABORT}, {"09030fe0", "00000061"}, {"09040000", ABORT}, {"09100000", ABORT},
            {"0a000000", "74726976"}, {"0a000004", "00000001"}, {"0a000008", "00000000"},
            {"0a003e00", "74726976"}, {"0a004000", ABORT}, {"0a100000", ABORT}, {"0c000000", ABORT},
            {"0e000000", ABORT}, {"10000000", "ffffffff"}, {"20000000", "ffffffff"},
            {"3efefffc", "ffffffff"}, {"3eff0000", "ffffffff"}, {"3f000000", ABORT},
            {"47fffffc", "00000000"}, {"48000000", ABORT}, {"80000000", ABORT}, {"c0000000", ABORT},
            {"fffffffc", ABORT},
        };
        for (String[] g : golden) {
            assertEquals(g[1], read(Long.parseLong(g[0], 16)), "read " + g[0]);
        }
    }
}

package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The placeholder devices of virt, with the values the memmap guest's QEMU golden shows. */
class SmallDevicesTest {
    @Test
    void virtioMmioWithoutDevice() {
        VirtioMmio v = new VirtioMmio();
        assertEquals(0x74726976, v.read(0x000, 4));
        assertEquals(1, v.read(0x004, 4));
        assertEquals(0, v.read(0x008, 4));
        assertEquals(0x554d4551, v.read(0x00c, 4));
        v.write(0x070, 4, 0xff);
        assertEquals(0, v.read(0x070, 4));
    }

    @Test
    void pciWindowsReadAllOnes() {
        OpenBus b = new OpenBus("pcie-mmio", 0x1000);
        assertEquals(0xffffffffL, b.read(0, 4));
        assertEquals(0xff, b.read(3, 1));
        b.write(0, 4, 0);
        assertEquals(0xffffL, b.read(2, 2));
    }

    @Test
    void gicv2mTypeAndSetSpi() {
        List<String> pulses = new ArrayList<>();
        Gicv2m m = new Gicv2m(80, 64, n -> level -> pulses.add(n + ":" + level));
        assertEquals(0, m.read(0, 4));
        assertEquals(0x00500040, m.read(0x008, 4));
        m.write(0x040, 4, 85);
        assertEquals(List.of("53:true", "53:false"), pulses);
        m.write(0x040, 4, 20); // not the frame's
        assertEquals(2, pulses.size());
    }

    @Test
    void fwCfgSignatureAndSelector() {
        FwCfg f = new FwCfg();
        assertEquals(0x554d4551, f.read(0x0, 4), "\"QEMU\" as memory bytes");
        assertThrows(BusError.class, () -> f.read(0x8, 4));
        f.write(0x8, 2, 0x0100); // big-endian selector 0x0001
        assertEquals(1, f.read(0x0, 1));
        f.write(0x8, 2, 0x0000);
        assertEquals('Q', f.read(0x0, 1));
        assertEquals('E', f.read(0x0, 1));
        assertEquals(0x554d, f.read(0x0, 2));
        assertEquals(0x51454d5520434647L, Long.reverseBytes(f.read(0x10, 8)), "DMA register: \"QEMU CFG\"");
    }

    @Test
    void pl061IdsDataMaskingAndButtonInterrupt() {
        List<Boolean> edges = new ArrayList<>();
        Pl061 gpio = new Pl061(edges::add);
        assertEquals(0x61, gpio.read(0xfe0, 4));
        assertEquals(0xb1, gpio.read(0xffc, 4));
        gpio.write(Pl061.GPIODIR, 4, 0x0f);            // lines 0-3 outputs
        gpio.write(0x3fc, 4, 0xff);                    // all bits addressed
        assertEquals(0x0f, gpio.read(0x3fc, 4));
        gpio.write(0x004, 4, 0x00);                    // address bit 2 -> line 0 only
        assertEquals(0x0e, gpio.read(0x3fc, 4));
        assertEquals(0x02, gpio.read(0x008, 4), "read masked to line 1");

        gpio.write(Pl061.GPIODIR, 4, 0x00);
        gpio.write(Pl061.GPIOIEV, 4, 1 << 3);          // rising edge on line 3 (the power key)
        gpio.write(Pl061.GPIOIE, 4, 1 << 3);
        gpio.setInput(3, true);
        assertEquals(List.of(true), edges);
        assertEquals(1 << 3, gpio.read(Pl061.GPIOMIS, 4));
        gpio.setInput(3, false);
        assertEquals(1 << 3, gpio.read(Pl061.GPIORIS, 4), "an edge stays latched");
        gpio.write(Pl061.GPIOIC, 4, 1 << 3);
        assertEquals(List.of(true, false), edges);
        assertTrue(gpio.read(0x3fc, 4) == 0);
    }
}

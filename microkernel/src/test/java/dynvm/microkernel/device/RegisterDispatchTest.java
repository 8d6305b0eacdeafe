package dynvm.microkernel.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

/** The {@link Register} map and the hand-written switch agree, and the generated dispatch behaves like the switch. */
class RegisterDispatchTest {
    @Test
    void everyDeclaredReadIsWhatTheSwitchReturns() throws Exception {
        Pl011 uart = new Pl011(new ByteArrayOutputStream(), InterruptOutput.NONE);
        uart.writeRegister(Pl011.UARTIBRD, 0x77);
        uart.writeRegister(Pl011.UARTIMSC, 0x30);
        int checked = 0;
        for (Method m : Pl011.class.getDeclaredMethods()) {
            Register r = m.getAnnotation(Register.class);
            if (r != null && r.access() == Register.Access.READ && r.offset() != Pl011.UARTDR) {
                assertEquals(m.invoke(uart), uart.readRegister(r.offset()), m.getName());
                checked++;
            }
        }
        assertEquals(12, checked);
    }

    @Test
    void generatedDispatchMatchesTheSwitch() throws Exception {
        RegisterDispatchGenerator.RegisterMap<Pl011> map = RegisterDispatchGenerator.generate(Pl011.class, MethodHandles.lookup());
        ByteArrayOutputStream outA = new ByteArrayOutputStream();
        ByteArrayOutputStream outB = new ByteArrayOutputStream();
        Pl011 a = new Pl011(outA, InterruptOutput.NONE);
        Pl011 b = new Pl011(outB, InterruptOutput.NONE);
        int[][] writes = {{Pl011.UARTIBRD, 0x1234}, {Pl011.UARTLCR_H, 0x70}, {Pl011.UARTIMSC, 0x7ff},
            {Pl011.UARTDR, 'z'}, {Pl011.UARTICR, 0x20}, {Pl011.UARTCR, 0x381}, {Pl011.UARTDR, 'q'}};
        for (int[] w : writes) {
            synchronized (a) { // register methods run under the device's lock, as read/write take it
                a.writeRegister(w[0], w[1]);
            }
            synchronized (b) {
                map.write(b, w[0], w[1]);
            }
        }
        assertEquals(outA.toString(), outB.toString());
        for (int word = 0; word < 0x50; word += 4) {
            synchronized (a) {
                synchronized (b) {
                    assertEquals(a.readRegister(word), map.read(b, word), "offset 0x" + Integer.toHexString(word));
                }
            }
        }
        assertTrue(map.getClass().getName().endsWith("$GeneratedRegisters"));
    }
}

package dynvm.microkernel.device;

import java.io.OutputStream;
import java.lang.invoke.MethodHandles;

/**
 * A simple harness (not a unit test; run its main with the test class path) timing PL011
 * register reads through the hand-written switch, the Byte Buddy generated switch, and the full
 * {@link MmioDevice#read} path (lock and lane extraction included), over a rotating set of eight
 * registers so neither switch is folded to a constant. Best of several rounds, ns per access.
 */
public final class RegisterDispatchBenchmark {
    private static final int[] WORDS = {Pl011.UARTFR, Pl011.UARTIMSC, Pl011.UARTRIS, Pl011.UARTIBRD,
        Pl011.UARTCR, Pl011.UARTMIS, Pl011.UARTLCR_H, Pl011.UARTIFLS};
    private static final int N = 20_000_000;

    private RegisterDispatchBenchmark() { }

    public static void main(String[] args) throws Exception {
        Pl011 uart = new Pl011(OutputStream.nullOutputStream(), InterruptOutput.NONE);
        RegisterDispatchGenerator.RegisterMap<Pl011> map = RegisterDispatchGenerator.generate(Pl011.class, MethodHandles.lookup());
        double bestSwitch = Double.MAX_VALUE, bestGenerated = Double.MAX_VALUE, bestMmio = Double.MAX_VALUE;
        long sink = 0;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                sink += uart.readRegister(WORDS[i & 7]);
            }
            long t1 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                sink += map.read(uart, WORDS[i & 7]);
            }
            long t2 = System.nanoTime();
            for (int i = 0; i < N; i++) {
                sink += uart.read(WORDS[i & 7], 4);
            }
            long t3 = System.nanoTime();
            bestSwitch = Math.min(bestSwitch, (t1 - t0) / (double) N);
            bestGenerated = Math.min(bestGenerated, (t2 - t1) / (double) N);
            bestMmio = Math.min(bestMmio, (t3 - t2) / (double) N);
        }
        System.out.printf("java %s: hand-written switch %.2f ns, generated switch %.2f ns, full MmioDevice.read %.2f ns (sink %d)%n",
                System.getProperty("java.version"), bestSwitch, bestGenerated, bestMmio, sink);
    }
}

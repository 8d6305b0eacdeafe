package dynvm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dynvm.spi.CpuState;
import dynvm.translator.vm.ExecutionEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The benchmark guests compute the right CRC, in the instruction count the scores divide by. */
class CrcGuestTest {
    @ParameterizedTest
    @CsvSource({"ONE_BLOCK,interp", "ONE_BLOCK,dbt", "TWO_BLOCKS,interp", "TWO_BLOCKS,dbt"})
    void loopComputesJavasCrc32(CrcGuest.Shape shape, String engine) {
        CrcGuest g = new CrcGuest(shape, 1000);
        ExecutionEngine vm = Engines.create(engine, g.isa(), g.memory());
        CpuState cpu = Engines.cpu(g.isa(), g.memory());
        for (int run = 0; run < 3; run++) {   // reruns on a warm translator must agree too
            g.reset(cpu);
            Engines.runToService(vm, cpu);
            assertEquals(Integer.toHexString(g.expected()), Integer.toHexString(g.result(cpu)));
            assertEquals(g.guestInsns(), cpu.insnCount);
        }
    }
}

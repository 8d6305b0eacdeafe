package dynvm.spi.sys;

import dynvm.spi.CpuState;
import java.util.List;

/**
 * The privileged architecture of an ISA, for system mode ({@code ./dynvm boot}): what a VM needs
 * beyond decoding to run a guest kernel or firmware. An ISA offers one through
 * {@link dynvm.spi.Isa#systemModel()}; the translator and the microkernel never learn what its
 * registers or exception levels mean.
 *
 * <p>The split of work: the front-end lowers every sensitive instruction (privileged registers,
 * MMU and cache/TLB maintenance, exception return, mode changes, WFI, SVC/HVC) to a
 * {@link dynvm.spi.Services#SYSTEM} service call; the VM routes it to {@link SystemCpu#execute},
 * which changes the privileged state and asks the {@link Platform} (the machine: physical bus,
 * soft-MMU TLB, counter and timers, interrupt controller, hypercalls) for the rest.
 */
public interface SystemModel {
    /** CPU models this ISA can present ("cortex-a15"), first the default. */
    List<String> cpuModels();

    /**
     * Creates the privileged state of one vCPU of {@code model} around {@code cpu} (whose
     * registers the model owns from now on), in its reset state.
     *
     * @throws IllegalArgumentException for an unknown model
     */
    SystemCpu createCpu(String model, CpuState cpu, Platform platform);
}

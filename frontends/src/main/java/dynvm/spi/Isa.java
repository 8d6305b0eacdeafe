package dynvm.spi;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * A guest instruction set, found with {@link java.util.ServiceLoader}. Adding an ISA means adding
 * a jar with an implementation of this interface and a META-INF/services entry; nothing else.
 */
public interface Isa {
    /** Canonical name used by {@code --isa} (e.g. "ppc32"). */
    String name();

    /** Other accepted names. */
    default List<String> aliases() { return List.of(); }

    /** One-line description for {@code dynvm isas}. */
    String description();

    /** ELF e_machine value (EM_PPC = 20, EM_ARM = 40). */
    int elfMachine();

    /** ELF class accepted (1 = ELFCLASS32). */
    default int elfClass() { return 1; }

    ByteOrder byteOrder();

    RegisterFile registers();

    Decoder decoder();

    /** The Linux user-mode ABI ({@code ./dynvm run}), or null for an ISA that runs no Linux programs. */
    default LinuxUserAbi linuxUser() { return null; }

    /** Execution context of the CPU now (mode bits that change decoding); part of the cache key. */
    default int context(CpuState cpu) { return 0; }

    /**
     * The registers {@link #context} reads, or null when it reads other state too. A block that
     * writes none of them (no IR {@code SET_REG} of one) leaves the context as it found it, so in
     * user mode the dispatcher reuses that block's context for its successor instead of asking
     * {@link #context} again (an interface call per dispatch).
     */
    default int[] contextRegisters() { return null; }

    /**
     * What an external disassembler (capstone) decodes this ISA's code in {@code context} as, or
     * null: traces then use {@link Decoder#disassemble}.
     */
    default DisassemblyTarget disassemblyTarget(int context) { return null; }

    /**
     * Bytes of the instruction that ends a block with {@link Services#BREAKPOINT} in
     * {@code context}: the service resumes after it, and a taken trap is reported at the
     * instruction itself. Only an ISA that emits the service need answer.
     */
    default int breakpointInsnSize(int context) {
        throw new UnsupportedOperationException(name() + " emits no breakpoint service");
    }

    /** Register layout and target description for the GDB remote stub, or null (not debuggable). */
    default GdbTarget gdbTarget() { return null; }

    /** Maximum guest instructions per translated block. */
    default int maxBlockInsns() { return 64; }

    /**
     * The privileged architecture for system mode, or null (the ISA runs user programs only). In
     * system mode {@link #context} must include whatever makes the decoder lower sensitive
     * instructions to {@link Services#SYSTEM} calls instead of user-mode behaviour.
     */
    default dynvm.spi.sys.SystemModel systemModel() { return null; }

    /**
     * The CPU models {@code -cpu} offers ({@code -cpu help} lists them), the default first; empty
     * when the ISA has one model and no name for it.
     */
    default List<CpuModel> cpuModels() { return List.of(); }

    /**
     * This ISA as CPU model {@code model} (a name from {@link #cpuModels}): an instance whose
     * decoding, context and Linux facts (AT_HWCAP, AT_PLATFORM, {@code uname -m}) follow the model.
     *
     * @throws IllegalArgumentException with a one-line reason when the model is unknown or not supported
     */
    default Isa withCpu(String model) {
        throw new IllegalArgumentException("unknown CPU model '" + model + "' for " + name() + " (see -cpu help)");
    }

    /** The name of the CPU model this instance implements, or null when the ISA names none. */
    default String cpu() { return null; }

    /** The register that holds the program counter for display, by name of the register file, or null. */
    default String stackPointerName() { return null; }
}

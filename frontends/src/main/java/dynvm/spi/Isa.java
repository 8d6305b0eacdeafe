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

    SyscallAbi syscallAbi();

    /** Execution context of the CPU now (mode bits that change decoding); part of the cache key. */
    default int context(CpuState cpu) { return 0; }

    /** Sets the user-mode entry state: pc, stack pointer and any ABI-mandated registers. */
    void initUserState(CpuState cpu, int entry, int stackPointer);

    /** AT_HWCAP value for user mode. */
    default int hwcap() { return 0; }

    /** AT_PLATFORM string, or null. */
    default String platform() { return null; }

    /** Extra auxv entries the ISA's Linux port provides (e.g. PPC cache block sizes). */
    default Map<Integer, Integer> extraAuxv() { return Map.of(); }

    /**
     * Pages the ISA's Linux kernel maps into every user process at fixed addresses, readable and
     * executable but not writable (ARM's vector page with the kuser helpers): page address to
     * its 4096 bytes.
     */
    default Map<Integer, byte[]> kernelPages() { return Map.of(); }

    /** Signal frame layout for delivering signals to guest handlers, or null (caught signals then terminate). */
    default SignalFrames signalFrames() { return null; }

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

    /** The register that holds the program counter for display, by name of the register file, or null. */
    default String stackPointerName() { return null; }
}

package dynvm.spi;

import java.util.Map;

/**
 * The Linux user-mode ABI of an ISA ({@code ./dynvm run}): what the Linux personality and the
 * program loader need beyond decoding. Kept apart from {@link Isa} (decoding and registers) and
 * {@link dynvm.spi.sys.SystemModel} (the privileged architecture), so that an ISA offers each
 * personality on its own: {@link Isa#linuxUser()} is null for an ISA that runs no Linux programs.
 */
public interface LinuxUserAbi {
    /** The system-call convention and number table. */
    SyscallAbi syscalls();

    /** Sets the user-mode entry state: pc, stack pointer and any ABI-mandated registers. */
    void initUserState(CpuState cpu, int entry, int stackPointer);

    /** AT_HWCAP value for user mode. */
    default int hwcap() { return 0; }

    /** AT_PLATFORM string, or null. */
    default String platform() { return null; }

    /** What {@code uname -m} reports when it depends on the CPU model, or null (the Linux ABI's machine). */
    default String machine() { return null; }

    /**
     * What the guest reads from /proc/cpuinfo on a one-processor machine of this CPU model, as the
     * ISA's Linux prints it (arch/arm: processor, model name, Features = AT_HWCAP, CPU implementer
     * and part; powerpc: cpu, clock, revision, then the platform lines), or null: the personality
     * lists just "processor : 0". Never the host's file.
     */
    default String cpuinfo() { return null; }

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
}

package dynvm.microkernel.linux;

import java.util.ServiceLoader;

/**
 * How a front-end hands the personality its architecture's {@link LinuxAbi}: a service (listed in
 * {@code META-INF/services/dynvm.microkernel.linux.LinuxAbiProvider}) that answers for the name
 * its ISA's syscall ABI reports as {@code linuxArch()}. The name is the only thing the ISA side
 * and the personality share, so neither module sees the other's types.
 */
public interface LinuxAbiProvider {
    /** The architecture name, as the ISA's syscall ABI reports it ("ppc32"). */
    String arch();

    LinuxAbi abi();

    /**
     * The ABI of the provider for {@code arch} among those {@code loader} sees.
     *
     * @throws IllegalArgumentException when no installed front-end provides it
     */
    static LinuxAbi forArch(String arch, ClassLoader loader) {
        for (LinuxAbiProvider p : ServiceLoader.load(LinuxAbiProvider.class, loader)) {
            if (p.arch().equals(arch)) return p.abi();
        }
        throw new IllegalArgumentException("no Linux ABI installed for architecture " + arch);
    }
}

package dynvm.translator.vm;

import dynvm.microkernel.linux.LinuxAbi;
import dynvm.microkernel.linux.LinuxAbiProvider;
import dynvm.spi.Isa;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * The installed front-ends, found with {@link ServiceLoader}: a jar on the classpath is enough.
 * The same jar provides its Linux user ABI to the personality ({@link #linuxAbi}).
 */
public final class IsaRegistry {
    private final List<Isa> isas = new ArrayList<>();
    /** Where the front-ends' other services (their Linux ABIs) are looked up. */
    private final ClassLoader loader;

    public IsaRegistry() { this(IsaRegistry.class.getClassLoader()); }

    public IsaRegistry(ClassLoader loader) {
        this.loader = loader;
        for (Isa i : ServiceLoader.load(Isa.class, loader)) isas.add(i);
        isas.sort(java.util.Comparator.comparing(Isa::name));
    }

    /** Exactly these front-ends (for tests and embedders that bring their own). */
    public IsaRegistry(List<? extends Isa> given) {
        this.loader = IsaRegistry.class.getClassLoader();
        isas.addAll(given);
        isas.sort(java.util.Comparator.comparing(Isa::name));
    }

    /**
     * The Linux user ABI of {@code isa}'s programs, as its front-end provides it.
     *
     * @throws IllegalArgumentException when no installed front-end provides it
     */
    public LinuxAbi linuxAbi(Isa isa) {
        return LinuxAbiProvider.forArch(isa.linuxUser().syscalls().linuxArch(), loader);
    }

    public List<Isa> all() { return List.copyOf(isas); }

    /** By name or alias, or null. */
    public Isa byName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (Isa i : isas) if (i.name().equals(n) || i.aliases().contains(n)) return i;
        return null;
    }

    /** The front-end for an ELF e_machine, or null. */
    public Isa byElfMachine(int machine) {
        for (Isa i : isas) if (i.elfMachine() == machine) return i;
        return null;
    }
}

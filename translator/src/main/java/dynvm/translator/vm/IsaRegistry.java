package dynvm.translator.vm;

import dynvm.spi.Isa;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** The installed front-ends, found with {@link ServiceLoader}: a jar on the classpath is enough. */
public final class IsaRegistry {
    private final List<Isa> isas = new ArrayList<>();

    public IsaRegistry() { this(IsaRegistry.class.getClassLoader()); }

    public IsaRegistry(ClassLoader loader) {
        for (Isa i : ServiceLoader.load(Isa.class, loader)) isas.add(i);
        isas.sort(java.util.Comparator.comparing(Isa::name));
    }

    /** Exactly these front-ends (for tests and embedders that bring their own). */
    public IsaRegistry(List<? extends Isa> given) {
        isas.addAll(given);
        isas.sort(java.util.Comparator.comparing(Isa::name));
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

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
        LinuxAbi abi = LinuxAbiProvider.forArch(isa.linuxUser().syscalls().linuxArch(), loader);
        String machine = isa.linuxUser().machine();
        return (machine == null ? abi : abi.withMachine(machine)).withCpuinfo(isa.linuxUser().cpuinfo());
    }

    /** The CPU model {@link #withCpu} selected, or null (every front-end at its default). */
    private String cpu;

    /**
     * These front-ends with CPU model {@code model} ({@code -cpu}): the front-end that lists the
     * name is replaced by its instance for that model; the others stay at their defaults (a
     * program of another ISA is refused later, {@link #checkCpuFits}).
     *
     * @throws IllegalArgumentException when no front-end lists the model, or its front-end refuses it (one line)
     */
    public IsaRegistry withCpu(String model) {
        List<Isa> out = new ArrayList<>();
        boolean found = false;
        for (Isa i : isas) {
            if (!found && i.cpuModels().stream().anyMatch(m -> m.name().equalsIgnoreCase(model))) {
                out.add(i.withCpu(model));
                found = true;
            } else {
                out.add(i);
            }
        }
        if (!found) throw new IllegalArgumentException("unknown CPU model '" + model + "' (see -cpu help)");
        IsaRegistry r = new IsaRegistry(out, loader);
        r.cpu = model;
        return r;
    }

    private IsaRegistry(List<Isa> given, ClassLoader loader) {
        this.loader = loader;
        isas.addAll(given);
    }

    /**
     * Refuses a program whose ISA is not the one the {@code -cpu} model belongs to, as qemu-arm
     * refuses a PowerPC model.
     *
     * @throws IllegalArgumentException naming both
     */
    public void checkCpuFits(Isa isa) {
        if (cpu == null || isa.cpuModels().stream().anyMatch(m -> m.name().equalsIgnoreCase(cpu))) return;
        throw new IllegalArgumentException("CPU model '" + cpu + "' is not one of " + isa.name() + "'s (see -cpu help)");
    }

    /** {@code -cpu help}: every front-end's models, one per line, the default first and marked. */
    public String cpuHelp() {
        StringBuilder b = new StringBuilder();
        for (Isa i : isas) {
            List<dynvm.spi.CpuModel> models = i.cpuModels();
            if (models.isEmpty()) continue;
            b.append("Available CPUs for ").append(i.name()).append(":\n");
            for (dynvm.spi.CpuModel m : models)
                b.append(String.format("  %-12s %s%s%n", m.name(), m.supported() ? "" : "(not supported) ", m.description()));
        }
        return b.toString();
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

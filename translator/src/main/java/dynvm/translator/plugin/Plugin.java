package dynvm.translator.plugin;

/**
 * An instrumentation plugin, in the spirit of QEMU's TCG plugins. Implementations are found by
 * {@link #name()} through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/dynvm.translator.plugin.Plugin} of a jar on the classpath) and chosen
 * with {@code dynvm run --plugin NAME}. One instance serves one run (all its threads and
 * processes), so callbacks may come from several host threads at once.
 */
public interface Plugin {
    /** The name {@code --plugin} selects it by. */
    String name();

    /** Registers the plugin's callbacks; called once, before the guest starts. */
    void install(PluginContext ctx);
}

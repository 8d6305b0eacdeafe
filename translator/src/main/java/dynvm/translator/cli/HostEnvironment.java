package dynvm.translator.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * This process's environment in the order it was given: Linux's {@code /proc/self/environ} (the
 * block the kernel copied at exec; later setenv calls do not change it), since
 * {@link System#getenv()} is a map and loses the order. Where there is no /proc, the map's order.
 * The launcher script starts the JVM with exactly its caller's environment (env -i), so this is
 * the caller's.
 */
final class HostEnvironment {
    private HostEnvironment() { }

    static List<String> inOrder() {
        List<String> out = new ArrayList<>();
        try {
            // UTF-8, as the guest loader writes the strings back (and as System.getenv decodes them)
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.UTF_8);
            for (String kv : all.split("\0")) if (kv.indexOf('=') > 0) out.add(kv);
            return out;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            System.getenv().forEach((k, v) -> out.add(k + "=" + v));
            return out;
        }
    }
}

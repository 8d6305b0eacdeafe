package dynvm.translator.host;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * JNA's native part from a copy kept under the dynvm cache ({@code $DYNVM_CACHE} or
 * {@code ~/.cache/dynvm}, folder {@code jna/}) instead of unpacked from the jar at every start: JNA
 * inflates its 130 KB library to a temporary file, loads and deletes it in each JVM, which was
 * about a third of what {@code dynvm run} spends on joining the host (12 of 30 ms of CPU for a
 * hello). The copy is made once per JNA build and platform (written under a temporary name and
 * renamed, so concurrent first runs never load half a file) and handed to JNA through its own
 * {@code jna.boot.library.path}; any failure leaves JNA to unpack as before. Off with
 * {@code -Ddynvm.jnaCache=false}, and never when {@code jna.boot.library.path} is set already.
 */
final class JnaDispatch {
    private JnaDispatch() {}

    private static boolean done;

    /** Points JNA at the cached copy, making it if needed; call before JNA's first use. */
    static synchronized void useCachedCopy() {
        if (done) return;
        done = true;
        if (!Boolean.parseBoolean(System.getProperty("dynvm.jnaCache", "true"))
                || System.getProperty("jna.boot.library.path") != null) return;
        try {
            String name = System.mapLibraryName("jnidispatch");
            String prefix = Platform.RESOURCE_PREFIX;   // (Platform's set-up is pure Java)
            URL url = Native.class.getClassLoader().getResource("com/sun/jna/" + prefix + "/" + name);
            if (url == null) return;
            URLConnection conn = url.openConnection();
            long length = conn.getContentLengthLong();
            String root = System.getenv("DYNVM_CACHE");
            Path base = root != null && !root.isEmpty() ? Path.of(root) : Path.of(System.getProperty("user.home"), ".cache", "dynvm");
            Path dir = base.resolve("jna").resolve(Native.VERSION_NATIVE + "-" + prefix + "-" + length);
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib) || Files.size(lib) != length) {
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, name, ".tmp");
                try (InputStream in = conn.getInputStream()) {
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    if (Files.size(tmp) != length) return;
                    Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            System.setProperty("jna.boot.library.path", dir.toString());
        } catch (IOException | RuntimeException e) {
            // JNA unpacks its own copy, as without this
        }
    }
}

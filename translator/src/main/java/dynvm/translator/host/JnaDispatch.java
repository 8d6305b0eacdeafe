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
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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

    /**
     * JNA's platform search path ({@code jna.platform.library.path}) made here, without the
     * {@code /sbin/ldconfig -p} that JNA's {@code NativeLibrary} otherwise runs in its static
     * initialiser on Linux: a child process at every start (fork, exec, a reaper thread and a
     * parse of 700 lines), 10-20 ms of a hello's start. JNA's fixed directories come first, as in
     * JNA ({@code /usr/lib/MULTIARCH}, {@code /lib/MULTIARCH}, {@code /usr/lib64}, {@code /lib64},
     * {@code /usr/lib}, {@code /lib}); then, in place of the directories of the libraries that
     * {@code ldconfig -p} lists, the directories that ldconfig built its cache from
     * ({@code /etc/ld.so.conf} and its includes). Only existing directories. Off with
     * {@code -Ddynvm.jnaPaths=false}, and never when the property is set already. Call before
     * JNA's first library load.
     */
    static synchronized void platformPaths() {
        if (pathsDone) return;
        pathsDone = true;
        if (!Boolean.parseBoolean(System.getProperty("dynvm.jnaPaths", "true"))
                || System.getProperty("jna.platform.library.path") != null || !Platform.isLinux()) return;
        try {
            Set<String> dirs = new LinkedHashSet<>();
            String arch = Platform.is64Bit() ? "64" : "32";
            String ma = multiArch();
            for (String d : new String[]{"/usr/lib/" + ma, "/lib/" + ma, "/usr/lib" + arch, "/lib" + arch, "/usr/lib", "/lib"}) dirs.add(d);
            ldSoConf(Path.of("/etc/ld.so.conf"), dirs, 0);
            List<String> existing = new ArrayList<>();
            for (String d : dirs) if (Files.isDirectory(Path.of(d))) existing.add(d);
            System.setProperty("jna.platform.library.path", String.join(java.io.File.pathSeparator, existing));
        } catch (RuntimeException e) {
            // JNA asks ldconfig, as without this
        }
    }

    private static boolean pathsDone;

    /** JNA's own spelling of the multiarch triple ({@code NativeLibrary.getMultiArchPath}). */
    private static String multiArch() {
        String cpu = Platform.ARCH, libc = "-gnu";
        if (Platform.isIntel()) cpu = Platform.is64Bit() ? "x86_64" : "i386";
        else if (Platform.isPPC()) cpu = Platform.is64Bit() ? "powerpc64" : "powerpc";
        else if (Platform.isARM()) { cpu = "arm"; libc = "-gnueabi"; }
        else if (cpu.equals("mips64el")) libc = "-gnuabi64";
        return cpu + "-linux" + libc;
    }

    /** The directories an ld.so.conf file names, following its {@code include} lines (globs in the file name only). */
    static void ldSoConf(Path conf, Set<String> dirs, int depth) {
        if (depth > 8) return;
        List<String> lines;
        try {
            lines = Files.readAllLines(conf);
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (String line : lines) {
            int hash = line.indexOf('#');
            String l = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (l.isEmpty() || l.startsWith("hwcap ")) continue;
            if (l.startsWith("include ") || l.startsWith("include\t")) {
                for (String pat : l.substring(8).trim().split("\\s+")) {
                    Path p = pat.startsWith("/") ? Path.of(pat) : conf.resolveSibling(pat);
                    Path dir = p.getParent();
                    if (dir == null) continue;
                    List<Path> files = new ArrayList<>();
                    try (var ds = Files.newDirectoryStream(dir, p.getFileName().toString())) {
                        ds.forEach(files::add);
                    } catch (IOException | RuntimeException e) {
                        continue;
                    }
                    files.sort(null); // (ldconfig reads them in name order)
                    for (Path f : files) ldSoConf(f, dirs, depth + 1);
                }
            } else {
                for (String d : l.split("[\\s:,=]+")) if (d.startsWith("/")) dirs.add(d);
            }
        }
    }
}

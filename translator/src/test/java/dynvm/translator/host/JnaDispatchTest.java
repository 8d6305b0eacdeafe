package dynvm.translator.host;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JnaDispatchTest {
    @Test
    void ldSoConfFollowsIncludesInNameOrder(@TempDir Path tmp) throws Exception {
        Path d = Files.createDirectories(tmp.resolve("ld.so.conf.d"));
        Files.writeString(tmp.resolve("ld.so.conf"), "# top\n/opt/first\ninclude " + d + "/*.conf\nhwcap 0 nosegneg\n/usr/lib=libc5\n");
        Files.writeString(d.resolve("b.conf"), "/b/lib # comment\n\n");
        Files.writeString(d.resolve("a.conf"), "# Multiarch support\n/a/one\n/a/two:/a/three\n");
        Files.writeString(d.resolve("skip.txt"), "/never\n");
        Set<String> dirs = new LinkedHashSet<>(List.of("/lib"));
        JnaDispatch.ldSoConf(tmp.resolve("ld.so.conf"), dirs, 0);
        assertEquals(List.of("/lib", "/opt/first", "/a/one", "/a/two", "/a/three", "/b/lib", "/usr/lib"), List.copyOf(dirs));
    }

    @Test
    void aMissingOrCyclicConfIsNoError(@TempDir Path tmp) throws Exception {
        Set<String> dirs = new LinkedHashSet<>();
        JnaDispatch.ldSoConf(tmp.resolve("none.conf"), dirs, 0);
        Files.writeString(tmp.resolve("self.conf"), "include self.conf\n/x\n");
        JnaDispatch.ldSoConf(tmp.resolve("self.conf"), dirs, 0);
        assertEquals(List.of("/x"), List.copyOf(dirs));
    }
}

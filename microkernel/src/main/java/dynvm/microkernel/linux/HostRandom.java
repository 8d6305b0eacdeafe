package dynvm.microkernel.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Random bytes for the guest (AT_RANDOM, getrandom) from the host kernel's {@code /dev/urandom},
 * read when they are drawn, as Linux serves both from its own generator. A SecureRandom gave
 * the same quality through the JDK's security providers, whose set-up a short run paid for once
 * (interpreted code at start-up; glibc's start-up calls getrandom). Falls back to a SecureRandom
 * when the device cannot be read; {@code -Ddynvm.urandom=false}: a SecureRandom always.
 */
public final class HostRandom {
    private HostRandom() {}

    /** A source of unpredictable bytes (not seeded: use {@code new Random(seed)} for reproducible runs). */
    public static Random create() {
        if (!Boolean.parseBoolean(System.getProperty("dynvm.urandom", "true"))) return new SecureRandom();
        return new Random() {
            private static final long serialVersionUID = 1L;
            private SecureRandom fallback;

            @Override
            public void nextBytes(byte[] bytes) {
                try (InputStream in = Files.newInputStream(Path.of("/dev/urandom"))) {
                    if (in.readNBytes(bytes, 0, bytes.length) == bytes.length) return;
                } catch (IOException | RuntimeException e) {
                    // the fallback below
                }
                synchronized (this) {
                    if (fallback == null) fallback = new SecureRandom();
                }
                fallback.nextBytes(bytes);
            }

            @Override
            protected int next(int bits) {
                byte[] b = new byte[4];
                nextBytes(b);
                int v = (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
                return v >>> (32 - bits);
            }
        };
    }
}

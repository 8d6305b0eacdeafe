package dynvm.microkernel.machine;

/**
 * A machine profile that cannot be used: malformed TOML, a missing or mistyped key, an unknown
 * device type, overlapping regions. The message is one line, {@code source:line: what}, so a
 * user can jump to it.
 */
public final class ProfileError extends RuntimeException {
    public ProfileError(String source, int line, String what) {
        super(line > 0 ? source + ":" + line + ": " + what : source + ": " + what, null, false, false);
    }
}

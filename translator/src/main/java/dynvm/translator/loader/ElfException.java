package dynvm.translator.loader;

/**
 * A guest program that cannot be loaded. The message is one line naming the reason (for example
 * "truncated ELF header"), so the CLI can print it after the file name and nothing else.
 */
public final class ElfException extends Exception {
    public ElfException(String reason) {
        super(reason);
    }
}

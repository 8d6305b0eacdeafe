package dynvm.translator.loader;

/**
 * One ELF32 program header. The 32-bit fields are unsigned in ELF, so they are kept as
 * non-negative longs: range checks can then add them without overflowing.
 *
 * @param index position in the program header table (used in error messages)
 */
public record ProgramHeader(int index, int type, long offset, long vaddr, long filesz, long memsz, int flags, long align) {
    public static final int PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6, PT_TLS = 7;
    public static final int PT_GNU_STACK = 0x6474e551;

    /** p_flags bits. */
    public static final int PF_X = 1, PF_W = 2, PF_R = 4;

    public boolean isLoad() { return type == PT_LOAD; }

    public boolean readable() { return (flags & PF_R) != 0; }

    public boolean writable() { return (flags & PF_W) != 0; }

    public boolean executable() { return (flags & PF_X) != 0; }
}

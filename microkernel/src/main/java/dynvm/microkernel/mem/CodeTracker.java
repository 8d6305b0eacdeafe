package dynvm.microkernel.mem;

/**
 * Where translated code sits, so that a store into it is noticed (self-modifying code). The
 * translator marks the ranges its translations were made from and listens for writes to them.
 * User mode's flat window marks guest-virtual pages (they equal physical ones there); system
 * mode's soft MMU marks guest-physical pages, so an alias or a DMA-like write through any
 * mapping is seen.
 */
public interface CodeTracker {
    /** Marks {@code [addr, addr+len)} as holding translated code: stores there take the slow path. */
    void markCode(int addr, int len);

    /** The page of {@code addr} holds no translated code any more: stores may take the fast path again. */
    void clearCode(int addr);

    void addCodeWriteListener(GuestMemory.CodeWriteListener l);

    void removeCodeWriteListener(GuestMemory.CodeWriteListener l);
}

package dynvm.ir;

/**
 * How a block ends. Exactly one per block; chaining intent lives here, so the engine and the
 * cache know which successors are static (linkable) and which are computed.
 */
public sealed interface Terminal {
    /** Continue at a constant pc: the engine may link this exit to its successor block. */
    record Jump(int target) implements Terminal { }

    /** Continue at {@code taken} if the BOOL temp {@code cond} holds, else at {@code notTaken}. */
    record Branch(int cond, int taken, int notTaken) implements Terminal { }

    /** Continue at the pc held in I32 temp {@code target} (returns, computed jumps). */
    record IndirectJump(int target) implements Terminal { }

    /**
     * A sensitive instruction: the engine calls the VM's service {@code service} (see
     * {@link dynvm.spi.Services}) with the I32 temps {@code args}, then continues at
     * {@code nextPc} unless the service redirects.
     */
    record ServiceCall(int service, int nextPc, int[] args) implements Terminal { }

    /**
     * Raise a synchronous guest exception of {@code kind} at {@code pc}; {@code reason} says which
     * instruction and why, for the diagnostic of a guest that dies of it.
     */
    record Trap(GuestException kind, int pc, String reason) implements Terminal { }
}

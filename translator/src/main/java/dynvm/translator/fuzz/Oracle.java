package dynvm.translator.fuzz;

import dynvm.spi.FuzzTarget;

/** Something that runs a fuzz case and reports the final state: one of our engines, or Unicorn. */
public interface Oracle extends AutoCloseable {
    /**
     * @param stop   "end" when execution ran off the end of the code, else what stopped it
     *               ("trap:&lt;signal&gt;", "fault:&lt;address&gt;", an oracle error)
     * @param fields each of the target's fields, in its order
     * @param data   the data page afterwards
     */
    record Outcome(String stop, long[] fields, byte[] data) { }

    String name();

    Outcome run(FuzzTarget.Case c);

    @Override default void close() { }
}

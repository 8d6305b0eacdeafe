package dynvm.spi;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ObjLongConsumer;
import java.util.function.ToLongFunction;

/**
 * The ISA-specific half of the differential fuzzer (found with {@link java.util.ServiceLoader}):
 * random instruction sequences drawn from the front-end's own encoding tables, the initial state
 * they run from, the architectural fields compared after the run (each with its Unicorn register
 * id) and the bits of a field a known oracle error leaves uncomparable.
 *
 * <p>Code sits at {@link #CODE}; a {@link #DATA_SIZE}-byte data page at {@link #DATA} holds random
 * bytes and is the only memory a generated instruction may touch.
 */
public interface FuzzTarget {
    int CODE = 0x10000000;
    int DATA = 0x10080000;
    int DATA_SIZE = 4096;

    /** Name for {@code dynvm fuzz --isa} ("ppc32", "arm", "thumb"). */
    String name();

    Isa isa();

    /** Unicorn's uc_arch and uc_mode values for this target. */
    int unicornArch();

    int unicornMode();

    /** Unicorn registers written before every case after the fields (e.g. MSR[FP] on): pairs of id, value. */
    default long[] unicornSetup() { return new long[0]; }

    /**
     * A field Unicorn's register API does not transfer faithfully, moved through a GPR instead:
     * {@code toField} copies GPR field {@code gprField} into it, {@code fromField} copies it back.
     */
    record ViaGpr(int gprField, int toField, int fromField) { }

    /** How field {@code field} reaches Unicorn when not through its register id, or null. */
    default ViaGpr unicornViaGpr(int field) { return null; }

    /**
     * This target on CPU model {@code cpu} (a name as {@code -cpu} takes it; null: the default
     * model): the rows it draws and the state it compares follow the model.
     *
     * @throws IllegalArgumentException when the target has no such model
     */
    default FuzzTarget withCpu(String cpu) {
        if (cpu == null) return this;
        throw new IllegalArgumentException("fuzz target " + name() + " has no CPU model " + cpu);
    }

    /** Unicorn's CPU model (uc_ctl UC_CTL_CPU_MODEL, e.g. UC_CPU_ARM_CORTEX_A15), or -1 for Unicorn's default. */
    default int unicornCpuModel() { return -1; }

    /** Unicorn's start address for code at {@code address} (Thumb: the low bit set). */
    default long unicornStart(int address) { return address & 0xffffffffL; }

    /**
     * A compared piece of architectural state: {@code get}/{@code set} view it in a CpuState, as
     * Unicorn's register {@code unicornReg} of {@code bytes} bytes holds it; only the bits of
     * {@code compared} are compared (the rest are mode or reserved bits).
     */
    record Field(String name, int unicornReg, int bytes, long compared, ToLongFunction<CpuState> get,
                 ObjLongConsumer<CpuState> set) { }

    /** Compared fields, in display order. Fields the initial state leaves alone are compared too. */
    List<Field> fields();

    /**
     * One random case of 1..maxLength instructions (exactly {@code length} when positive).
     * {@code words} is the code as stored, one 32-bit unit per element in the ISA's byte order
     * (Thumb halfwords packed two per word, the first in the low half); {@code insns} counts the
     * instructions; {@code init} holds each field's initial value, by index of {@link #fields()};
     * {@code data} the data page; {@code detail} is the target's own record (rows the words came from).
     */
    record Case(int[] words, int insns, long[] init, byte[] data, Object detail) { }

    Case generate(Random rnd, int length);

    /** Sets the CpuState to the case's initial state (the fields plus any mode the target needs). */
    default void initState(CpuState cpu, Case c) {
        List<Field> f = fields();
        for (int i = 0; i < f.size(); i++) f.get(i).set().accept(cpu, c.init()[i]);
    }

    /** The case's code disassembled by the front-end, one instruction a line. */
    String listing(Case c);

    /** Bits of field {@code field} not compared in this case (a documented oracle error); 0 compares all. */
    default long ignoredBits(Case c, int field, long oracle, long ours) { return 0; }

    /**
     * As {@link #ignoredBits(Case, int, long, long)}, seeing every field's final value in the
     * oracle and in the engine (a rule that needs an operand's value, e.g. to tell that the oracle
     * rounded a result twice). The fuzzer calls this one.
     */
    default long ignoredBits(Case c, int field, long[] oracle, long[] ours) {
        return ignoredBits(c, field, oracle[field], ours[field]);
    }

    /** Encoding-table rows never generated, name to reason. */
    Map<String, String> exclusions();

    /** Known oracle errors masked by {@link #ignoredBits}, one line each with the manual's rule. */
    default List<String> oracleErrata() { return List.of(); }
}

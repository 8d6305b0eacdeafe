package dynvm.translator.fuzz;

import dynvm.spi.FuzzTarget;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Unicorn as the oracle: one engine for all cases, the code and data pages mapped once; each case
 * writes both pages and every field, then runs until the pc leaves the code.
 */
public final class UnicornOracle implements Oracle {
    private static final int CODE_SIZE = 4096;
    /** uc_err values (unicorn.h) that stand for a guest signal. */
    private static final int UC_ERR_READ_UNMAPPED = 6, UC_ERR_WRITE_UNMAPPED = 7, UC_ERR_FETCH_UNMAPPED = 8,
            UC_ERR_INSN_INVALID = 10, UC_ERR_READ_PROT = 13, UC_ERR_WRITE_PROT = 14, UC_ERR_FETCH_PROT = 15,
            UC_ERR_READ_UNALIGNED = 16, UC_ERR_WRITE_UNALIGNED = 17, UC_ERR_FETCH_UNALIGNED = 18, UC_ERR_EXCEPTION = 21;

    private final FuzzTarget target;
    private final Unicorn uc;
    private final ByteOrder order;

    public UnicornOracle(FuzzTarget target) {
        this.target = target;
        this.uc = new Unicorn(target.unicornArch(), target.unicornMode());
        this.order = target.isa().byteOrder();
        if (target.unicornCpuModel() >= 0) uc.setCpuModel(target.unicornCpuModel());
        uc.map(FuzzTarget.CODE, CODE_SIZE);
        uc.map(FuzzTarget.DATA, FuzzTarget.DATA_SIZE);
    }

    @Override public String name() { return "unicorn"; }

    @Override
    public Outcome run(FuzzTarget.Case c) {
        ByteBuffer code = ByteBuffer.allocate(CODE_SIZE).order(order);
        for (int w : c.words()) code.putInt(w);
        long end = (FuzzTarget.CODE & 0xffffffffL) + 4L * c.words().length;
        if (end > stubFloor) throw new IllegalArgumentException("case code overlaps the transfer stubs");
        uc.write(FuzzTarget.CODE, java.util.Arrays.copyOf(code.array(), (int) (stubFloor - (FuzzTarget.CODE & 0xffffffffL))));
        // only the case's code: the stubs above it keep their translations from case to case
        uc.removeCache(FuzzTarget.CODE & 0xffffffffL, end);
        uc.write(FuzzTarget.DATA, c.data());
        List<FuzzTarget.Field> fs = target.fields();
        for (int i = 0; i < fs.size(); i++) uc.writeReg(fs.get(i).unicornReg(), fs.get(i).bytes(), c.init()[i]);
        long[] setup = target.unicornSetup();
        for (int i = 0; i < setup.length; i += 2) uc.writeReg((int) setup[i], 4, setup[i + 1]);
        for (int i = 0; i < fs.size(); i++) {
            FuzzTarget.ViaGpr v = target.unicornViaGpr(i);
            if (v == null) continue;
            FuzzTarget.Field g = fs.get(v.gprField());
            uc.writeReg(g.unicornReg(), g.bytes(), c.init()[i]);
            stub(v.toField());
            uc.writeReg(g.unicornReg(), g.bytes(), c.init()[v.gprField()]);
        }
        // no instruction count: Unicorn counts through a hook on every instruction, which made it the
        // harness's main cost; the generated code is straight-line (no branches), so it ends at `end`
        int err = uc.start(target.unicornStart(FuzzTarget.CODE), end, 0);
        String stop = switch (err) {
            case 0 -> "end";
            case UC_ERR_INSN_INVALID, UC_ERR_EXCEPTION -> "trap:4";
            case UC_ERR_READ_UNMAPPED, UC_ERR_WRITE_UNMAPPED, UC_ERR_FETCH_UNMAPPED, UC_ERR_READ_PROT, UC_ERR_WRITE_PROT,
                    UC_ERR_FETCH_PROT -> "fault";
            case UC_ERR_READ_UNALIGNED, UC_ERR_WRITE_UNALIGNED, UC_ERR_FETCH_UNALIGNED -> "trap:7";
            default -> "uc_err " + err + " (" + uc.strerror(err) + ")";
        };
        long[] out = new long[fs.size()];
        for (int i = 0; i < out.length; i++) out[i] = uc.readReg(fs.get(i).unicornReg(), fs.get(i).bytes());
        for (int i = 0; i < fs.size(); i++) {
            FuzzTarget.ViaGpr v = target.unicornViaGpr(i);
            if (v == null) continue;
            FuzzTarget.Field g = fs.get(v.gprField());
            stub(v.fromField());
            out[i] = uc.readReg(g.unicornReg(), g.bytes());
            uc.writeReg(g.unicornReg(), g.bytes(), out[v.gprField()]);
        }
        return new Outcome(stop, out, uc.read(FuzzTarget.DATA, FuzzTarget.DATA_SIZE));
    }

    /** Where each transfer stub word sits, from the end of the code page down; written once. */
    private final java.util.Map<Integer, Long> stubs = new java.util.HashMap<>();
    private long stubFloor = (FuzzTarget.CODE & 0xffffffffL) + CODE_SIZE;

    /**
     * Runs one instruction word placed at the end of the code page (beyond any case's code). Each
     * word keeps its own slot, so Unicorn translates it once rather than on every case (its
     * translation, not its execution, dominated the harness's time).
     */
    private void stub(int word) {
        Long slot = stubs.get(word);
        if (slot == null) {
            stubFloor -= 8;
            slot = stubFloor;
            uc.write(slot, ByteBuffer.allocate(4).order(order).putInt(word).array());
            uc.removeCache(slot, slot + 4);
            stubs.put(word, slot);
        }
        long at = slot;
        int err = uc.start(target.unicornStart((int) at), at + 4, 0);
        if (err != 0) throw new IllegalStateException("Unicorn transfer stub " + Integer.toHexString(word) + ": " + uc.strerror(err));
    }

    @Override
    public void close() { uc.close(); }
}

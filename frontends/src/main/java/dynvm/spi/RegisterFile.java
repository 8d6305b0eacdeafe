package dynvm.spi;

import dynvm.ir.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The guest register file: each register has a name, a type and a global index (used in IR
 * GET_REG/SET_REG); I32 registers live in {@link CpuState#r}, I64 registers in {@link CpuState#d}.
 */
public final class RegisterFile {
    /** @param index global index; @param slot index in r[] (I32) or d[] (I64) */
    public record Reg(String name, int index, Type type, int slot) { }

    private final List<Reg> regs = new ArrayList<>();
    private int n32, n64;
    /** Each register's slot by global index: {@link #slot} serves hot paths (a decode context read
     *  before every block, syscall arguments) where C1 does not inline a list look-up. */
    private int[] slots = new int[0];

    /** Adds a register and returns its global index. */
    public int add(String name, Type type) {
        if (type != Type.I32 && type != Type.I64) throw new IllegalArgumentException("registers are I32 or I64: " + name);
        Reg r = new Reg(name, regs.size(), type, type == Type.I32 ? n32++ : n64++);
        regs.add(r);
        slots = java.util.Arrays.copyOf(slots, regs.size());
        slots[r.index()] = r.slot();
        return r.index();
    }

    public Reg get(int index) { return regs.get(index); }
    /** The slot of register {@code index} in {@link CpuState#r} (I32) or {@link CpuState#d} (I64). */
    public int slot(int index) { return slots[index]; }
    public int size() { return regs.size(); }
    public List<Reg> all() { return Collections.unmodifiableList(regs); }
    public int count32() { return n32; }
    public int count64() { return n64; }

    public Reg byName(String name) {
        for (Reg r : regs) if (r.name().equals(name)) return r;
        throw new IllegalArgumentException("no register " + name);
    }

    public long read(CpuState s, int index) {
        Reg r = regs.get(index);
        return r.type() == Type.I32 ? s.r[r.slot()] : s.d[r.slot()];
    }

    public void write(CpuState s, int index, long v) {
        Reg r = regs.get(index);
        if (r.type() == Type.I32) s.r[r.slot()] = (int) v; else s.d[r.slot()] = v;
    }
}

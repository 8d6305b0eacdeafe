package dynvm.ir;

/**
 * One IR instruction: {@code dst = op(src...)}. Temps are numbered per block; -1 means none.
 * For GET_REG/SET_REG imm is the register index; for constants it is the value (F64 as raw bits);
 * for INSN_START it is the guest pc. CALL carries its {@link Helper} in aux.
 */
public final class Insn {
    public final Op op;
    public final int dst;
    public final int[] src;
    public final long imm;
    public final Object aux;

    public Insn(Op op, int dst, int[] src, long imm, Object aux) {
        this.op = op;
        this.dst = dst;
        this.src = src;
        this.imm = imm;
        this.aux = aux;
    }

    public int a() { return src[0]; }
    public int b() { return src[1]; }
    public int c() { return src[2]; }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (dst >= 0) sb.append('t').append(dst).append(" = ");
        sb.append(op);
        for (int s : src) sb.append(" t").append(s);
        switch (op) {
            case CONST_I32, CONST_I64, GET_REG, SET_REG -> sb.append(" #").append(imm);
            case CONST_F64 -> sb.append(" #").append(Double.longBitsToDouble(imm));
            case INSN_START -> sb.append(String.format(" pc=0x%08x", imm));
            case SKIP_UNLESS, LABEL -> sb.append(" L").append(imm);
            default -> { }
        }
        if (aux != null) sb.append(' ').append(aux);
        return sb.toString();
    }
}

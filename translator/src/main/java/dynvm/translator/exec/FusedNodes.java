package dynvm.translator.exec;

import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;

/**
 * Tier-0 nodes that do the work of two or three IR ops in one dispatch ({@link NodeCompiler}
 * decides when that is exact). Suffixes on the op's name ({@code Add}, {@code AddK} with an
 * immediate {@code y}):
 * <ul>
 * <li>{@code G}: the first operand is read from I32 register slot {@code g} instead of a temp (a
 *     GET_REG whose temp has no other use, with only constants between it and the op, so no write
 *     to the register can come in between);
 * <li>{@code S}: the result is also stored to I32 register slot {@code r} (the SET_REG right
 *     after the op); the temp is still written, for any later use.
 * </ul>
 * {@link Mov} is GET_REG followed by SET_REG of its value. The compares that compute flags
 * ({@code EqKS}, {@code NeKS}, {@code GeuKS}, {@code LtuKS}, {@code GeuS}, {@code LtuS}) come in
 * the {@code S} shape only: a flag register set from a comparison, the commonest pair left once
 * {@code BOOL_TO_I32} leaves no node.
 */
final class FusedNodes {
    private FusedNodes() { }

    /** Whether {@link #make} has fused forms of {@code op}. */
    static boolean fusible(dynvm.ir.Op op) {
        return switch (op) {
            case ADD, SUB, AND, OR, XOR, SHL, SHRU, SHRS, ROTL -> true;
            default -> false;
        };
    }

    /**
     * The fused node for {@code op} ({@link #fusible}) with an immediate second operand ({@code k})
     * or not, its first operand from a register ({@code g}) or not, its result stored to a register
     * ({@code s}) or not; {@code a} is a temp or register slot, {@code b} a temp or the immediate.
     * Not both {@code g} and {@code s} false.
     */
    static Node make(dynvm.ir.Op op, boolean k, boolean g, boolean s, int d, int a, int b, int r) {
        int shape = (k ? 4 : 0) | (g ? 2 : 0) | (s ? 1 : 0);
        return switch (op) {
            case ADD -> switch (shape) {
                case 1 -> new AddS(d, a, b, r);
                case 2 -> new AddG(d, a, b);
                case 3 -> new AddGS(d, a, b, r);
                case 5 -> new AddKS(d, a, b, r);
                case 6 -> new AddKG(d, a, b);
                case 7 -> new AddKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case SUB -> switch (shape) {
                case 1 -> new SubS(d, a, b, r);
                case 2 -> new SubG(d, a, b);
                case 3 -> new SubGS(d, a, b, r);
                case 5 -> new SubKS(d, a, b, r);
                case 6 -> new SubKG(d, a, b);
                case 7 -> new SubKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case AND -> switch (shape) {
                case 1 -> new AndS(d, a, b, r);
                case 2 -> new AndG(d, a, b);
                case 3 -> new AndGS(d, a, b, r);
                case 5 -> new AndKS(d, a, b, r);
                case 6 -> new AndKG(d, a, b);
                case 7 -> new AndKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case OR -> switch (shape) {
                case 1 -> new OrS(d, a, b, r);
                case 2 -> new OrG(d, a, b);
                case 3 -> new OrGS(d, a, b, r);
                case 5 -> new OrKS(d, a, b, r);
                case 6 -> new OrKG(d, a, b);
                case 7 -> new OrKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case XOR -> switch (shape) {
                case 1 -> new XorS(d, a, b, r);
                case 2 -> new XorG(d, a, b);
                case 3 -> new XorGS(d, a, b, r);
                case 5 -> new XorKS(d, a, b, r);
                case 6 -> new XorKG(d, a, b);
                case 7 -> new XorKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case SHL -> switch (shape) {
                case 1 -> new ShlS(d, a, b, r);
                case 2 -> new ShlG(d, a, b);
                case 3 -> new ShlGS(d, a, b, r);
                case 5 -> new ShlKS(d, a, b, r);
                case 6 -> new ShlKG(d, a, b);
                case 7 -> new ShlKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case SHRU -> switch (shape) {
                case 1 -> new ShruS(d, a, b, r);
                case 2 -> new ShruG(d, a, b);
                case 3 -> new ShruGS(d, a, b, r);
                case 5 -> new ShruKS(d, a, b, r);
                case 6 -> new ShruKG(d, a, b);
                case 7 -> new ShruKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case SHRS -> switch (shape) {
                case 1 -> new ShrsS(d, a, b, r);
                case 2 -> new ShrsG(d, a, b);
                case 3 -> new ShrsGS(d, a, b, r);
                case 5 -> new ShrsKS(d, a, b, r);
                case 6 -> new ShrsKG(d, a, b);
                case 7 -> new ShrsKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            case ROTL -> switch (shape) {
                case 1 -> new RotlS(d, a, b, r);
                case 2 -> new RotlG(d, a, b);
                case 3 -> new RotlGS(d, a, b, r);
                case 5 -> new RotlKS(d, a, b, r);
                case 6 -> new RotlKG(d, a, b);
                case 7 -> new RotlKGS(d, a, b, r);
                default -> throw new IllegalArgumentException("no fusion");
            };
            default -> throw new IllegalArgumentException(op + " has no fused forms");
        };
    }

    static final class Mov extends Node {
        final int d, g, r;
        Mov(int d, int g, int r) { this.d = d; this.g = g; this.r = r; }
        @Override int kind() { return NodeBlock.MOV; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int v = cpu.r[g]; t[d] = v; cpu.r[r] = v; }
    }

    static final class AddS extends Node {
        final int d, a, b, r;
        AddS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x + y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AddG extends Node {
        final int d, g, b;
        AddG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x + y; t[d] = v; }
    }

    static final class AddGS extends Node {
        final int d, g, b, r;
        AddGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x + y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AddKS extends Node {
        final int d, a, y, r;
        AddKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x + y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AddKG extends Node {
        final int d, g, y;
        AddKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override int kind() { return NodeBlock.ADD_K_G; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x + y; t[d] = v; }
    }

    static final class AddKGS extends Node {
        final int d, g, y, r;
        AddKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.ADD_K_G_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x + y; t[d] = v; cpu.r[r] = v; }
    }

    static final class SubS extends Node {
        final int d, a, b, r;
        SubS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x - y; t[d] = v; cpu.r[r] = v; }
    }

    static final class SubG extends Node {
        final int d, g, b;
        SubG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x - y; t[d] = v; }
    }

    static final class SubGS extends Node {
        final int d, g, b, r;
        SubGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x - y; t[d] = v; cpu.r[r] = v; }
    }

    static final class SubKS extends Node {
        final int d, a, y, r;
        SubKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x - y; t[d] = v; cpu.r[r] = v; }
    }

    static final class SubKG extends Node {
        final int d, g, y;
        SubKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x - y; t[d] = v; }
    }

    static final class SubKGS extends Node {
        final int d, g, y, r;
        SubKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x - y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AndS extends Node {
        final int d, a, b, r;
        AndS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x & y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AndG extends Node {
        final int d, g, b;
        AndG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x & y; t[d] = v; }
    }

    static final class AndGS extends Node {
        final int d, g, b, r;
        AndGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x & y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AndKS extends Node {
        final int d, a, y, r;
        AndKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.AND_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x & y; t[d] = v; cpu.r[r] = v; }
    }

    static final class AndKG extends Node {
        final int d, g, y;
        AndKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x & y; t[d] = v; }
    }

    static final class AndKGS extends Node {
        final int d, g, y, r;
        AndKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x & y; t[d] = v; cpu.r[r] = v; }
    }

    static final class OrS extends Node {
        final int d, a, b, r;
        OrS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x | y; t[d] = v; cpu.r[r] = v; }
    }

    static final class OrG extends Node {
        final int d, g, b;
        OrG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x | y; t[d] = v; }
    }

    static final class OrGS extends Node {
        final int d, g, b, r;
        OrGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x | y; t[d] = v; cpu.r[r] = v; }
    }

    static final class OrKS extends Node {
        final int d, a, y, r;
        OrKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x | y; t[d] = v; cpu.r[r] = v; }
    }

    static final class OrKG extends Node {
        final int d, g, y;
        OrKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x | y; t[d] = v; }
    }

    static final class OrKGS extends Node {
        final int d, g, y, r;
        OrKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x | y; t[d] = v; cpu.r[r] = v; }
    }

    static final class XorS extends Node {
        final int d, a, b, r;
        XorS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x ^ y; t[d] = v; cpu.r[r] = v; }
    }

    static final class XorG extends Node {
        final int d, g, b;
        XorG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x ^ y; t[d] = v; }
    }

    static final class XorGS extends Node {
        final int d, g, b, r;
        XorGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x ^ y; t[d] = v; cpu.r[r] = v; }
    }

    static final class XorKS extends Node {
        final int d, a, y, r;
        XorKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x ^ y; t[d] = v; cpu.r[r] = v; }
    }

    static final class XorKG extends Node {
        final int d, g, y;
        XorKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x ^ y; t[d] = v; }
    }

    static final class XorKGS extends Node {
        final int d, g, y, r;
        XorKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x ^ y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShlS extends Node {
        final int d, a, b, r;
        ShlS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x << y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShlG extends Node {
        final int d, g, b;
        ShlG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x << y; t[d] = v; }
    }

    static final class ShlGS extends Node {
        final int d, g, b, r;
        ShlGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x << y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShlKS extends Node {
        final int d, a, y, r;
        ShlKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x << y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShlKG extends Node {
        final int d, g, y;
        ShlKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x << y; t[d] = v; }
    }

    static final class ShlKGS extends Node {
        final int d, g, y, r;
        ShlKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x << y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShruS extends Node {
        final int d, a, b, r;
        ShruS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x >>> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShruG extends Node {
        final int d, g, b;
        ShruG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x >>> y; t[d] = v; }
    }

    static final class ShruGS extends Node {
        final int d, g, b, r;
        ShruGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x >>> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShruKS extends Node {
        final int d, a, y, r;
        ShruKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.SHRU_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x >>> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShruKG extends Node {
        final int d, g, y;
        ShruKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x >>> y; t[d] = v; }
    }

    static final class ShruKGS extends Node {
        final int d, g, y, r;
        ShruKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x >>> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShrsS extends Node {
        final int d, a, b, r;
        ShrsS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = x >> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShrsG extends Node {
        final int d, g, b;
        ShrsG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x >> y; t[d] = v; }
    }

    static final class ShrsGS extends Node {
        final int d, g, b, r;
        ShrsGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = x >> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShrsKS extends Node {
        final int d, a, y, r;
        ShrsKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x >> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class ShrsKG extends Node {
        final int d, g, y;
        ShrsKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x >> y; t[d] = v; }
    }

    static final class ShrsKGS extends Node {
        final int d, g, y, r;
        ShrsKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = x >> y; t[d] = v; cpu.r[r] = v; }
    }

    static final class RotlS extends Node {
        final int d, a, b, r;
        RotlS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = Integer.rotateLeft(x, y); t[d] = v; cpu.r[r] = v; }
    }

    static final class RotlG extends Node {
        final int d, g, b;
        RotlG(int d, int g, int b) { this.d = d; this.g = g; this.b = b; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = Integer.rotateLeft(x, y); t[d] = v; }
    }

    static final class RotlGS extends Node {
        final int d, g, b, r;
        RotlGS(int d, int g, int b, int r) { this.d = d; this.g = g; this.b = b; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g], y = (int) t[b]; int v = Integer.rotateLeft(x, y); t[d] = v; cpu.r[r] = v; }
    }

    static final class RotlKS extends Node {
        final int d, a, y, r;
        RotlKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = Integer.rotateLeft(x, y); t[d] = v; cpu.r[r] = v; }
    }

    static final class RotlKG extends Node {
        final int d, g, y;
        RotlKG(int d, int g, int y) { this.d = d; this.g = g; this.y = y; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = Integer.rotateLeft(x, y); t[d] = v; }
    }

    static final class RotlKGS extends Node {
        final int d, g, y, r;
        RotlKGS(int d, int g, int y, int r) { this.d = d; this.g = g; this.y = y; this.r = r; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = cpu.r[g]; int v = Integer.rotateLeft(x, y); t[d] = v; cpu.r[r] = v; }
    }


    static final class EqKS extends Node {
        final int d, a, y, r;
        EqKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.EQ_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x == y ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    static final class NeKS extends Node {
        final int d, a, y, r;
        NeKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.NE_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = x != y ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    static final class GeuKS extends Node {
        final int d, a, y, r;
        GeuKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.GEU_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = !IrRuntime.below(x, y) ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    static final class LtuKS extends Node {
        final int d, a, y, r;
        LtuKS(int d, int a, int y, int r) { this.d = d; this.a = a; this.y = y; this.r = r; }
        @Override int kind() { return NodeBlock.LTU_K_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a]; int v = IrRuntime.below(x, y) ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    static final class GeuS extends Node {
        final int d, a, b, r;
        GeuS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override int kind() { return NodeBlock.GEU_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = !IrRuntime.below(x, y) ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    static final class LtuS extends Node {
        final int d, a, b, r;
        LtuS(int d, int a, int b, int r) { this.d = d; this.a = a; this.b = b; this.r = r; }
        @Override int kind() { return NodeBlock.LTU_S; }
        @Override public void exec(long[] t, CpuState cpu, MemoryPort mem) { int x = (int) t[a], y = (int) t[b]; int v = IrRuntime.below(x, y) ? 1 : 0; t[d] = v; cpu.r[r] = v; }
    }

    /** A compare whose result the next op stores to I32 register slot {@code r}, or null when there is no fused form. */
    static Node compareAndSet(dynvm.ir.Op op, boolean k, int d, int a, int b, int r) {
        return switch (op) {
            case EQ -> k ? new EqKS(d, a, b, r) : null;
            case NE -> k ? new NeKS(d, a, b, r) : null;
            case GEU -> k ? new GeuKS(d, a, b, r) : new GeuS(d, a, b, r);
            case LTU -> k ? new LtuKS(d, a, b, r) : new LtuS(d, a, b, r);
            default -> null;
        };
    }
}

package dynvm.ir;

import dynvm.spi.CpuState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * A static helper method called from IR, like a TCG helper: for semantics too large to spell in
 * ops. Parameters are int, long, double or float, optionally preceded by {@link CpuState} (then
 * the helper may read and write guest registers and memory through it, and the engines make the
 * state exact around the call). The return type is void, boolean, int, long, float or double.
 */
public final class Helper {
    public final Method method;
    public final boolean takesCpu;
    public final Type result;
    public final Type[] params;
    public final MethodHandle handle;
    /** The only registers a CpuState helper touches ({@link Touches}), or null: any state, memory and faults. */
    public final String[] touches;

    private Helper(Method m) {
        if (!Modifier.isStatic(m.getModifiers()) || !Modifier.isPublic(m.getModifiers()))
            throw new IllegalArgumentException("helper must be public static: " + m);
        this.method = m;
        Class<?>[] p = m.getParameterTypes();
        this.takesCpu = p.length > 0 && p[0] == CpuState.class;
        int off = takesCpu ? 1 : 0;
        this.params = new Type[p.length - off];
        for (int i = off; i < p.length; i++) params[i - off] = typeOf(p[i], m);
        this.result = m.getReturnType() == void.class ? null : typeOf(m.getReturnType(), m);
        Touches t = m.getAnnotation(Touches.class);
        if (t != null && !takesCpu) throw new IllegalArgumentException("@Touches on a helper without CpuState: " + m);
        this.touches = t == null ? null : t.value().clone();
        try {
            this.handle = MethodHandles.publicLookup().unreflect(m);
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("helper not accessible: " + m, e);
        }
    }

    private static Type typeOf(Class<?> c, Method m) {
        if (c == int.class) return Type.I32;
        if (c == long.class) return Type.I64;
        if (c == double.class) return Type.F64;
        if (c == float.class) return Type.F32;
        if (c == boolean.class) return Type.BOOL;
        throw new IllegalArgumentException("unsupported helper type " + c + " in " + m);
    }

    /** Looks up the unique public static method {@code name} of {@code owner}. */
    public static Helper of(Class<?> owner, String name) {
        Method found = null;
        for (Method m : owner.getMethods()) {
            if (m.getName().equals(name) && Modifier.isStatic(m.getModifiers())) {
                if (found != null) throw new IllegalArgumentException("overloaded helper " + owner.getName() + "." + name);
                found = m;
            }
        }
        if (found == null) throw new IllegalArgumentException("no helper " + owner.getName() + "." + name);
        return new Helper(found);
    }

    @Override
    public String toString() { return method.getDeclaringClass().getSimpleName() + "." + method.getName(); }
}

package dynvm.translator.exec;

import dynvm.ir.Helper;
import dynvm.ir.Type;
import dynvm.spi.CpuState;
import dynvm.spi.MemoryPort;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CALL node: the helper's handle adapted once to {@code (CpuState, long, long, long, long)long}
 * (each long converted to the parameter's type as {@link IrEvaluator#call} does, the result back
 * to the temps' encoding, void as 0) and called with {@code invokeExact}: no argument array, no
 * boxing, no spreader per call. Helpers with more than {@link #MAX_ARGS} value parameters keep the
 * reference path, {@link IrEvaluator#call}.
 */
final class HelperCall extends Node {
    static final int MAX_ARGS = 4;
    private static final MethodType SHAPE = MethodType.methodType(long.class, CpuState.class, long.class, long.class, long.class, long.class);
    /** Adapted handles by helper, shared by every engine (they are pure functions of the helper). */
    private static final ConcurrentHashMap<Helper, MethodHandle> BOUND = new ConcurrentHashMap<>();

    private final MethodHandle mh;
    private final int d, a0, a1, a2, a3;

    HelperCall(Helper h, int d, int[] s) {
        this.mh = BOUND.computeIfAbsent(h, HelperCall::adapt);
        this.d = d;
        this.a0 = s.length > 0 ? s[0] : 0;
        this.a1 = s.length > 1 ? s[1] : 0;
        this.a2 = s.length > 2 ? s[2] : 0;
        this.a3 = s.length > 3 ? s[3] : 0;
    }

    @Override
    public void exec(long[] t, CpuState cpu, MemoryPort mem) {
        long v;
        try {
            v = (long) mh.invokeExact(cpu, t[a0], t[a1], t[a2], t[a3]);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("helper failed", e);
        }
        if (d >= 0) t[d] = v;
    }

    /** {@code h}'s handle in {@link #SHAPE}. */
    private static MethodHandle adapt(Helper h) {
        MethodHandle mh = h.handle;
        if (!h.takesCpu) mh = MethodHandles.dropArguments(mh, 0, CpuState.class);
        for (int k = 0; k < h.params.length; k++) mh = MethodHandles.filterArguments(mh, k + 1, conv("from", h.params[k]));
        if (h.result == null) mh = mh.asType(mh.type().changeReturnType(long.class)); // void: 0
        else mh = MethodHandles.filterReturnValue(mh, conv("to", h.result));
        int have = mh.type().parameterCount() - 1;
        Class<?>[] pad = new Class<?>[MAX_ARGS - have];
        java.util.Arrays.fill(pad, long.class);
        mh = MethodHandles.dropArguments(mh, 1 + have, pad);
        return mh.asType(SHAPE);
    }

    private static MethodHandle conv(String dir, Type type) {
        String name = dir + switch (type) { case I32 -> "I32"; case BOOL -> "Bool"; case I64 -> "I64"; case F64 -> "F64"; case F32 -> "F32"; };
        try {
            return MethodHandles.lookup().findStatic(HelperCall.class, name, dir.equals("from")
                    ? MethodType.methodType(javaType(type), long.class) : MethodType.methodType(long.class, javaType(type)));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Class<?> javaType(Type t) {
        return switch (t) { case I32 -> int.class; case BOOL -> boolean.class; case I64 -> long.class; case F64 -> double.class; case F32 -> float.class; };
    }

    // the temps' encoding, as IrEvaluator.call converts
    private static int fromI32(long raw) { return (int) raw; }
    private static boolean fromBool(long raw) { return raw != 0; }
    private static long fromI64(long raw) { return raw; }
    private static double fromF64(long raw) { return Double.longBitsToDouble(raw); }
    private static float fromF32(long raw) { return Float.intBitsToFloat((int) raw); }
    private static long toI32(int v) { return v; }
    private static long toBool(boolean v) { return v ? 1 : 0; }
    private static long toI64(long v) { return v; }
    private static long toF64(double v) { return Double.doubleToRawLongBits(v); }
    private static long toF32(float v) { return Float.floatToRawIntBits(v); }
}

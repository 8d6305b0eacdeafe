package dynvm.microkernel.device;

import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.loading.ClassLoadingStrategy;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.bytecode.ByteCodeAppender;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;
import net.bytebuddy.matcher.ElementMatchers;

/**
 * The experiment: MMIO dispatch generated from a device's {@link Register} declarations with
 * Byte Buddy. The generated class implements {@link RegisterMap} with one {@code lookupswitch}
 * per direction whose cases call the declared methods directly, the bytecode a hand-written
 * switch compiles to. It is defined in the device's package (a lookup from there) so it may call
 * package-private register methods. Offsets no method declares read 0 and ignore writes.
 */
final class RegisterDispatchGenerator {
    private RegisterDispatchGenerator() { }

    /** Register access through a generated switch. */
    interface RegisterMap<T> {
        int read(T device, int word);

        void write(T device, int word, int value);
    }

    @SuppressWarnings("unchecked")
    static <T> RegisterMap<T> generate(Class<T> device, MethodHandles.Lookup lookupInDevicePackage) throws Exception {
        Map<Integer, Method> reads = new TreeMap<>();
        Map<Integer, Method> writes = new TreeMap<>();
        for (Method m : device.getDeclaredMethods()) {
            Register r = m.getAnnotation(Register.class);
            if (r != null) {
                (r.access() == Register.Access.READ ? reads : writes).put(r.offset(), m);
            }
        }
        Class<?> generated = new ByteBuddy(ClassFileVersion.JAVA_V17)
                .subclass(Object.class)
                .implement(RegisterMap.class)
                .name(device.getName() + "$GeneratedRegisters")
                .method(ElementMatchers.named("read")).intercept(new Implementation.Simple(switchOver(device, reads, true)))
                .method(ElementMatchers.named("write")).intercept(new Implementation.Simple(switchOver(device, writes, false)))
                .visit(new AsmVisitorWrapper.ForDeclaredMethods().writerFlags(ClassWriter.COMPUTE_FRAMES))
                .make()
                .load(device.getClassLoader(), ClassLoadingStrategy.UsingLookup.of(lookupInDevicePackage))
                .getLoaded();
        return (RegisterMap<T>) generated.getDeclaredConstructor().newInstance();
    }

    /** {@code switch (word) { case OFF: return ((Device) d).reg(); ... default: return 0; }} and the write twin. */
    private static ByteCodeAppender switchOver(Class<?> device, Map<Integer, Method> methods, boolean read) {
        return (mv, context, method) -> {
            int[] keys = methods.keySet().stream().mapToInt(Integer::intValue).toArray();
            Label[] labels = new Label[keys.length];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = new Label();
            }
            Label otherwise = new Label();
            String owner = Type.getInternalName(device);
            mv.visitVarInsn(Opcodes.ILOAD, 2);
            mv.visitLookupSwitchInsn(otherwise, keys, labels);
            int i = 0;
            for (Method m : methods.values()) {
                mv.visitLabel(labels[i++]);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitTypeInsn(Opcodes.CHECKCAST, owner);
                if (!read) {
                    mv.visitVarInsn(Opcodes.ILOAD, 3);
                }
                mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, m.getName(), Type.getMethodDescriptor(m), false);
                mv.visitInsn(read ? Opcodes.IRETURN : Opcodes.RETURN);
            }
            mv.visitLabel(otherwise);
            if (read) {
                mv.visitInsn(Opcodes.ICONST_0);
                mv.visitInsn(Opcodes.IRETURN);
            } else {
                mv.visitInsn(Opcodes.RETURN);
            }
            return new ByteCodeAppender.Size(4, method.getStackSize() + 1);
        };
    }
}

package dynvm.ir;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Narrows what a {@link Helper} that takes {@code CpuState} may do: it reads or writes only the
 * named guest registers, touches no guest memory and raises no guest fault. The translator then
 * makes just these registers exact around the call instead of the whole register file (a helper
 * that keeps a floating-point status register is called for every FP operation).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Touches {
    /** Register names, as in the front-end's RegisterFile. */
    String[] value();
}

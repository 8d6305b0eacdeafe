package dynvm.microkernel.device;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a method as the read ({@code int name()}) or write ({@code void name(int value)}) side
 * of a device register at a word offset, named as the device's manual names it. The declaration
 * is the device's register map in one place: tests check the hand-written MMIO dispatch against
 * it, and a generated dispatch can be built from it (the Byte Buddy experiment in the tests
 * measured no gain over the switch, so devices keep the switch; see RegisterDispatchBenchmark).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Register {
    /** Word offset in the device's window. */
    int offset();

    /** Whether this method reads or writes the register. */
    Access access();

    enum Access { READ, WRITE }
}

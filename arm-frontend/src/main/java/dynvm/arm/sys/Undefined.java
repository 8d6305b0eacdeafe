package dynvm.arm.sys;

/**
 * Thrown by a system operation whose encoding, operands or privilege make it UNDEFINED; the
 * system CPU catches it and takes the Undefined Instruction exception at the instruction. No stack
 * trace: it is guest behaviour.
 */
final class Undefined extends RuntimeException {
    Undefined(String why) { super(why, null, false, false); }
}

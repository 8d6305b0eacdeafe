/**
 * Random ARM code for differential testing: generators that draw instructions from the
 * A32, Thumb and VFP encoding tables with operands constrained to a harness's scratch area
 * ({@link dynvm.arm.fuzz.ArmInsnFuzzCases}, {@link dynvm.arm.fuzz.ThumbFuzzCases},
 * {@link dynvm.arm.fuzz.VfpFuzzCases}), the {@link dynvm.spi.FuzzTarget}s the Unicorn fuzzer loads
 * as services ({@link dynvm.arm.fuzz.ArmFuzzTarget}, {@link dynvm.arm.fuzz.ThumbFuzzTarget}), and
 * the oracles' known errata ({@link dynvm.arm.fuzz.ArmOracleErrata}). Nothing here runs in a VM:
 * the package reads the tables only, which is why it sits apart from the decoders.
 */
package dynvm.arm.fuzz;

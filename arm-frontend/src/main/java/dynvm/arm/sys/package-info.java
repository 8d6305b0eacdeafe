/**
 * ARM's privileged architecture for system mode ({@code ./dynvm boot --machine virt}): an ARMv7-A
 * Cortex-A15 as QEMU 7.2's {@code virt} machine presents it (no Security or Virtualization
 * Extensions, LPAE, Generic Timer, PSCI over HVC).
 *
 * <h2>How the VM drives it</h2>
 * <ol>
 * <li>{@code ArmIsa.systemModel().createCpu("cortex-a15", cpu, platform)} makes an
 *     {@link dynvm.arm.sys.ArmSystemCpu}; {@code reset(entry)} or {@code bootLinux(entry, dtb)}
 *     sets the boot state. From then on {@code ArmRegs.SYSMODE} is non-zero, so
 *     {@code ArmIsa.context} carries {@code ArmDecoder.SYSTEM} (and {@code VFP_ENABLED}), and the
 *     decoders lower sensitive instructions to {@link dynvm.spi.Services#SYSTEM} calls whose
 *     operands {@link dynvm.arm.sys.SysOp} defines.</li>
 * <li>The VM hands every SYSTEM call to {@code execute(args, nextPc)} with the CPU state exact;
 *     execute may throw whatever {@code cpu.mem} throws (SRS, RFE, LDM^, LDRT access memory),
 *     with {@code cpu.pc} at the instruction, so the VM takes the abort as for any access.</li>
 * <li>Traps (undefined instruction, BKPT) go to {@code trap}, memory faults to {@code abort},
 *     soft-TLB misses to {@code translate} (the MMU-on walk is the {@link
 *     dynvm.arm.sys.PageTableWalker} the model was made with), interrupt lines to
 *     {@code setInterruptLine}, and {@code takeInterrupt} runs at block boundaries when
 *     {@code cpu.interrupt} is set.</li>
 * </ol>
 *
 * <h2>Classes</h2>
 * {@link dynvm.arm.sys.ArmSystemCpu} (modes, CPSR, exceptions, interrupts, translation),
 * {@code BankedRegisters}, {@code SystemInstructions} (one method per sensitive instruction), {@code HypervisorCall} (PSCI, hypercalls),
 * {@code Cp15} and {@code CortexA15} (system control registers and ID values), {@code Cp14}
 * (debug registers), {@code GenericTimer}, {@code Psci}; the decoder side is
 * {@code dynvm.arm.a32.A32System} and {@code dynvm.arm.thumb.ThumbSystem}.
 */
package dynvm.arm.sys;

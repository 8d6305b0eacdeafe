/**
 * Running IR without generating bytecode: block decoding ({@link dynvm.translator.exec.BlockBuilder}),
 * memory ports, and the two forms of tier 0, the translator's cold path.
 *
 * <h2>Tier 0</h2>
 * A block the translator has just decoded is not compiled: most blocks of a program run a handful
 * of times, and a hidden class per block costs far more (generation, definition, then the JVM's
 * own interpreter, C1 and C2 for each class, on 2 cores) than running it a few times. Only a block
 * that runs {@code hotThreshold} times is compiled by the backend.
 * <ul>
 * <li><b>Evaluated IR</b> ({@link dynvm.translator.exec.IrEvaluator}, {@code -Ddynvm.tier0=ir}):
 *     a switch over {@link dynvm.ir.Op} per insn, operands looked up through the insn's arrays,
 *     registers through the {@link dynvm.spi.RegisterFile}, helpers through
 *     {@code invokeWithArguments}. Also the reference semantics: the interpreter's core.
 * <li><b>Pre-decoded nodes</b> ({@link dynvm.translator.exec.NodeBlock}, the default):
 *     "closure compilation". At translation {@link dynvm.translator.exec.NodeCompiler} turns each
 *     op into a small final {@link dynvm.translator.exec.Node} object (one class per op shape,
 *     {@link dynvm.translator.exec.Nodes}) with its operands resolved to temp slots, register
 *     slots in {@code cpu.r}/{@code cpu.d}, constants (an I32 CONST operand folds into an
 *     immediate node and its own node disappears when nothing else reads it), a helper handle
 *     adapted once to a fixed {@code (CpuState, long×4)long} shape ({@link dynvm.translator.exec.HelperCall}),
 *     and a SKIP_UNLESS's label resolved to a node index. Running a block is a loop of virtual
 *     {@code exec} calls: the JVM compiles those few dozen tiny methods once and every block of
 *     every program shares them, so tier 0 is fast from a block's first execution, without a
 *     class per block.
 * </ul>
 * Both forms keep the same exact state: temps in one reusable {@code long[]} (I32/BOOL
 * sign-extended, F64/F32 as raw bits), registers read and written in {@link dynvm.spi.CpuState} at
 * the op that names them, the terminal through the same {@code IrEvaluator.finish}, and ops
 * without a dedicated node class through the same {@code IrEvaluator.compute}. The only liberty
 * nodes take is where {@code cpu.pc} is written: {@code INSN_START} becomes a pc store placed just
 * before the first op of its instruction that may fault or call a helper (after a label, again),
 * the only ops that can observe it before the terminal writes the final pc, so a fault still
 * leaves the pc at the faulting instruction. {@code NodeBlockTest} checks the two forms against
 * each other on random blocks; {@code bench/Tier0Bench} measures them.
 */
package dynvm.translator.exec;

package dynvm.translator.backend;

import static org.objectweb.asm.Opcodes.*;

import dynvm.cache.Translation;
import dynvm.ir.Block;
import dynvm.ir.Helper;
import dynvm.ir.Insn;
import dynvm.ir.Op;
import dynvm.ir.Terminal;
import dynvm.ir.Type;
import dynvm.microkernel.mem.GuestMemory;
import dynvm.spi.CpuState;
import dynvm.spi.RegisterFile;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.BitSet;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Turns an IR {@link Block} into a hidden class extending {@link Translation}.
 *
 * <p>Shape of the generated {@code run(CpuState)}: guest registers the block touches are loaded
 * from the state arrays into JVM locals at entry and written back at every exit only; each IR
 * temp is a typed local; guest memory is reached through the final {@link GuestMemory} accessors
 * (C2 inlines them, so the fast path has no call). A single exception handler makes faults
 * precise: it writes back the register locals and stores the pc of the faulting instruction,
 * which the body keeps in a local. A block whose terminal jumps to its own start becomes a JVM
 * loop that keeps registers in locals, bounded by {@link CpuState#budget} so the dispatcher still
 * gets control. Calls to helpers that take the CPU flush registers before and reload after.
 */
public final class BytecodeBackend {
    /** Class files bigger than this risk a method over HotSpot's 8000-byte compile limit. */
    public static final int MAX_CLASS_BYTES = 7000;

    private static final String TRANSLATION = "dynvm/cache/Translation";
    private static final String CPU = "dynvm/spi/CpuState";
    private static final String MEM = "dynvm/microkernel/mem/GuestMemory";
    private static final String FAULT = "dynvm/microkernel/mem/MemoryFault";
    private static final String RT = "dynvm/translator/exec/IrRuntime";
    private static final String CTOR_DESC = "(IIIILjava/lang/Object;L" + MEM + ";)V";

    private static final int L_THIS = 0, L_CPU = 1, L_R = 2, L_D = 3, L_MEM = 4, L_PC = 5, L_FIRST = 6;

    private final RegisterFile regs;
    private final boolean bigEndian;
    private final MethodHandles.Lookup lookup = MethodHandles.lookup();

    /** Result of compiling: the instance and the size of its class file. */
    public record Compiled(Translation translation, byte[] classFile) { }

    public BytecodeBackend(RegisterFile regs, boolean bigEndian) {
        this.regs = regs;
        this.bigEndian = bigEndian;
    }

    /** Generates the class file of {@code b}. {@code loops}: turn self-jumps into JVM loops. */
    public byte[] generate(Block b, boolean loops) {
        // Frames are written by hand (see MethodGen.frame): at every jump target only the fixed
        // locals are live, so this is exact, and it makes generation several times cheaper than
        // ASM's COMPUTE_FRAMES over one local per IR temp.
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        String name = "dynvm/translator/backend/GuestBlock";
        cw.visit(V17, ACC_FINAL | ACC_SUPER, name, null, TRANSLATION, null);
        cw.visitField(ACC_PRIVATE | ACC_FINAL, "mem", "L" + MEM + ";", null, null).visitEnd();

        MethodVisitor ctor = cw.visitMethod(ACC_PUBLIC, "<init>", CTOR_DESC, null, null);
        ctor.visitCode();
        ctor.visitVarInsn(ALOAD, 0);
        for (int i = 1; i <= 4; i++) ctor.visitVarInsn(ILOAD, i);
        ctor.visitVarInsn(ALOAD, 5);
        ctor.visitMethodInsn(INVOKESPECIAL, TRANSLATION, "<init>", "(IIIILjava/lang/Object;)V", false);
        ctor.visitVarInsn(ALOAD, 0);
        ctor.visitVarInsn(ALOAD, 6);
        ctor.visitFieldInsn(PUTFIELD, name, "mem", "L" + MEM + ";");
        ctor.visitInsn(RETURN);
        ctor.visitMaxs(0, 0);
        ctor.visitEnd();

        MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "run", "(L" + CPU + ";)I", null, null);
        new MethodGen(mv, b, name, loops).emit();
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Defines the class as a hidden class (unloadable once unreferenced) and instantiates it. */
    public Translation define(Block b, byte[] classFile, GuestMemory mem) {
        try {
            MethodHandles.Lookup h = lookup.defineHiddenClass(classFile, true);
            MethodHandle c = h.findConstructor(h.lookupClass(),
                    MethodType.methodType(void.class, int.class, int.class, int.class, int.class, Object.class, GuestMemory.class));
            return (Translation) c.invoke(b.pc(), b.context(), b.endPc(), b.guestInsns(), b.terminal(), mem);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot define translation of block at 0x" + Integer.toHexString(b.pc()), e);
        }
    }

    /** The code generator of one {@code run} method. */
    private final class MethodGen {
        private final MethodVisitor mv;
        private final Block b;
        private final boolean loops;
        private final int[] regLocal;     // register index -> local slot, or -1
        private final int[] tempLocal;    // temp -> local slot
        private final BitSet used = new BitSet(), written = new BitSet();
        private final Label loopHead = new Label(), tryStart = new Label(), tryEnd = new Label(), handler = new Label();
        /** Does the terminal jump back to this block's start (so the method loops)? */
        private final boolean selfLoop;
        /** Slot of the loop-pass counter, or -1. */
        private final int iterSlot;

        private final String owner;

        MethodGen(MethodVisitor mv, Block b, String owner, boolean loops) {
            this.mv = mv;
            this.owner = owner;
            this.b = b;
            this.loops = loops;
            regLocal = new int[regs.size()];
            java.util.Arrays.fill(regLocal, -1);
            for (Insn in : b.ops()) {
                if (in.op == Op.GET_REG || in.op == Op.SET_REG) used.set((int) in.imm);
                if (in.op == Op.SET_REG) written.set((int) in.imm);
            }
            int slot = L_FIRST;
            for (int r = used.nextSetBit(0); r >= 0; r = used.nextSetBit(r + 1)) {
                regLocal[r] = slot;
                slot += regs.get(r).type() == Type.I64 ? 2 : 1;
            }
            selfLoop = loops && targets(b.terminal(), b.pc());
            iterSlot = selfLoop ? slot++ : -1;
            Type[] tt = b.temps();
            tempLocal = new int[tt.length];
            for (int t = 0; t < tt.length; t++) {
                tempLocal[t] = slot;
                slot += (tt[t] == Type.I64 || tt[t] == Type.F64) ? 2 : 1;
            }
        }

        void emit() {
            mv.visitCode();
            mv.visitTryCatchBlock(tryStart, tryEnd, handler, FAULT);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "r", "[I");
            mv.visitVarInsn(ASTORE, L_R);
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitFieldInsn(GETFIELD, CPU, "d", "[J");
            mv.visitVarInsn(ASTORE, L_D);
            mv.visitVarInsn(ALOAD, L_THIS);
            mv.visitFieldInsn(GETFIELD, "dynvm/translator/backend/GuestBlock", "mem", "L" + MEM + ";");
            mv.visitVarInsn(ASTORE, L_MEM);
            pushInt(b.pc());
            mv.visitVarInsn(ISTORE, L_PC);
            loadRegs(used);
            if (selfLoop) { mv.visitInsn(ICONST_0); mv.visitVarInsn(ISTORE, iterLocal()); }
            mv.visitLabel(loopHead);
            frame(false);
            mv.visitLabel(tryStart);
            mv.visitInsn(NOP); // the JVM rejects an empty exception range (blocks with no ops)
            var ops = b.ops();
            for (int i = 0; i < ops.size(); i++) {
                Insn in = ops.get(i);
                if (in.op == Op.INSN_START) {
                    if (insnMayFault(ops, i + 1)) { pushInt((int) in.imm); mv.visitVarInsn(ISTORE, L_PC); }
                    continue;
                }
                op(in);
            }
            mv.visitLabel(tryEnd);
            terminal(b.terminal());
            // fault handler: make the state exact, then rethrow
            mv.visitLabel(handler);
            frame(true);
            // the exception stays on the operand stack while the state is made exact
            writeBack();
            chargeLoopPasses();
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitVarInsn(ILOAD, L_PC);
            mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
            mv.visitInsn(ATHROW);
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }

        private static boolean targets(Terminal t, int pc) {
            if (t instanceof Terminal.Jump j) return j.target() == pc;
            if (t instanceof Terminal.Branch br) return br.taken() == pc || br.notTaken() == pc;
            return false;
        }

        private int iterLocal() { return iterSlot; }

        /**
         * Declares the stack map frame at the current label: the fixed locals (this, cpu, the
         * register arrays, memory, the pc, the register locals and the loop counter) and, for the
         * fault handler, the exception on the stack. Temps never live across a label.
         */
        private void frame(boolean handlerFrame) {
            java.util.List<Object> l = new java.util.ArrayList<>();
            l.add(owner);
            l.add(CPU);
            l.add("[I");
            l.add("[J");
            l.add(MEM);
            l.add(INTEGER);
            for (int r = used.nextSetBit(0); r >= 0; r = used.nextSetBit(r + 1)) l.add(regs.get(r).type() == Type.I64 ? LONG : INTEGER);
            if (selfLoop) l.add(INTEGER);
            Object[] stack = handlerFrame ? new Object[]{FAULT} : new Object[0];
            mv.visitFrame(F_NEW, l.size(), l.toArray(), stack.length, stack);
        }

        private boolean insnMayFault(java.util.List<Insn> ops, int from) {
            for (int i = from; i < ops.size() && ops.get(i).op != Op.INSN_START; i++) if (ops.get(i).op.mayFault()) return true;
            return false;
        }

        private void loadRegs(BitSet set) {
            for (int r = set.nextSetBit(0); r >= 0; r = set.nextSetBit(r + 1)) {
                RegisterFile.Reg reg = regs.get(r);
                boolean wide = reg.type() == Type.I64;
                mv.visitVarInsn(ALOAD, wide ? L_D : L_R);
                pushInt(reg.slot());
                mv.visitInsn(wide ? LALOAD : IALOAD);
                mv.visitVarInsn(wide ? LSTORE : ISTORE, regLocal[r]);
            }
        }

        private void writeBack() {
            for (int r = written.nextSetBit(0); r >= 0; r = written.nextSetBit(r + 1)) {
                RegisterFile.Reg reg = regs.get(r);
                boolean wide = reg.type() == Type.I64;
                mv.visitVarInsn(ALOAD, wide ? L_D : L_R);
                pushInt(reg.slot());
                mv.visitVarInsn(wide ? LLOAD : ILOAD, regLocal[r]);
                mv.visitInsn(wide ? LASTORE : IASTORE);
            }
        }

        private void exit(int pc, int code) {
            writeBack();
            chargeLoopPasses();
            mv.visitVarInsn(ALOAD, L_CPU);
            pushInt(pc);
            mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
            pushInt(code);
            mv.visitInsn(IRETURN);
        }

        /**
         * Exit to a static successor, or loop back if it is this block's own start. Loop passes are
         * counted in a local (no memory traffic per iteration) and charged to
         * {@code cpu.insnCount} on the way out; {@code cpu.budget} bounds them.
         */
        private void exitTo(int target, int code) {
            if (loops && target == b.pc()) {
                Label out = new Label();
                // passes counted here are the ones that looped back; the engine counts the last
                mv.visitVarInsn(ILOAD, iterLocal());
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitFieldInsn(GETFIELD, CPU, "budget", "I");
                mv.visitJumpInsn(IF_ICMPGE, out);
                mv.visitIincInsn(iterLocal(), 1);
                mv.visitJumpInsn(GOTO, loopHead);
                mv.visitLabel(out);
                frame(false);
                exit(target, Translation.EXIT_BUDGET);
                return;
            }
            exit(target, code);
        }

        /** cpu.insnCount += iterations * guestInsns: passes that looped back inside this call. */
        private void chargeLoopPasses() {
            if (!selfLoop) return;
            mv.visitVarInsn(ALOAD, L_CPU);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETFIELD, CPU, "insnCount", "J");
            mv.visitVarInsn(ILOAD, iterLocal());
            mv.visitInsn(I2L);
            mv.visitLdcInsn((long) b.guestInsns());
            mv.visitInsn(LMUL);
            mv.visitInsn(LADD);
            mv.visitFieldInsn(PUTFIELD, CPU, "insnCount", "J");
        }

        private void terminal(Terminal t) {
            if (t instanceof Terminal.Jump j) {
                exitTo(j.target(), Translation.EXIT_TAKEN);
            } else if (t instanceof Terminal.Branch br) {
                Label notTaken = new Label();
                mv.visitVarInsn(ILOAD, tempLocal[br.cond()]);
                mv.visitJumpInsn(IFEQ, notTaken);
                exitTo(br.taken(), Translation.EXIT_TAKEN);
                mv.visitLabel(notTaken);
                frame(false);
                exitTo(br.notTaken(), Translation.EXIT_FALLTHROUGH);
            } else if (t instanceof Terminal.IndirectJump ij) {
                writeBack();
                chargeLoopPasses();
                mv.visitVarInsn(ALOAD, L_CPU);
                mv.visitVarInsn(ILOAD, tempLocal[ij.target()]);
                mv.visitFieldInsn(PUTFIELD, CPU, "pc", "I");
                pushInt(Translation.EXIT_INDIRECT);
                mv.visitInsn(IRETURN);
            } else if (t instanceof Terminal.ServiceCall sc) {
                int[] a = sc.args();
                for (int k = 0; k < a.length; k++) {
                    mv.visitVarInsn(ALOAD, L_CPU);
                    mv.visitFieldInsn(GETFIELD, CPU, "serviceArgs", "[I");
                    pushInt(k);
                    mv.visitVarInsn(ILOAD, tempLocal[a[k]]);
                    mv.visitInsn(IASTORE);
                }
                exit(sc.nextPc(), Translation.EXIT_SERVICE);
            } else if (t instanceof Terminal.Trap tr) {
                exit(tr.pc(), Translation.EXIT_TRAP);
            }
        }

        private void pushInt(int v) {
            if (v >= -1 && v <= 5) mv.visitInsn(ICONST_0 + v);
            else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) mv.visitIntInsn(BIPUSH, v);
            else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) mv.visitIntInsn(SIPUSH, v);
            else mv.visitLdcInsn(v);
        }

        private void ld(int temp) {
            Type ty = b.temps()[temp];
            int op = switch (ty) { case I64 -> LLOAD; case F64 -> DLOAD; case F32 -> FLOAD; default -> ILOAD; };
            mv.visitVarInsn(op, tempLocal[temp]);
        }

        private void st(int temp) {
            Type ty = b.temps()[temp];
            int op = switch (ty) { case I64 -> LSTORE; case F64 -> DSTORE; case F32 -> FSTORE; default -> ISTORE; };
            mv.visitVarInsn(op, tempLocal[temp]);
        }

        private void srcs(Insn in) { for (int s : in.src) ld(s); }

        private void rt(String name, String desc) { mv.visitMethodInsn(INVOKESTATIC, RT, name, desc, false); }

        private void mem(String name, String desc) { mv.visitMethodInsn(INVOKEVIRTUAL, MEM, name, desc, false); }

        private String order() { return bigEndian ? "be" : "le"; }

        private void op(Insn in) {
            switch (in.op) {
                case CONST_I32 -> { pushInt((int) in.imm); st(in.dst); return; }
                case CONST_I64 -> { mv.visitLdcInsn(in.imm); st(in.dst); return; }
                case CONST_F64 -> {
                    mv.visitLdcInsn(in.imm);
                    mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                    st(in.dst);
                    return;
                }
                case GET_REG -> {
                    boolean wide = regs.get((int) in.imm).type() == Type.I64;
                    mv.visitVarInsn(wide ? LLOAD : ILOAD, regLocal[(int) in.imm]);
                    st(in.dst);
                    return;
                }
                case SET_REG -> {
                    boolean wide = regs.get((int) in.imm).type() == Type.I64;
                    ld(in.a());
                    mv.visitVarInsn(wide ? LSTORE : ISTORE, regLocal[(int) in.imm]);
                    return;
                }
                case LOAD8 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load8", "(I)I"); st(in.dst); return; }
                case LOAD16 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load16" + order(), "(I)I"); st(in.dst); return; }
                case LOAD32 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load32" + order(), "(I)I"); st(in.dst); return; }
                case LOAD64 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("load64" + order(), "(I)J"); st(in.dst); return; }
                case STORE8 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store8", "(II)V"); return; }
                case STORE16 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store16" + order(), "(II)V"); return; }
                case STORE32 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store32" + order(), "(II)V"); return; }
                case STORE64 -> { mv.visitVarInsn(ALOAD, L_MEM); srcs(in); mem("store64" + order(), "(IJ)V"); return; }
                case CALL -> { call(in); return; }
                default -> { }
            }
            srcs(in);
            switch (in.op) {
                case ADD -> mv.visitInsn(IADD);
                case SUB -> mv.visitInsn(ISUB);
                case MUL -> mv.visitInsn(IMUL);
                case MULHS -> rt("mulhs", "(II)I");
                case MULHU -> rt("mulhu", "(II)I");
                case DIVS -> rt("divs", "(II)I");
                case DIVU -> rt("divu", "(II)I");
                case REMS -> rt("rems", "(II)I");
                case REMU -> rt("remu", "(II)I");
                case AND, BAND -> mv.visitInsn(IAND);
                case OR, BOR -> mv.visitInsn(IOR);
                case XOR, BXOR -> mv.visitInsn(IXOR);
                case NOT -> { mv.visitInsn(ICONST_M1); mv.visitInsn(IXOR); }
                case BNOT -> { mv.visitInsn(ICONST_1); mv.visitInsn(IXOR); }
                case NEG -> mv.visitInsn(INEG);
                case SHL -> mv.visitInsn(ISHL);
                case SHRU -> mv.visitInsn(IUSHR);
                case SHRS -> mv.visitInsn(ISHR);
                case ROTL -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "rotateLeft", "(II)I", false);
                case CLZ -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "numberOfLeadingZeros", "(I)I", false);
                case SEXT8 -> mv.visitInsn(I2B);
                case SEXT16 -> mv.visitInsn(I2S);
                case ZEXT8 -> { pushInt(0xff); mv.visitInsn(IAND); }
                case ZEXT16 -> mv.visitInsn(I2C);
                case BSWAP32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "reverseBytes", "(I)I", false);
                case BSWAP16 -> rt("bswap16", "(I)I");
                case EQ -> rt("eq", "(II)I");
                case NE -> rt("ne", "(II)I");
                case LTS -> rt("lts", "(II)I");
                case LTU -> rt("ltu", "(II)I");
                case LES -> rt("les", "(II)I");
                case LEU -> rt("leu", "(II)I");
                case GTS -> rt("gts", "(II)I");
                case GTU -> rt("gtu", "(II)I");
                case GES -> rt("ges", "(II)I");
                case GEU -> rt("geu", "(II)I");
                case BOOL_TO_I32 -> { }
                case SELECT -> rt("select", "(III)I");
                case SELECT64 -> rt("select64", "(IJJ)J");
                case ADD64 -> mv.visitInsn(LADD);
                case SUB64 -> mv.visitInsn(LSUB);
                case MUL64 -> mv.visitInsn(LMUL);
                case AND64 -> mv.visitInsn(LAND);
                case OR64 -> mv.visitInsn(LOR);
                case XOR64 -> mv.visitInsn(LXOR);
                case SHL64 -> mv.visitInsn(LSHL);
                case SHRU64 -> mv.visitInsn(LUSHR);
                case SHRS64 -> mv.visitInsn(LSHR);
                case SEXT32_64 -> mv.visitInsn(I2L);
                case ZEXT32_64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Integer", "toUnsignedLong", "(I)J", false);
                case LO32 -> mv.visitInsn(L2I);
                case HI32 -> { mv.visitIntInsn(BIPUSH, 32); mv.visitInsn(LUSHR); mv.visitInsn(L2I); }
                case EQ64 -> rt("eq64", "(JJ)I");
                case LTS64 -> rt("lts64", "(JJ)I");
                case LTU64 -> rt("ltu64", "(JJ)I");
                case FADD -> mv.visitInsn(DADD);
                case FSUB -> mv.visitInsn(DSUB);
                case FMUL -> mv.visitInsn(DMUL);
                case FDIV -> mv.visitInsn(DDIV);
                case FMA -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "fma", "(DDD)D", false);
                case FSQRT -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "sqrt", "(D)D", false);
                case FNEG -> mv.visitInsn(DNEG);
                case FABS -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
                case BITS_TO_F64 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Double", "longBitsToDouble", "(J)D", false);
                case F64_TO_BITS -> rt("f64ToBits", "(D)J");
                case BITS_TO_F32 -> mv.visitMethodInsn(INVOKESTATIC, "java/lang/Float", "intBitsToFloat", "(I)F", false);
                case F32_TO_BITS -> rt("f32ToBits", "(F)I");
                case F32_TO_F64 -> mv.visitInsn(F2D);
                case F64_TO_F32 -> mv.visitInsn(D2F);
                case FEQ -> rt("feq", "(DD)I");
                case FLT -> rt("flt", "(DD)I");
                case FUNORD -> rt("funord", "(DD)I");
                default -> throw new IllegalStateException("backend has no case for " + in.op);
            }
            st(in.dst);
        }

        private void call(Insn in) {
            Helper h = (Helper) in.aux;
            if (h.takesCpu) {
                writeBack();
                mv.visitVarInsn(ALOAD, L_CPU);
            }
            srcs(in);
            mv.visitMethodInsn(INVOKESTATIC, org.objectweb.asm.Type.getInternalName(h.method.getDeclaringClass()),
                    h.method.getName(), org.objectweb.asm.Type.getMethodDescriptor(h.method), false);
            if (in.dst >= 0) st(in.dst);
            else if (h.result != null) mv.visitInsn(h.result == Type.I64 || h.result == Type.F64 ? POP2 : POP);
            if (h.takesCpu) loadRegs(used);
        }
    }
}

package dynvm.translator.backend;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;

/**
 * The control-flow shape of a generated method, as the JVM's C1 compiler needs it: C1 builds its
 * graph in one pass over the blocks in reverse postorder and gives up ("block join failed") when a
 * block it has already parsed gets another predecessor without being a loop header, which an
 * irreducible loop (one entered at more than one place) causes. This checks the bytecode itself,
 * without timing: every retreating edge of a depth-first walk from the entry must go to an
 * instruction that dominates its source. Exception edges are left out: the fault handler only
 * leaves the method, so it is on no cycle.
 */
final class ControlFlowShape {
    private ControlFlowShape() { }

    /** The retreating edges of {@code run} whose target does not dominate their source ("from -> to" instruction indices); empty when reducible. */
    static List<String> irreducibleEdges(byte[] classFile) {
        ClassNode cn = new ClassNode();
        new ClassReader(classFile).accept(cn, 0);
        MethodNode run = cn.methods.stream().filter(m -> m.name.equals("run")).findFirst().orElseThrow();
        return irreducibleEdges(run);
    }

    static List<String> irreducibleEdges(MethodNode m) {
        AbstractInsnNode[] insns = m.instructions.toArray();
        int n = insns.length;
        Map<LabelNode, Integer> at = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) if (insns[i] instanceof LabelNode l) at.put(l, i);
        int[][] succ = new int[n][];
        for (int i = 0; i < n; i++) succ[i] = successors(insns, i, at);

        // depth-first walk (iterative: a method has thousands of instructions)
        int[] state = new int[n]; // 0 new, 1 on the stack, 2 done
        int[] order = new int[n];
        int[] rpo = new int[n];
        Arrays.fill(rpo, -1);
        int post = n;
        List<int[]> retreating = new ArrayList<>();
        Deque<int[]> stack = new ArrayDeque<>(); // {node, next successor index}
        stack.push(new int[]{0, 0});
        state[0] = 1;
        while (!stack.isEmpty()) {
            int[] top = stack.peek();
            int u = top[0];
            if (top[1] < succ[u].length) {
                int v = succ[u][top[1]++];
                if (state[v] == 0) { state[v] = 1; stack.push(new int[]{v, 0}); }
                else if (state[v] == 1) retreating.add(new int[]{u, v});
            } else {
                state[u] = 2;
                stack.pop();
                order[--post] = u;
            }
        }
        int reached = n - post;
        int[] nodes = Arrays.copyOfRange(order, post, n); // reverse postorder
        for (int k = 0; k < reached; k++) rpo[nodes[k]] = k;

        // dominators (Cooper, Harvey, Kennedy) over the reachable instructions
        List<List<Integer>> preds = new ArrayList<>();
        for (int i = 0; i < n; i++) preds.add(new ArrayList<>());
        for (int u = 0; u < n; u++) if (rpo[u] >= 0) for (int v : succ[u]) preds.get(v).add(u);
        int[] idom = new int[n];
        Arrays.fill(idom, -1);
        idom[0] = 0;
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int k = 1; k < reached; k++) {
                int b = nodes[k], d = -1;
                for (int p : preds.get(b)) {
                    if (idom[p] < 0) continue;
                    d = d < 0 ? p : intersect(p, d, idom, rpo);
                }
                if (d >= 0 && idom[b] != d) { idom[b] = d; changed = true; }
            }
        }
        List<String> bad = new ArrayList<>();
        for (int[] e : retreating) if (!dominates(e[1], e[0], idom)) bad.add(e[0] + " -> " + e[1]);
        return bad;
    }

    private static int intersect(int a, int b, int[] idom, int[] rpo) {
        while (a != b) {
            while (rpo[a] > rpo[b]) a = idom[a];
            while (rpo[b] > rpo[a]) b = idom[b];
        }
        return a;
    }

    private static boolean dominates(int d, int u, int[] idom) {
        for (int x = u; ; x = idom[x]) {
            if (x == d) return true;
            if (x == 0) return false;
        }
    }

    private static int[] successors(AbstractInsnNode[] insns, int i, Map<LabelNode, Integer> at) {
        AbstractInsnNode in = insns[i];
        List<Integer> s = new ArrayList<>();
        int op = in.getOpcode();
        if (in instanceof JumpInsnNode j) {
            s.add(at.get(j.label));
            if (op != Opcodes.GOTO) s.add(i + 1);
        } else if (in instanceof TableSwitchInsnNode t) {
            s.add(at.get(t.dflt));
            for (LabelNode l : t.labels) s.add(at.get(l));
        } else if (in instanceof LookupSwitchInsnNode t) {
            s.add(at.get(t.dflt));
            for (LabelNode l : t.labels) s.add(at.get(l));
        } else if (!(op >= Opcodes.IRETURN && op <= Opcodes.RETURN) && op != Opcodes.ATHROW && i + 1 < insns.length) {
            s.add(i + 1);
        }
        return s.stream().mapToInt(Integer::intValue).distinct().toArray();
    }
}

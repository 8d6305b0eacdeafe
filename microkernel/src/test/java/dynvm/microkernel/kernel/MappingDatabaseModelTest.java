package dynvm.microkernel.kernel;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The range-based mapping database against the page-based semantics of L4: a model that keeps
 * one derivation node per page, driven by the same random map/grant/unmap/revoke operations
 * (fixed seeds). After every operation each page of each space must show the same memory at the
 * same offset with the same rights in both, and the operations the model refuses must be
 * refused without a trace.
 */
class MappingDatabaseModelTest {
    static final int PAGE = Space.PAGE_SIZE;
    static final int PAGES = 24;
    static final Rights[] RIGHTS = {Rights.R, Rights.RW, Rights.RX, Rights.RWX};

    /** One page of the model: which memory it shows, derived from which page. */
    static final class Node {
        final Space space;
        final long page;
        final byte[] memory;
        final int objectPage;
        final Rights rights;
        Node parent;
        final List<Node> children = new ArrayList<>();

        Node(Space space, long page, byte[] memory, int objectPage, Rights rights) {
            this.space = space;
            this.page = page;
            this.memory = memory;
            this.objectPage = objectPage;
            this.rights = rights;
        }
    }

    final MappingDatabase db = new MappingDatabase();
    final List<Space> spaces = new ArrayList<>();
    final Map<Space, Node[]> model = new HashMap<>();
    /** Successful operations by kind, so the test knows it exercised more than refusals. */
    final Map<String, Integer> done = new HashMap<>();

    @Test
    void randomOperationsAgreeWithThePageModel() {
        for (long seed = 1; seed <= 20; seed++) run(seed, 400);
        for (String op : List.of("addRam", "map", "grant", "deep")) {
            assertTrue(done.getOrDefault(op, 0) > 20, op + " succeeded only " + done.get(op) + " times");
        }
    }

    void run(long seed, int steps) {
        spaces.clear();
        model.clear();
        for (int i = 0; i < 4; i++) {
            Space s = db.newSpace("s" + i, Unassigned.READ_ZERO);
            spaces.add(s);
            model.put(s, new Node[PAGES]);
        }
        Random rnd = new Random(seed);
        for (int step = 0; step < steps; step++) {
            String what = step(rnd);
            for (Space s : spaces) check(s, "seed " + seed + " step " + step + " " + what);
        }
    }

    String step(Random rnd) {
        Space a = spaces.get(rnd.nextInt(spaces.size())), b = spaces.get(rnd.nextInt(spaces.size()));
        int n = 1 + rnd.nextInt(4);
        Node[] src = model.get(a), dst = model.get(b);
        boolean aim = rnd.nextInt(5) != 0;   // mostly ranges that can work, sometimes any range
        int from = aim ? pick(rnd, src, n, true) : rnd.nextInt(PAGES - n + 1);
        int to = aim ? pick(rnd, dst, n, false) : rnd.nextInt(PAGES - n + 1);
        Rights rights = RIGHTS[rnd.nextInt(RIGHTS.length)];
        switch (rnd.nextInt(6)) {
            case 0 -> {
                boolean ok = allFree(dst, to, n);
                attempt("addRam", ok, () -> b.addRam((long) to * PAGE, (long) n * PAGE));
                if (ok) {
                    byte[] memory = b.regionAt((long) to * PAGE).memory;
                    for (int i = 0; i < n; i++) dst[to + i] = new Node(b, to + i, memory, i, Rights.RWX);
                }
                return "addRam " + b.name() + " " + to + "+" + n;
            }
            case 1 -> {
                boolean ok = allPresent(src, from, n) && allFree(dst, to, n);
                attempt("map", ok, () -> a.map(b, (long) from * PAGE, (long) to * PAGE, (long) n * PAGE, rights));
                if (ok) {
                    for (int i = 0; i < n; i++) {
                        Node p = src[from + i];
                        if (p.parent != null) done.merge("deep", 1, Integer::sum);
                        Node c = new Node(b, to + i, p.memory, p.objectPage, p.rights.and(rights));
                        c.parent = p;
                        p.children.add(c);
                        dst[to + i] = c;
                    }
                }
                return "map " + a.name() + " " + from + " -> " + b.name() + " " + to + "+" + n + " " + rights;
            }
            case 2 -> {
                boolean ok = allPresent(src, from, n) && allFree(dst, to, n);   // a grant onto itself finds it occupied
                attempt("grant", ok, () -> a.grant(b, (long) from * PAGE, (long) to * PAGE, (long) n * PAGE));
                if (ok) {
                    Node[] moved = new Node[n];
                    for (int i = 0; i < n; i++) { moved[i] = src[from + i]; src[from + i] = null; }
                    for (int i = 0; i < n; i++) {
                        Node old = moved[i];
                        Node m = new Node(b, to + i, old.memory, old.objectPage, old.rights);
                        m.parent = old.parent;
                        if (old.parent != null) old.parent.children.set(old.parent.children.indexOf(old), m);
                        for (Node c : old.children) { c.parent = m; m.children.add(c); }
                        dst[to + i] = m;
                    }
                }
                return "grant " + a.name() + " " + from + " -> " + b.name() + " " + to + "+" + n;
            }
            case 3, 4 -> {
                a.unmap((long) from * PAGE, (long) n * PAGE);
                for (int i = 0; i < n; i++) if (src[from + i] != null) removeTree(src[from + i]);
                return "unmap " + a.name() + " " + from + "+" + n;
            }
            default -> {
                a.revoke((long) from * PAGE, (long) n * PAGE);
                for (int i = 0; i < n; i++) {
                    Node p = src[from + i];
                    if (p != null) for (Node c : new ArrayList<>(p.children)) removeTree(c);
                }
                return "revoke " + a.name() + " " + from + "+" + n;
            }
        }
    }

    void removeTree(Node node) {
        for (Node c : new ArrayList<>(node.children)) removeTree(c);
        if (node.parent != null) node.parent.children.remove(node);
        model.get(node.space)[(int) node.page] = null;
    }

    /** A random start of {@code n} pages all present (or all free), or any start if there is none. */
    static int pick(Random rnd, Node[] pages, int n, boolean present) {
        List<Integer> fits = new ArrayList<>();
        for (int at = 0; at + n <= PAGES; at++) if (present ? allPresent(pages, at, n) : allFree(pages, at, n)) fits.add(at);
        return fits.isEmpty() ? rnd.nextInt(PAGES - n + 1) : fits.get(rnd.nextInt(fits.size()));
    }

    static boolean allFree(Node[] pages, int at, int n) {
        for (int i = 0; i < n; i++) if (pages[at + i] != null) return false;
        return true;
    }

    static boolean allPresent(Node[] pages, int at, int n) {
        for (int i = 0; i < n; i++) if (pages[at + i] == null) return false;
        return true;
    }

    void attempt(String name, boolean shouldWork, Runnable op) {
        if (shouldWork) {
            op.run();
            done.merge(name, 1, Integer::sum);
        } else {
            List<List<Region>> before = new ArrayList<>();
            for (Space s : spaces) before.add(s.regions());
            assertThrows(RuntimeException.class, op::run);
            for (int i = 0; i < spaces.size(); i++) {
                assertEquals(before.get(i), spaces.get(i).regions(), name + " refused, yet " + spaces.get(i).name() + " changed");
            }
        }
    }

    void check(Space s, String context) {
        Node[] pages = model.get(s);
        for (int p = 0; p < PAGES; p++) {
            Node node = pages[p];
            Region r = s.regionAt((long) p * PAGE);
            if (node == null) {
                assertNull(r, context + ": page " + p + " of " + s.name() + " should be empty");
                continue;
            }
            assertNotNull(r, context + ": page " + p + " of " + s.name() + " should be mapped");
            assertSame(node.memory, r.memory, context + ": memory of page " + p);
            assertEquals((long) node.objectPage * PAGE, r.objectOffset + ((long) p * PAGE - r.base), context + ": offset of page " + p);
            assertEquals(node.rights, r.rights, context + ": rights of page " + p);
            assertEquals(node.parent != null, r.isDerived(), context + ": derivation of page " + p);
        }
    }
}

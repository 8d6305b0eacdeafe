package dynvm.microkernel.machine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A device tree being built: nodes with properties whose values are already encoded as the
 * Devicetree Specification (v0.4, chapter 2) encodes them: big-endian 32-bit cells, NUL-terminated
 * strings, empty values for booleans. Phandles are handed out on demand, from 1, so that only
 * nodes something refers to get one. {@link FdtWriter} flattens the tree into a DTB.
 */
public final class DeviceTree {
    private final Node root = new Node("");
    private final List<long[]> reservations = new ArrayList<>();
    private int nextPhandle = 1;

    public Node root() {
        return root;
    }

    /** Adds a memory reservation block entry: RAM the OS must not use. */
    public DeviceTree reserve(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    public List<long[]> reservations() {
        return Collections.unmodifiableList(reservations);
    }

    /** The phandle of {@code node}, assigning one (and its "phandle" property) the first time. */
    public int phandle(Node node) {
        if (node.phandle == 0) {
            node.phandle = nextPhandle++;
            node.cells("phandle", node.phandle);
        }
        return node.phandle;
    }

    /** The flattened blob (version 17). */
    public byte[] toBlob() {
        return new FdtWriter().write(this);
    }

    /** The flattened blob padded with free space to at least {@code totalSize} bytes. */
    public byte[] toBlob(int totalSize) {
        return new FdtWriter().write(this, totalSize);
    }

    /** One node: a name (with its unit address), properties in insertion order, children. */
    public static final class Node {
        private final String name;
        private final Map<String, byte[]> properties = new LinkedHashMap<>();
        private final List<Node> children = new ArrayList<>();
        private int phandle;

        Node(String name) {
            this.name = name;
        }

        public String name() {
            return name;
        }

        public Map<String, byte[]> properties() {
            return Collections.unmodifiableMap(properties);
        }

        public List<Node> children() {
            return Collections.unmodifiableList(children);
        }

        /** Adds a child node named {@code name} ("pl011@9000000"). */
        public Node child(String childName) {
            Node n = new Node(childName);
            children.add(n);
            return n;
        }

        /** Sets a property to raw bytes. */
        public Node property(String key, byte[] value) {
            properties.put(key, value.clone());
            return this;
        }

        /** An empty (boolean) property such as "interrupt-controller". */
        public Node empty(String key) {
            return property(key, new byte[0]);
        }

        /** A string, or a string list ("arm,pl011\0arm,primecell\0"). */
        public Node strings(String key, String... values) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String v : values) {
                out.writeBytes(v.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            return property(key, out.toByteArray());
        }

        /** 32-bit cells, big-endian. */
        public Node cells(String key, int... values) {
            byte[] b = new byte[values.length * 4];
            for (int i = 0; i < values.length; i++) {
                putInt(b, i * 4, values[i]);
            }
            return property(key, b);
        }

        /** 64-bit values as two cells each, as #address-cells = 2 writes them. */
        public Node longCells(String key, long... values) {
            int[] cells = new int[values.length * 2];
            for (int i = 0; i < values.length; i++) {
                cells[2 * i] = (int) (values[i] >>> 32);
                cells[2 * i + 1] = (int) values[i];
            }
            return cells(key, cells);
        }
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

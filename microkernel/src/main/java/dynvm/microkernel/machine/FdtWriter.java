package dynvm.microkernel.machine;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flattens a {@link DeviceTree} into the Flattened Devicetree (DTB) format of the Devicetree
 * Specification, chapter 5: a 40-byte header (magic 0xd00dfeed, version 17, last compatible
 * version 16), the memory reservation block (8-byte aligned, ended by a zero entry), the
 * structure block (BEGIN_NODE / PROP / END_NODE tokens, 4-byte aligned, ended by END) and the
 * strings block (property names, each stored once). All big-endian. One writer per blob.
 */
public final class FdtWriter {
    static final int MAGIC = 0xd00dfeed, VERSION = 17, LAST_COMPATIBLE_VERSION = 16;
    static final int FDT_BEGIN_NODE = 1, FDT_END_NODE = 2, FDT_PROP = 3, FDT_END = 9;
    private static final int HEADER_SIZE = 40;

    private final ByteArrayOutputStream structure = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> stringOffsets = new LinkedHashMap<>();

    /** The blob of {@code tree}, exactly as large as its contents. */
    public byte[] write(DeviceTree tree) {
        return write(tree, 0);
    }

    /**
     * The blob of {@code tree}, with free space after the strings block up to {@code totalSize}
     * bytes when that is larger (QEMU hands guests a 1 MiB blob; firmware edits the tree in place
     * and needs the room).
     */
    public byte[] write(DeviceTree tree, int totalSize) {
        node(tree.root());
        word(structure, FDT_END);

        int reservationBytes = (tree.reservations().size() + 1) * 16;
        int offReservations = HEADER_SIZE;
        int offStructure = offReservations + reservationBytes;
        int offStrings = offStructure + structure.size();
        int total = Math.max(offStrings + strings.size(), totalSize);

        ByteBuffer b = ByteBuffer.allocate(total); // big-endian by default
        b.putInt(MAGIC).putInt(total).putInt(offStructure).putInt(offStrings).putInt(offReservations)
                .putInt(VERSION).putInt(LAST_COMPATIBLE_VERSION).putInt(0)
                .putInt(strings.size()).putInt(structure.size());
        for (long[] r : tree.reservations()) {
            b.putLong(r[0]).putLong(r[1]);
        }
        b.putLong(0).putLong(0);
        b.put(structure.toByteArray()).put(strings.toByteArray()); // the rest stays zero: free space
        return b.array();
    }

    private void node(DeviceTree.Node node) {
        word(structure, FDT_BEGIN_NODE);
        bytesPadded(node.name().getBytes(StandardCharsets.UTF_8), true);
        for (Map.Entry<String, byte[]> p : node.properties().entrySet()) {
            word(structure, FDT_PROP);
            word(structure, p.getValue().length);
            word(structure, stringOffset(p.getKey()));
            bytesPadded(p.getValue(), false);
        }
        for (DeviceTree.Node child : node.children()) {
            node(child);
        }
        word(structure, FDT_END_NODE);
    }

    private int stringOffset(String name) {
        return stringOffsets.computeIfAbsent(name, n -> {
            int at = strings.size();
            strings.writeBytes(n.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return at;
        });
    }

    private void bytesPadded(byte[] bytes, boolean nulTerminated) {
        structure.writeBytes(bytes);
        int n = bytes.length;
        if (nulTerminated) {
            structure.write(0);
            n++;
        }
        while (n % 4 != 0) {
            structure.write(0);
            n++;
        }
    }

    private static void word(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }
}

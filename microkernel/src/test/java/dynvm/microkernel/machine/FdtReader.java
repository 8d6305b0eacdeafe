package dynvm.microkernel.machine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small DTB parser for tests: checks the header and returns every node's properties by path. */
final class FdtReader {
    final Map<String, Map<String, byte[]>> nodes = new LinkedHashMap<>();
    final List<long[]> reservations = new ArrayList<>();
    final int version;

    FdtReader(byte[] blob) {
        ByteBuffer b = ByteBuffer.wrap(blob);
        if (b.getInt(0) != FdtWriter.MAGIC) {
            throw new IllegalArgumentException("bad magic");
        }
        if (b.getInt(4) != blob.length) {
            throw new IllegalArgumentException("totalsize");
        }
        int offStruct = b.getInt(8), offStrings = b.getInt(12), offRsv = b.getInt(16);
        version = b.getInt(20);
        for (int at = offRsv; ; at += 16) {
            long a = b.getLong(at), s = b.getLong(at + 8);
            if (a == 0 && s == 0) {
                break;
            }
            reservations.add(new long[] {a, s});
        }
        List<String> path = new ArrayList<>();
        int at = offStruct;
        while (true) {
            int token = b.getInt(at);
            at += 4;
            if (token == FdtWriter.FDT_BEGIN_NODE) {
                int end = at;
                while (blob[end] != 0) {
                    end++;
                }
                path.add(new String(blob, at, end - at, StandardCharsets.UTF_8));
                nodes.put(pathString(path), new LinkedHashMap<>());
                at = align(end + 1);
            } else if (token == FdtWriter.FDT_PROP) {
                int len = b.getInt(at), nameOff = b.getInt(at + 4);
                int end = offStrings + nameOff;
                while (blob[end] != 0) {
                    end++;
                }
                String name = new String(blob, offStrings + nameOff, end - offStrings - nameOff, StandardCharsets.UTF_8);
                nodes.get(pathString(path)).put(name, Arrays.copyOfRange(blob, at + 8, at + 8 + len));
                at = align(at + 8 + len);
            } else if (token == FdtWriter.FDT_END_NODE) {
                path.remove(path.size() - 1);
            } else if (token == FdtWriter.FDT_END) {
                return;
            } else {
                throw new IllegalArgumentException("token " + token + " at " + at);
            }
        }
    }

    private static String pathString(List<String> path) {
        return path.size() == 1 ? "/" : String.join("/", path);
    }

    private static int align(int v) {
        return (v + 3) & ~3;
    }

    byte[] prop(String node, String name) {
        Map<String, byte[]> props = nodes.get(node);
        if (props == null) {
            throw new AssertionError("no node " + node + " in " + nodes.keySet());
        }
        return props.get(name);
    }

    String string(String node, String name) {
        byte[] v = prop(node, name);
        return v == null ? null : new String(v, 0, v.length - 1, StandardCharsets.UTF_8);
    }

    List<String> strings(String node, String name) {
        return List.of(string(node, name).split("\0"));
    }

    int[] cells(String node, String name) {
        ByteBuffer b = ByteBuffer.wrap(prop(node, name));
        int[] out = new int[b.remaining() / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.getInt();
        }
        return out;
    }
}

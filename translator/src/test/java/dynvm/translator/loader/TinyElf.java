package dynvm.translator.loader;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small synthetic ELF32 executables for tests: a file header, a program header table right
 * after it, then the segment contents at the offsets given.
 */
final class TinyElf {
    record Phdr(int type, int offset, int vaddr, int filesz, int memsz, int flags) {}

    int elfClass = 1, data = 2, type = 2, machine = 20, entry = 0x10000100, phentsize = 32;
    int phoffOverride = -1, phnumOverride = -1;
    final List<Phdr> phdrs = new ArrayList<>();
    /** Raw file contents after the headers, as (offset, bytes). */
    final List<Object[]> contents = new ArrayList<>();
    int fileSize = 0;

    TinyElf phdr(int type, int offset, int vaddr, int filesz, int memsz, int flags) {
        phdrs.add(new Phdr(type, offset, vaddr, filesz, memsz, flags));
        return this;
    }

    TinyElf put(int offset, byte[] bytes) {
        contents.add(new Object[] {offset, bytes});
        return this;
    }

    int phoff() { return phoffOverride >= 0 ? phoffOverride : 52; }

    byte[] build() {
        int size = Math.max(fileSize, 52 + phdrs.size() * phentsize);
        for (Object[] c : contents) size = Math.max(size, (int) c[0] + ((byte[]) c[1]).length);
        ByteBuffer b = ByteBuffer.allocate(size).order(data == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) elfClass, (byte) data, 1, 0});
        b.position(16);
        b.putShort((short) type).putShort((short) machine).putInt(1).putInt(entry).putInt(phoff()).putInt(0)
                .putInt(0).putShort((short) 52).putShort((short) phentsize)
                .putShort((short) (phnumOverride >= 0 ? phnumOverride : phdrs.size()))
                .putShort((short) 40).putShort((short) 0).putShort((short) 0);
        for (int i = 0; i < phdrs.size() && phoff() + (i + 1) * phentsize <= size; i++) {
            Phdr p = phdrs.get(i);
            b.position(phoff() + i * phentsize);
            b.putInt(p.type).putInt(p.offset).putInt(p.vaddr).putInt(p.vaddr).putInt(p.filesz).putInt(p.memsz)
                    .putInt(p.flags).putInt(0x10000);
        }
        for (Object[] c : contents) b.put((int) c[0], (byte[]) c[1]);
        return b.array();
    }
}

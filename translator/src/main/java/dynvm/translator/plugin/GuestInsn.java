package dynvm.translator.plugin;

/**
 * One guest instruction of a translated block: its address, encoding (in memory order) and
 * disassembly (capstone's when libcapstone is installed, else the front-end's own printer).
 */
public record GuestInsn(int pc, byte[] bytes, String mnemonic, String operands) {
    /** "mnemonic operands". */
    public String text() { return operands.isEmpty() ? mnemonic : mnemonic + " " + operands; }

    /** The encoding as hex bytes separated by spaces ("38 21 ff f0"). */
    public String hexBytes() {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}

package dynvm.microkernel.kernel;

import java.util.Arrays;

/**
 * An IPC message: a label (what is asked: an operation number, or a fault kind), a few words
 * (the message registers of L4/seL4) and an optional byte payload (for bulk data, the copy that
 * L4 string items or a shared buffer would carry).
 *
 * <p>Copy semantics: the arrays are copied in and copied out, so neither side can change a
 * message after it was sent; a message is immutable and may be sent twice.
 */
public final class Message {
    /** L4's message registers are a few words; more belongs in the payload or in shared memory. */
    public static final int MAX_WORDS = 64;

    private static final long[] NO_WORDS = new long[0];

    private final long label;
    private final long[] words;
    private final byte[] payload;

    private Message(long label, long[] words, byte[] payload) {
        if (words.length > MAX_WORDS) throw new IllegalArgumentException(words.length + " words");
        this.label = label;
        this.words = words;
        this.payload = payload;
    }

    public static Message of(long label, long... words) {
        return new Message(label, words.length == 0 ? NO_WORDS : words.clone(), null);
    }

    /** This message with a copy of {@code bytes} as its payload. */
    public Message withPayload(byte[] bytes) {
        return new Message(label, words, bytes == null ? null : bytes.clone());
    }

    public long label() { return label; }

    public int wordCount() { return words.length; }

    public long word(int i) { return words[i]; }

    public long[] words() { return words.clone(); }

    public boolean hasPayload() { return payload != null; }

    /** A copy of the payload, or null. */
    public byte[] payload() { return payload == null ? null : payload.clone(); }

    public int payloadLength() { return payload == null ? 0 : payload.length; }

    @Override public String toString() {
        return "Message[label=" + label + " words=" + Arrays.toString(words)
                + (payload != null ? " payload=" + payload.length + "B" : "") + "]";
    }
}

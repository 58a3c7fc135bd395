package az.ekabinet.domain.shared;

/**
 * Lowercase hex of bytes, the form of every hash the ledger shows and stores. {@link java.util.HexFormat} writes the
 * same characters, but one append at a time: in a profile of the ledger's rebuild it took a third of the writing
 * thread, which makes two hashes' hex a line.
 */
public final class Hex {

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String of(byte[] bytes) {
        char[] hex = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            hex[2 * i] = DIGITS[(bytes[i] >> 4) & 0x0f];
            hex[2 * i + 1] = DIGITS[bytes[i] & 0x0f];
        }
        return new String(hex);
    }
}

package az.ekabinet.domain.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashes of the ledger's Merkle tree, as RFC 6962 (certificate transparency) defines them: a leaf is
 * SHA-256(0x00 || leaf bytes), an inner node SHA-256(0x01 || left || right), the empty tree SHA-256 of nothing.
 */
public final class TreeHashes {

    /** Bytes in every hash. */
    public static final int SIZE = 32;

    private TreeHashes() {
    }

    public static byte[] leaf(byte[] leafBytes) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        return sha.digest(leafBytes);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The root of a tree without leaves. */
    public static byte[] empty() {
        return sha256().digest();
    }

    /** One digest per thread, reset by each digest(): looking one up per hash was a visible cost of the rebuild. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private static MessageDigest sha256() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }
}

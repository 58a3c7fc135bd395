package az.ekabinet.domain.ledger;

import az.ekabinet.domain.shared.Sha256;
import java.security.MessageDigest;

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
        MessageDigest sha = Sha256.digest();
        sha.update((byte) 0x00);
        return sha.digest(leafBytes);
    }

    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = Sha256.digest();
        sha.update((byte) 0x01);
        sha.update(left);
        return sha.digest(right);
    }

    /** The root of a tree without leaves. */
    public static byte[] empty() {
        return Sha256.digest().digest();
    }
}

package az.ekabinet.domain.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256, wherever the service hashes: the ledger (its chain, its Merkle tree, its signing keys' ids), session
 * tokens, verification codes, idempotency keys, passwords before bcrypt. One digest per thread, since looking one up
 * per hash was a visible cost of the ledger's rebuild, which makes a few per line.
 */
public final class Sha256 {

    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    });

    private Sha256() {
    }

    /** This thread's digest, empty: update it, then {@code digest()} (which empties it again). */
    public static MessageDigest digest() {
        MessageDigest sha = DIGEST.get();
        sha.reset();
        return sha;
    }

    /** The hash of the parts one after the other. */
    public static byte[] of(byte[]... parts) {
        MessageDigest sha = digest();
        for (byte[] part : parts) {
            sha.update(part);
        }
        return sha.digest();
    }
}

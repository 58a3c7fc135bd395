package az.ekabinet.config.plumbing;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message identifiers (random UUIDs) from an in-memory DRBG seeded once, instead of
 * {@code UUID.randomUUID()}, which reads {@code /dev/urandom}: a blocking file read wherever a message is created,
 * including a subscription query started on a Netty thread (BlockHound caught it). Axon finds this class through
 * {@code META-INF/services/org.axonframework.common.IdentifierFactory}; {@code StartupWarmUp} seeds it at start-up.
 */
public class DrbgIdentifierFactory extends IdentifierFactory {

    private static final SecureRandom RANDOM = seeded();

    @Override
    public String generateIdentifier() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(most, least).toString();
    }

    private static SecureRandom seeded() {
        try {
            SecureRandom random = SecureRandom.getInstance("DRBG");
            random.nextInt();
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

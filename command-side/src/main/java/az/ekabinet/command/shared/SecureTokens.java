package az.ekabinet.command.shared;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Unguessable values (session tokens, registration ids, SMS codes) from one DRBG generator. It is seeded here,
 * at start-up; afterwards it generates in memory, so no request thread ever reads {@code /dev/urandom} (as
 * {@code UUID.randomUUID()} would, a blocking file read on a Netty thread).
 */
@Component
public class SecureTokens {

    private final SecureRandom random;

    public SecureTokens() throws NoSuchAlgorithmException {
        this.random = SecureRandom.getInstance("DRBG");
        this.random.nextInt();
    }

    /** {@code bytes} random bytes, base64url without padding (32 bytes → 43 characters, 256 bits). */
    public String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    /** A 6-digit one-time code, uniformly distributed. */
    public String sixDigitCode() {
        return String.format("%06d", random.nextInt(1_000_000));
    }
}

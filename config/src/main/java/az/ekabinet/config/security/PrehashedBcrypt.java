package az.ekabinet.config.security;

import az.ekabinet.domain.shared.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt reads at most 72 bytes, and Spring's refuses longer input, while a password may be 128 characters
 * (256+ bytes in Azerbaijani letters). New hashes are therefore bcrypt of base64(SHA-256(password)), marked with
 * a prefix; hashes without it (staff accounts configured as plain bcrypt) are checked as plain bcrypt.
 */
public class PrehashedBcrypt implements PasswordEncoder {

    static final String PREFIX = "{sha256+bcrypt}";
    private static final int BCRYPT_MAX_BYTES = 72;

    private final BCryptPasswordEncoder bcrypt;

    public PrehashedBcrypt(int strength) {
        this.bcrypt = new BCryptPasswordEncoder(strength);
    }

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + bcrypt.encode(prehash(raw));
    }

    @Override
    public boolean matches(CharSequence raw, String stored) {
        if (raw == null || stored == null) {
            return false;
        }
        if (stored.startsWith(PREFIX)) {
            return bcrypt.matches(prehash(raw), stored.substring(PREFIX.length()));
        }
        if (raw.toString().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            return false; // a plain bcrypt hash cannot stand for a longer password
        }
        return bcrypt.matches(raw, stored);
    }

    private static String prehash(CharSequence raw) {
        return Base64.getEncoder().encodeToString(Sha256.of(raw.toString().getBytes(StandardCharsets.UTF_8)));
    }
}

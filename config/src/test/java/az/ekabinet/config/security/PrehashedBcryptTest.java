package az.ekabinet.config.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PrehashedBcryptTest {

    private final PrehashedBcrypt encoder = new PrehashedBcrypt(4);

    @Test
    void passwordsLongerThanBcryptsSeventyTwoBytesAreHashedWhole() {
        String base = "ş".repeat(40); // 80 bytes
        String hash = encoder.encode(base + "a");
        assertThat(hash).startsWith(PrehashedBcrypt.PREFIX);
        assertThat(encoder.matches(base + "a", hash)).isTrue();
        assertThat(encoder.matches(base + "b", hash)).isFalse();
    }

    @Test
    void plainBcryptHashesConfiguredForStaffStillMatch() {
        String legacy = new BCryptPasswordEncoder(4).encode("demo-operator-2026");
        assertThat(encoder.matches("demo-operator-2026", legacy)).isTrue();
        assertThat(encoder.matches("demo-auditor-2026", legacy)).isFalse();
        assertThat(encoder.matches("x".repeat(100), legacy)).isFalse();
    }
}

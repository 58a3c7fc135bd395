package az.ekabinet.domain.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.identity.Fin;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(Set.of("password", "qwerty123"));
    private final Fin fin = Fin.of("5ZK3M7P");

    @Test
    void acceptsAnyCharactersOfTheRightLength() {
        assertThat(policy.brokenRules("Şəki-dağları 2026!", fin)).isEmpty();
        assertThat(policy.brokenRules("x".repeat(128), fin)).isEmpty();
    }

    @Test
    void refusesTooShortTooLongFinAndCommon() {
        assertThat(policy.brokenRules("abc", fin)).containsExactly(PasswordPolicy.TOO_SHORT);
        assertThat(policy.brokenRules("x".repeat(129), fin)).containsExactly(PasswordPolicy.TOO_LONG);
        assertThat(policy.brokenRules("my5zk3m7pkey", fin)).containsExactly(PasswordPolicy.CONTAINS_FIN);
        assertThat(policy.brokenRules("QWERTY123", fin)).containsExactly(PasswordPolicy.TOO_COMMON);
    }

    @Test
    void countsCharactersNotBytes() {
        assertThat(policy.brokenRules("əəəəəəəə", fin)).isEmpty();
        assertThat(policy.brokenRules("əəəəəəə", fin)).containsExactly(PasswordPolicy.TOO_SHORT);
    }
}

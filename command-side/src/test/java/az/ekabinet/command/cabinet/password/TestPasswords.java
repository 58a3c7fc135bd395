package az.ekabinet.command.cabinet.password;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.springframework.security.crypto.password.PasswordEncoder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * {@link Passwords} for unit tests: the real policy (with the shipped list of common passwords), a readable stand-in
 * for bcrypt ({@link #hash}), and the cabinets' current passwords kept here instead of in {@code command.credential}.
 */
public final class TestPasswords extends Passwords {

    static final PasswordEncoder ENCODER = new PasswordEncoder() {
        @Override
        public String encode(CharSequence rawPassword) {
            return hash(rawPassword.toString());
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encode(rawPassword).equals(encodedPassword);
        }
    };

    private final Map<String, String> current = new HashMap<>();

    private TestPasswords() throws IOException {
        super(ENCODER, Schedulers.immediate(), null, null);
    }

    public static TestPasswords create() {
        try {
            return new TestPasswords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #credentialFor} stores for {@code password}. */
    public static String hash(String password) {
        return "hash(" + password + ")";
    }

    /** {@code cabinetId}'s password is {@code password} now. */
    public TestPasswords withCurrent(String cabinetId, String password) {
        current.put(cabinetId, password);
        return this;
    }

    /** Refuses with CURRENT_PASSWORD_WRONG unless {@code password} is the one given by {@link #withCurrent}. */
    @Override
    public Mono<Void> requireCurrent(String cabinetId, String password, String address) {
        return password != null && password.equals(current.get(cabinetId)) ? Mono.empty()
                : Mono.error(new DomainException(ErrorCode.CURRENT_PASSWORD_WRONG));
    }
}

package az.ekabinet.command.cabinet.password;

import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.domain.cabinet.PasswordPolicy;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.FieldValidation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Qualifier;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * New passwords: checked against the policy (with the shipped list of common passwords, loaded once at
 * start-up) and hashed with bcrypt on the password scheduler. The result is command metadata for
 * {@link CredentialWriter}, never anything that is logged or stored in an event.
 */
@Component
public class Passwords {

    private final PasswordPolicy policy;
    private final PasswordEncoder encoder;
    private final Scheduler passwordScheduler;
    private final DatabaseClient db;
    private final FailureThrottle throttle;

    public Passwords(PasswordEncoder encoder, @Qualifier("passwordScheduler") Scheduler passwordScheduler,
                     DatabaseClient db, FailureThrottle throttle) throws IOException {
        this.throttle = throttle;
        this.encoder = encoder;
        this.db = db;
        this.passwordScheduler = passwordScheduler;
        this.policy = new PasswordPolicy(loadCommonPasswords());
    }

    private static Set<String> loadCommonPasswords() throws IOException {
        try (var reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("passwords/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        }
    }

    /** Records the policy's broken rules for {@code field}. */
    public void check(FieldValidation validation, String field, String password, Fin fin) {
        if (password == null || password.isEmpty()) {
            validation.reject(field, FieldValidation.REQUIRED);
            return;
        }
        policy.brokenRules(password, fin).forEach(rule -> validation.reject(field, rule));
    }

    /** The rules that do not depend on whose password it is (length, common passwords). */
    public void checkWithoutFin(FieldValidation validation, String field, String password) {
        if (password == null || password.isEmpty()) {
            validation.reject(field, FieldValidation.REQUIRED);
            return;
        }
        policy.brokenRulesIgnoringFin(password).forEach(rule -> validation.reject(field, rule));
    }

    /** Command metadata that makes {@link CredentialWriter} store the new password's hash for the cabinet. */
    public Mono<Map<String, String>> credentialFor(String cabinetId, String password) {
        return Mono.fromCallable(() -> Map.of(CredentialWriter.PASSWORD_HASH, encoder.encode(password),
                        CredentialWriter.CABINET_ID, cabinetId))
                .subscribeOn(passwordScheduler);
    }

    /**
     * Refuses with CURRENT_PASSWORD_WRONG unless {@code password} is the cabinet's current one. Wrong guesses count
     * like failed logins, so a stolen session cannot be used to guess the password (and then take the phone).
     */
    public Mono<Void> requireCurrent(String cabinetId, String password, String address) {
        if (password == null || password.isEmpty() || password.length() > PasswordPolicy.MAX_LENGTH * 4) {
            return Mono.error(new DomainException(ErrorCode.CURRENT_PASSWORD_WRONG));
        }
        return db.sql("SELECT password_hash FROM command.credential WHERE cabinet_id = :id")
                .bind("id", cabinetId)
                .map((row, meta) -> row.get("password_hash", String.class))
                .one()
                .publishOn(passwordScheduler)
                .map(hash -> {
                    var fromHere = Limit.accountFromAddress(cabinetId, address);
                    throttle.checkNotBlocked(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS, fromHere, Limit.account(cabinetId));
                    boolean matches = encoder.matches(password, hash);
                    if (!matches) {
                        throttle.recordFailure(fromHere, Limit.account(cabinetId));
                    }
                    return matches;
                })
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.CURRENT_PASSWORD_WRONG)))
                .then();
    }
}

package az.ekabinet.command.auth.login;

import az.ekabinet.command.auth.session.SessionPrincipal;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** Log in with a username and password for an opaque Bearer token; log out to revoke it on the server. */
@RestController
public class LoginEndpoint {

    static final int MAX_USERNAME = 64;
    static final int MAX_PASSWORD = 128;

    private final List<PasswordChecker> checkers;
    private final SessionStore sessions;
    private final Scheduler passwordScheduler;
    private final String dummyHash;
    private final PasswordEncoder encoder;

    public LoginEndpoint(List<PasswordChecker> checkers, SessionStore sessions, PasswordEncoder encoder,
                         @Qualifier("passwordScheduler") Scheduler passwordScheduler) {
        this.checkers = checkers;
        this.sessions = sessions;
        this.passwordScheduler = passwordScheduler;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("no account has this password");
    }

    public record LoginRequest(String username, String password) {
    }

    public record LoginAnswer(String accessToken, String tokenType, long expiresIn) {
    }

    @PostMapping(path = "/api/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LoginAnswer> login(@RequestBody LoginRequest body) {
        var v = new FieldValidation();
        String username = v.parse("username", body.username(), s -> s.length() > MAX_USERNAME ? tooLong() : s.strip());
        String password = v.parse("password", body.password(), s -> s.length() > MAX_PASSWORD ? tooLong() : s);
        v.throwIfInvalid();
        return Mono.fromCallable(() -> check(username, password))
                .subscribeOn(passwordScheduler)
                .flatMap(found -> found
                        .map(principal -> sessions.open(principal.name(), principal.roles()))
                        .orElseGet(() -> Mono.error(new DomainException(ErrorCode.INVALID_CREDENTIALS))))
                .map(opened -> new LoginAnswer(opened.token(), "Bearer", sessions.idleTimeout().toSeconds()));
    }

    private Optional<SessionPrincipal> check(String username, String password) {
        for (PasswordChecker checker : checkers) {
            Optional<SessionPrincipal> principal = checker.check(username, password);
            if (principal.isPresent()) {
                return principal;
            }
        }
        // The same slow compare for an unknown user, so response time does not tell which usernames exist.
        encoder.matches(password, dummyHash);
        return Optional.empty();
    }

    private static String tooLong() {
        throw new az.ekabinet.domain.shared.InvalidValueException("TOO_LONG");
    }

    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> logout(Authentication authentication) {
        return sessions.revoke((String) authentication.getCredentials());
    }
}

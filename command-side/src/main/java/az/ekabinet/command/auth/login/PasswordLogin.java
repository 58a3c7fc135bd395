package az.ekabinet.command.auth.login;

import az.ekabinet.command.auth.session.SessionPrincipal;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Logging in with a username and a password, of any kind of account ({@link CredentialsLookup}: citizens, staff):
 * failures are throttled per account from one address, per account and per address; a success opens a session.
 * Logging out revokes the session on the server.
 *
 * <p>A hashing thread does nothing but the compare: the account's lookup and the throttle's reads and writes wait for
 * a database connection on the command scheduler instead. Done on a hashing thread, they held it idle while the
 * commands had the connections, and logins queued behind it with the CPU half idle.
 */
@Component
public class PasswordLogin {

    private final List<CredentialsLookup> accounts;
    private final SessionStore sessions;
    private final Scheduler passwordScheduler;
    private final Scheduler jdbcScheduler;
    private final String dummyHash;
    private final PasswordEncoder encoder;
    private final FailureThrottle throttle;

    public PasswordLogin(List<CredentialsLookup> accounts, SessionStore sessions, PasswordEncoder encoder,
                         @Qualifier("passwordScheduler") Scheduler passwordScheduler,
                         @Qualifier("commandScheduler") Scheduler jdbcScheduler, FailureThrottle throttle) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwordScheduler = passwordScheduler;
        this.jdbcScheduler = jdbcScheduler;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("no account has this password");
    }

    /** A new session's token and how long it lives without use. */
    public record LoggedIn(String token, Duration idleTimeout) {
    }

    /** A session for the account {@code username} names, if {@code password} is its password (else INVALID_CREDENTIALS). */
    public Mono<LoggedIn> logIn(String username, String password, String clientAddress) {
        return Mono.fromCallable(() -> attempt(username, clientAddress)).subscribeOn(jdbcScheduler)
                .flatMap(attempt -> Mono.fromCallable(() -> encoder.matches(password, attempt.found()
                                .map(CredentialsLookup.Credentials::passwordHash).orElse(dummyHash)))
                        .subscribeOn(passwordScheduler)
                        .publishOn(jdbcScheduler)
                        .map(matches -> outcome(attempt, matches)))
                .flatMap(found -> found
                        .map(principal -> sessions.open(principal.name(), principal.roles()))
                        .orElseGet(() -> Mono.error(new DomainException(ErrorCode.INVALID_CREDENTIALS))))
                .map(opened -> new LoggedIn(opened.token(), sessions.idleTimeout()));
    }

    /** The session of {@code token} ends, on every node. */
    public Mono<Void> logOut(String token) {
        return sessions.revoke(token);
    }

    /** An attempt let through the throttle: the account, if any, and where it comes from. */
    private record Attempt(Optional<CredentialsLookup.Credentials> found, String account, String address) {

        Limit fromHere() {
            return Limit.accountFromAddress(account, address);
        }
    }

    /**
     * Throttled per account (whichever username names it: FIN or cabinet number) and per address; then exactly one
     * slow compare whether or not the username exists (against a dummy hash if not), so timing does not tell which do.
     */
    private Attempt attempt(String username, String address) {
        Optional<CredentialsLookup.Credentials> found = accounts.stream()
                .flatMap(lookup -> lookup.find(username).stream())
                .findFirst();
        String account = found.map(credentials -> credentials.principal().name())
                .orElse("unknown:" + username.toUpperCase(Locale.ROOT));
        Attempt attempt = new Attempt(found, account, address);
        throttle.checkNotBlocked(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS, attempt.fromHere(), Limit.account(account),
                Limit.address("login", address));
        return attempt;
    }

    private Optional<SessionPrincipal> outcome(Attempt attempt, boolean matches) {
        if (attempt.found().isPresent() && matches) {
            throttle.recordSuccess(attempt.fromHere());
            return attempt.found().map(CredentialsLookup.Credentials::principal);
        }
        throttle.recordFailure(attempt.fromHere(), Limit.account(attempt.account()),
                Limit.address("login", attempt.address()));
        return Optional.empty();
    }
}

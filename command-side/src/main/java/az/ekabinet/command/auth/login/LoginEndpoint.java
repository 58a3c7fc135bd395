package az.ekabinet.command.auth.login;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.auth.session.SessionPrincipal;
import az.ekabinet.command.auth.session.SessionStore;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.command.shared.throttle.FailureThrottle.Limit;
import az.ekabinet.command.shared.throttle.FailureThrottle;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
@Tag(name = "cabinet")
public class LoginEndpoint {

    static final int MAX_USERNAME = 64;
    /** Generous on purpose (a policy-conforming password has at most 128 characters); only bounds the work. */
    static final int MAX_PASSWORD = 512;

    private final List<CredentialsLookup> accounts;
    private final SessionStore sessions;
    private final Scheduler passwordScheduler;
    private final String dummyHash;
    private final PasswordEncoder encoder;
    private final FailureThrottle throttle;

    public LoginEndpoint(List<CredentialsLookup> accounts, SessionStore sessions, PasswordEncoder encoder,
                         @Qualifier("passwordScheduler") Scheduler passwordScheduler, FailureThrottle throttle) {
        this.throttle = throttle;
        this.accounts = accounts;
        this.sessions = sessions;
        this.passwordScheduler = passwordScheduler;
        this.encoder = encoder;
        this.dummyHash = encoder.encode("no account has this password");
    }

    public record LoginRequest(
            @Schema(requiredMode = REQUIRED, maxLength = 64,
                    description = "A cabinet number, a FİN, or a staff account's name") String username,
            @Schema(requiredMode = REQUIRED, minLength = 1, maxLength = 512) String password) {
    }

    public record LoginAnswer(@Schema(description = "Send it as Authorization: Bearer <accessToken>") String accessToken,
                              @Schema(allowableValues = "Bearer") String tokenType,
                              @Schema(description = "Seconds the session lives without use") long expiresIn) {
    }

    @Operation(operationId = "logIn", summary = "Log in (Daxil ol) with a cabinet number or FİN, or a staff name",
            description = "Failures are throttled per account from one address, per account and per address: a "
                    + "throttled caller gets 429 with Retry-After. A session ends after 30 minutes without use, "
                    + "8 hours after login, or at logout.")
    @ApiResponse(responseCode = "200", description = "Logged in")
    @Refuses({ErrorCode.INVALID_CREDENTIALS, ErrorCode.TOO_MANY_LOGIN_ATTEMPTS})
    @PostMapping(path = "/api/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<LoginAnswer> login(@RequestBody LoginRequest body, ServerHttpRequest request) {
        var v = new FieldValidation();
        String username = v.parse("username", body.username(), s -> s.length() > MAX_USERNAME ? tooLong() : s.strip());
        String password = body.password(); // any characters: never parsed, only length-checked
        if (password == null || password.isEmpty()) {
            v.reject("password", FieldValidation.REQUIRED);
        } else if (password.length() > MAX_PASSWORD) {
            v.reject("password", "TOO_LONG");
        }
        v.throwIfInvalid();
        String address = ClientAddress.of(request);
        return Mono.fromCallable(() -> check(username, password, address))
                .subscribeOn(passwordScheduler)
                .flatMap(found -> found
                        .map(principal -> sessions.open(principal.name(), principal.roles()))
                        .orElseGet(() -> Mono.error(new DomainException(ErrorCode.INVALID_CREDENTIALS))))
                .map(opened -> new LoginAnswer(opened.token(), "Bearer", sessions.idleTimeout().toSeconds()));
    }

    /**
     * Throttled per account (whichever username names it: FIN or cabinet number) and per address, then exactly one
     * slow compare whether or not the username exists, so timing does not tell which do.
     */
    private Optional<SessionPrincipal> check(String username, String password, String address) {
        Optional<CredentialsLookup.Credentials> found = accounts.stream()
                .flatMap(lookup -> lookup.find(username).stream())
                .findFirst();
        String account = found.map(credentials -> credentials.principal().name())
                .orElse("unknown:" + username.toUpperCase(java.util.Locale.ROOT));
        var fromHere = Limit.accountFromAddress(account, address);
        throttle.checkNotBlocked(ErrorCode.TOO_MANY_LOGIN_ATTEMPTS, fromHere, Limit.account(account),
                Limit.address("login", address));
        boolean matches = encoder.matches(password, found.map(CredentialsLookup.Credentials::passwordHash).orElse(dummyHash));
        if (found.isPresent() && matches) {
            throttle.recordSuccess(fromHere);
            return found.map(CredentialsLookup.Credentials::principal);
        }
        throttle.recordFailure(fromHere, Limit.account(account), Limit.address("login", address));
        return Optional.empty();
    }

    private static String tooLong() {
        throw new az.ekabinet.domain.shared.InvalidValueException("TOO_LONG");
    }

    @Operation(operationId = "logOut", summary = "Log out (Çıx): the token is dead at once",
            description = "On every node of the service: the one that answers at once, the others within milliseconds.")
    @ApiResponse(responseCode = "204", description = "Logged out")
    @PostMapping("/api/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> logout(Authentication authentication) {
        return sessions.revoke((String) authentication.getCredentials());
    }
}

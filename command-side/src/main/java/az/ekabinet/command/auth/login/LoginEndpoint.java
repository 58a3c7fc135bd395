package az.ekabinet.command.auth.login;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Log in with a username and password for an opaque Bearer token; log out to revoke it on the server. The checks,
 * the throttle and the sessions are {@link PasswordLogin}'s; this endpoint maps HTTP to it.
 */
@RestController
@Tag(name = "cabinet")
public class LoginEndpoint {

    static final int MAX_USERNAME = 64;
    /** Generous on purpose (a policy-conforming password has at most 128 characters); only bounds the work. */
    static final int MAX_PASSWORD = 512;

    private final PasswordLogin login;

    public LoginEndpoint(PasswordLogin login) {
        this.login = login;
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
    @AdmittedAs(RequestClass.PASSWORD)
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
        return login.logIn(username, password, ClientAddress.of(request))
                .map(loggedIn -> new LoginAnswer(loggedIn.token(), "Bearer", loggedIn.idleTimeout().toSeconds()));
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
        return login.logOut((String) authentication.getCredentials());
    }
}

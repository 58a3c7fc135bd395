package az.ekabinet.command.cabinet.reset;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.command.shared.Locales;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Parolu unutmuşam" (forgot my password): a code goes to the cabinet's verified phone, and with it the citizen sets a
 * new password; every session of the cabinet ends. The first step answers the same whether or not the username
 * exists, so it does not reveal who has a cabinet. A password is never sent by SMS. The steps are
 * {@link PasswordReset}'s; this endpoint maps HTTP to them.
 */
@RestController
@Tag(name = "cabinet")
public class PasswordResetEndpoint {

    private final PasswordReset reset;
    private final Passwords passwords;

    /** @param passwords the rules a new password must follow whoever it is for, checked with the other input */
    public PasswordResetEndpoint(PasswordReset reset, Passwords passwords) {
        this.reset = reset;
        this.passwords = passwords;
    }

    public record ResetRequest(@Schema(requiredMode = REQUIRED, maxLength = 64,
            description = "A cabinet number or a FİN") String username) {
    }

    public record ResetRequested(long codeValidForSeconds, long resendAfterSeconds) {
    }

    public record ResetConfirmation(
            @Schema(requiredMode = REQUIRED, maxLength = 64) String username,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.SMS_CODE) String code,
            @Schema(requiredMode = REQUIRED, minLength = 8, maxLength = 128) String newPassword) {
    }

    @Operation(operationId = "requestPasswordReset", summary = "Forgotten password (Parolu unutmuşam): a code by SMS",
            description = "The code goes to the cabinet's verified phone. The answer is the same whether or not the "
                    + "username has a cabinet: nobody learns who has one.")
    @ApiResponse(responseCode = "202", description = "A code was sent, if the username has a cabinet")
    @Refuses({ErrorCode.CODE_RESEND_TOO_SOON, ErrorCode.SMS_LIMIT_REACHED, ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @PostMapping(path = "/api/auth/password-reset", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<ResetRequested> request(@RequestBody ResetRequest body, ServerHttpRequest request) {
        var v = new FieldValidation();
        String username = v.parse("username", body.username(), PasswordResetEndpoint::username);
        v.throwIfInvalid();
        return reset.request(username, Locales.of(request), ClientAddress.of(request))
                .thenReturn(new ResetRequested(300, 60));
    }

    @Operation(operationId = "confirmPasswordReset", summary = "Set a new password with the code",
            description = "Every session of the cabinet ends. A wrong code and a username without a cabinet are "
                    + "answered alike.")
    @ApiResponse(responseCode = "204", description = "The new password is set")
    @Refuses({ErrorCode.VERIFICATION_CODE_INVALID_OR_UNKNOWN, ErrorCode.TOO_MANY_ATTEMPTS})
    @AdmittedAs(RequestClass.PASSWORD)
    @PostMapping(path = "/api/auth/password-reset/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> confirm(@RequestBody ResetConfirmation body, ServerHttpRequest request) {
        var v = new FieldValidation();
        String username = v.parse("username", body.username(), PasswordResetEndpoint::username);
        String code = v.parse("code", body.code(), Locales::sixDigitCode);
        passwords.checkWithoutFin(v, "newPassword", body.newPassword());
        v.throwIfInvalid();
        return reset.confirm(username, code, body.newPassword(), ClientAddress.of(request));
    }

    private static String username(String text) {
        String username = text.strip().toUpperCase(Locale.ROOT);
        if (username.length() > 16) {
            throw new InvalidValueException("TOO_LONG");
        }
        return username;
    }
}

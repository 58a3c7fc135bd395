package az.ekabinet.command.cabinet.me;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.cabinet.identity.DocumentInput;
import az.ekabinet.command.cabinet.registration.RegistrationEndpoint.Person;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.command.shared.Locales;
import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What a logged-in citizen changes in their cabinet: contact data (a new phone only after
 * its own SMS code, and only with the current password), the password (other sessions end), and the identity
 * document after a renewal, re-read from the registry. The work is {@link MyCabinet}'s; this endpoint maps HTTP to it.
 */
@RestController
@Tag(name = "cabinet")
public class MyCabinetEndpoint {

    private final MyCabinet myCabinet;

    public MyCabinetEndpoint(MyCabinet myCabinet) {
        this.myCabinet = myCabinet;
    }

    @Schema(name = "ContactChange")
    public record ContactChange(
            @Schema(requiredMode = REQUIRED, maxLength = 32, pattern = WireFormats.PHONE,
                    description = "The mobile number; a new one counts once verified with its code") String mobilePhone,
            @Schema(maxLength = 254, description = "An e-mail address; none removes it") String email,
            @Schema(requiredMode = REQUIRED, description = "The cabinet's password now") String currentPassword) {
    }

    /** {@code phoneVerificationSentTo} is set when a new phone waits for its code. */
    public record ContactChangeAnswer(String email, String phoneVerificationSentTo, Long codeValidForSeconds) {
    }

    @Schema(name = "NewPhoneCode")
    public record Code(@Schema(requiredMode = REQUIRED, pattern = WireFormats.SMS_CODE,
            description = "The 6 digits sent to the new phone") String code) {
    }

    public record PasswordChange(
            @Schema(requiredMode = REQUIRED) String currentPassword,
            @Schema(requiredMode = REQUIRED, minLength = 8, maxLength = 128,
                    description = "8 to 128 characters, not containing the FİN, not a common password")
            String newPassword) {
    }

    public record RenewedDocument(
            @Schema(requiredMode = REQUIRED, allowableValues = {"AZE", "AA", "MYI", "DYI"}) String documentSeries,
            @Schema(requiredMode = REQUIRED, pattern = "^[0-9]{5,10}$") String documentNumber) {
    }

    @Operation(operationId = "changeContact", summary = "Change the phone and e-mail (Əlaqə məlumatları)",
            description = "Needs the current password. A new phone counts only once verified with the code sent to it; "
                    + "until then the old one stays.")
    @ApiResponse(responseCode = "200", description = "Changed; phoneVerificationSentTo is set when a new phone waits for its code")
    @Refuses({ErrorCode.CURRENT_PASSWORD_WRONG, ErrorCode.TOO_MANY_LOGIN_ATTEMPTS, ErrorCode.CODE_RESEND_TOO_SOON,
            ErrorCode.SMS_LIMIT_REACHED, ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @PutMapping(path = "/api/me/contact", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ContactChangeAnswer> changeContact(@RequestBody ContactChange body, Authentication caller,
                                                   ServerHttpRequest request) {
        var v = new FieldValidation();
        PhoneNumber phone = v.parse("mobilePhone", body.mobilePhone(), PhoneNumber::parse);
        Email email = v.parseOptional("email", body.email(), Email::parse);
        if (body.currentPassword() == null || body.currentPassword().isEmpty()) {
            v.reject("currentPassword", FieldValidation.REQUIRED);
        }
        v.throwIfInvalid();
        String mail = email == null ? null : email.value();
        return myCabinet.changeContact(caller.getName(), phone, email, body.currentPassword(), Locales.of(request),
                        ClientAddress.of(request))
                .map(changed -> changed.newPhoneCode() == null
                        ? new ContactChangeAnswer(mail, null, null)
                        : new ContactChangeAnswer(mail, changed.newPhoneCode().maskedPhone(),
                                changed.newPhoneCode().validForSeconds()));
    }

    @Operation(operationId = "verifyNewPhone", summary = "Verify the new phone with its code",
            description = "The code sent by PUT /api/me/contact; then the new phone is the cabinet's.")
    @ApiResponse(responseCode = "204", description = "The new phone is the cabinet's")
    @Refuses({ErrorCode.NO_PENDING_PHONE_CHANGE, ErrorCode.VERIFICATION_CODE_INVALID, ErrorCode.TOO_MANY_ATTEMPTS})
    @PostMapping(path = "/api/me/contact/phone-verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> verifyNewPhone(@RequestBody Code body, Authentication caller, ServerHttpRequest request) {
        var v = new FieldValidation();
        String code = v.parse("code", body.code(), Locales::sixDigitCode);
        v.throwIfInvalid();
        return myCabinet.verifyNewPhone(caller.getName(), code, ClientAddress.of(request));
    }

    @Operation(operationId = "changePassword", summary = "Change the password",
            description = "Needs the current password; every other session of the cabinet ends.")
    @ApiResponse(responseCode = "204", description = "Changed")
    @Refuses({ErrorCode.CURRENT_PASSWORD_WRONG, ErrorCode.TOO_MANY_LOGIN_ATTEMPTS})
    @AdmittedAs(RequestClass.PASSWORD)
    @PutMapping(path = "/api/me/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> changePassword(@RequestBody PasswordChange body, Authentication caller,
                                     ServerHttpRequest request) {
        return myCabinet.changePassword(caller.getName(), (String) caller.getCredentials(), body.currentPassword(),
                body.newPassword(), ClientAddress.of(request));
    }

    @Operation(operationId = "renewIdentityDocument", summary = "My document was renewed (Sənədim yenilənib)",
            description = "The new document is read from the identity registry and becomes the cabinet's.")
    @ApiResponse(responseCode = "200", description = "The person as the registry knows them now")
    @Refuses({ErrorCode.DOCUMENT_NOT_RENEWED, ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @PostMapping(path = "/api/me/identity-document", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Person> renewDocument(@RequestBody RenewedDocument body, Authentication caller) {
        var v = new FieldValidation();
        DocumentNumber document = DocumentInput.parse(v, body.documentSeries(), body.documentNumber());
        v.throwIfInvalid();
        return myCabinet.renewDocument(caller.getName(), document).map(Person::of);
    }
}

package az.ekabinet.command.cabinet.registration;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.cabinet.identity.DocumentInput;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.command.shared.Locales;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.contact.Email;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
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
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Creating a cabinet: identify with document and FIN against the identity registry, give the
 * contact data, verify the phone with an SMS code, set the password — then the cabinet gets its number and is
 * active. The registration id returned by the first step is the capability for the others. The steps themselves
 * are {@link CabinetRegistration}'s; this endpoint maps HTTP to them.
 */
@RestController
@Tag(name = "cabinet")
public class RegistrationEndpoint {

    private static final String BASE = "/api/registrations";

    private final CabinetRegistration registration;

    public RegistrationEndpoint(CabinetRegistration registration) {
        this.registration = registration;
    }

    @Schema(name = "RegistrationStart")
    public record Identification(
            @Schema(requiredMode = REQUIRED, allowableValues = {"AZE", "AA", "MYI", "DYI"},
                    description = "The identity document's series (any case)") String documentSeries,
            @Schema(requiredMode = REQUIRED, pattern = "^[0-9]{5,10}$",
                    description = "Its number: 8 digits for AZE, 7 for AA, 5 to 10 for MYI and DYI") String documentNumber,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.FIN,
                    description = "The personal identification number (FİN), any case") String fin) {
    }

    @Schema(name = "IdentityDocument")
    public record Document(String series, String number, LocalDate issuedOn, LocalDate validUntil, String issuedBy) {
    }

    @Schema(description = "The person as the state identity registry knows them")
    public record Person(String fin, String surname, String name, String patronymic, LocalDate birthDate,
                         String gender, String citizenship, String registeredAddress, Document document) {

        public static Person of(PersonRecord p) {
            return new Person(p.fin(), p.surname(), p.name(), p.patronymic(), p.birthDate(), p.gender(),
                    p.citizenship(), p.registeredAddress(), new Document(p.documentSeries(), p.documentNumber(),
                    p.documentIssuedOn(), p.documentValidUntil(), p.documentIssuedBy()));
        }
    }

    @Schema(name = "RegistrationStarted")
    public record Started(@Schema(description = "The capability for the next steps: keep it secret") String registrationId,
                          Person person) {
    }

    @Schema(name = "RegistrationContact")
    public record Contact(
            @Schema(requiredMode = REQUIRED, maxLength = 32, pattern = WireFormats.PHONE,
                    description = "A mobile number in Azerbaijan: +994 and 9 digits, or 0 and 9 digits, spaces allowed")
            String mobilePhone,
            @Schema(maxLength = 254, description = "An e-mail address (optional)") String email) {
    }

    @Schema(name = "VerificationCodeSent")
    public record CodeSent(@Schema(description = "The phone, masked") String phone, long codeValidForSeconds,
                           long resendAfterSeconds) {
    }

    @Schema(name = "VerificationCode")
    public record Code(@Schema(requiredMode = REQUIRED, pattern = WireFormats.SMS_CODE,
            description = "The 6 digits sent by SMS") String code) {
    }

    @Schema(name = "RegistrationPassword")
    public record NewPassword(@Schema(requiredMode = REQUIRED, minLength = 8, maxLength = 128,
            description = "8 to 128 characters, not containing the FİN, not a common password") String password) {
    }

    @Schema(name = "CabinetActivated")
    public record Activated(@Schema(pattern = WireFormats.CABINET_NUMBER) String cabinetNumber) {
    }

    @Operation(operationId = "startRegistration", summary = "Start creating a cabinet (Şəxsi kabinet yarat)",
            description = "The identity registry confirms that the document and the FİN belong together and answers "
                    + "with the person's data. One cabinet per FİN, ever.")
    @ApiResponse(responseCode = "201", description = "Confirmed: the registration id leads to the next steps")
    @Refuses({ErrorCode.IDENTITY_NOT_CONFIRMED, ErrorCode.CABINET_ALREADY_EXISTS, ErrorCode.TOO_MANY_ATTEMPTS,
            ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Started> start(@RequestBody Identification body, ServerHttpRequest request) {
        var v = new FieldValidation();
        DocumentNumber document = DocumentInput.parse(v, body.documentSeries(), body.documentNumber());
        Fin fin = v.parse("fin", body.fin(), Fin::of);
        v.throwIfInvalid();
        return registration.start(document, fin, ClientAddress.of(request))
                .map(started -> new Started(started.registrationId(), Person.of(started.person())));
    }

    @Operation(operationId = "giveRegistrationContact", summary = "Give the contact data; a code goes to the phone",
            description = "Mobile phone (mandatory) and e-mail (optional). A 6-digit code is sent by SMS; a new one "
                    + "no sooner than 60 s after the last, at most 5 an hour per phone.")
    @ApiResponse(responseCode = "202", description = "The code was sent")
    @Refuses({ErrorCode.REGISTRATION_NOT_FOUND, ErrorCode.REGISTRATION_ALREADY_COMPLETED,
            ErrorCode.CODE_RESEND_TOO_SOON, ErrorCode.SMS_LIMIT_REACHED, ErrorCode.EXTERNAL_SERVICE_UNAVAILABLE})
    @PutMapping(path = BASE + "/{registrationId}/contact", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Mono<CodeSent> contact(@PathVariable String registrationId, @RequestBody Contact body,
                                  ServerHttpRequest request) {
        var v = new FieldValidation();
        PhoneNumber phone = v.parse("mobilePhone", body.mobilePhone(), PhoneNumber::parse);
        Email email = v.parseOptional("email", body.email(), Email::parse);
        v.throwIfInvalid();
        return registration.giveContact(registrationId, phone, email, Locales.of(request), ClientAddress.of(request))
                .map(sent -> new CodeSent(sent.maskedPhone(), sent.validForSeconds(), sent.resendAfterSeconds()));
    }

    @Operation(operationId = "verifyRegistrationPhone", summary = "Verify the phone with the code it received",
            description = "Single use, valid 5 minutes; 5 wrong tries burn the code.")
    @ApiResponse(responseCode = "204", description = "The phone is verified (aktual nömrə)")
    @Refuses({ErrorCode.REGISTRATION_NOT_FOUND, ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER,
            ErrorCode.VERIFICATION_CODE_INVALID, ErrorCode.TOO_MANY_ATTEMPTS})
    @PostMapping(path = BASE + "/{registrationId}/phone-verification", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public Mono<Void> verifyPhone(@PathVariable String registrationId, @RequestBody Code body,
                                  ServerHttpRequest request) {
        var v = new FieldValidation();
        String code = v.parse("code", body.code(), Locales::sixDigitCode);
        v.throwIfInvalid();
        return registration.verifyPhone(registrationId, code, ClientAddress.of(request));
    }

    @Operation(operationId = "setRegistrationPassword", summary = "Set the password: the cabinet is active",
            description = "The cabinet gets its number (9 digits with a check digit) and its wallet opens.")
    @ApiResponse(responseCode = "201", description = "The cabinet is active")
    @Refuses({ErrorCode.REGISTRATION_NOT_FOUND, ErrorCode.REGISTRATION_STEP_OUT_OF_ORDER})
    @AdmittedAs(RequestClass.PASSWORD)
    @PostMapping(path = BASE + "/{registrationId}/password", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Activated> setPassword(@PathVariable String registrationId, @RequestBody NewPassword body) {
        return registration.activate(registrationId, body.password())
                .map(number -> new Activated(number.value()));
    }
}

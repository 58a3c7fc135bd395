package az.ekabinet.command.sms;

import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.context.annotation.Profile;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * Demo only: the messages "sent" to a number, newest first, so a script can read its one-time
 * code. It hands out codes to anyone, hence {@code @Profile("demo")}: in any other profile the path is a 404.
 */
@RestController
@Profile("demo")
@Tag(name = "demo")
public class SmsOutboxEndpoint {

    static final int LIMIT = 50;

    private final SmsOutbox outbox;

    public SmsOutboxEndpoint(SmsOutbox outbox) {
        this.outbox = outbox;
    }

    /** {@code phone} is optional for Spring only, so that a missing one ends as the same 400 as a malformed one. */
    @Operation(operationId = "readSmsOutbox", summary = "The SMS sent to a phone, newest first (demo profile only)",
            description = "The demo profile sends no SMS: they wait here, so that a script can complete a "
                    + "registration. At most 50.")
    @ApiResponse(responseCode = "200", description = "The messages")
    @GetMapping(path = "/api/dev/sms-outbox", produces = MediaType.APPLICATION_JSON_VALUE)
    public Flux<OutboxMessage> messages(@Parameter(required = true, schema = @Schema(pattern = WireFormats.PHONE,
            maxLength = 32), description = "The phone, in any spelling") @RequestParam(required = false) String phone) {
        var v = new FieldValidation();
        PhoneNumber number = v.parse("phone", phone, PhoneNumber::parse);
        v.throwIfInvalid();
        return outbox.newestFirst(number, LIMIT);
    }
}

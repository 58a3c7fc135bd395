package az.ekabinet.command.exam.application;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.AcceptsIdempotencyKey;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.application.ConfirmApplication;
import az.ekabinet.domain.exam.application.ConfirmedApplication;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Təsdiq et" (confirm): with the citizen's consent the fee is taken from the balance and the application is
 * confirmed, in one step. A repeat answers the same fee and confirmation time and charges nothing (an
 * {@code Idempotency-Key} replays the first answer exactly); not enough money is a 409 {@code INSUFFICIENT_FUNDS} with the missing amount.
 */
@RestController
@Tag(name = "exam")
public class ConfirmApplicationEndpoint {

    private final OwnedApplications applications;
    private final CommandDispatcher commands;

    public ConfirmApplicationEndpoint(OwnedApplications applications, CommandDispatcher commands) {
        this.applications = applications;
        this.commands = commands;
    }

    /** {@code consentToDebit} must be true: the fee is taken only with the citizen's explicit consent. */
    public record ConfirmationRequest(@Schema(requiredMode = REQUIRED, allowableValues = "true",
            description = "The citizen consents to the fee being taken from the balance") Boolean consentToDebit) {
    }

    @Schema(name = "ApplicationConfirmation")
    public record Confirmation(String applicationNumber, @Schema(allowableValues = "CONFIRMED") String status,
                               @Schema(pattern = WireFormats.MONEY_OUT) String feeCharged,
                               @Schema(pattern = WireFormats.MONEY_OUT, description = "The balance after the fee")
                               String balance, Instant confirmedAt) {
    }

    @Operation(operationId = "confirmApplication", summary = "Confirm my application (Təsdiq et): the fee is paid",
            description = "The fee is taken from the balance and the application is confirmed in one step; a repeat "
                    + "answers the same and charges once. A confirmed application is read-only.")
    @ApiResponse(responseCode = "200", description = "Confirmed, the fee charged")
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.APPLICATION_INCOMPLETE, ErrorCode.INSUFFICIENT_FUNDS,
            ErrorCode.DEADLINE_PASSED, ErrorCode.APPLICATION_ALREADY_CONFIRMED})
    @AcceptsIdempotencyKey
    @AdmittedAs(RequestClass.CRITICAL)
    @PostMapping(path = "/api/applications/{number}/confirmation", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Confirmation> confirm(@PathVariable String number, @RequestBody ConfirmationRequest body,
                                      Principal citizen) {
        boolean consent = Boolean.TRUE.equals(body.consentToDebit());
        return applications.idOf(number, citizen.getName())
                .flatMap(id -> commands.<ConfirmedApplication>send(new ConfirmApplication(id, citizen.getName(), consent)))
                .map(done -> new Confirmation(done.applicationNumber(), "CONFIRMED", done.feeCharged().toWire(),
                        done.balance().toWire(), done.confirmedAt()));
    }
}

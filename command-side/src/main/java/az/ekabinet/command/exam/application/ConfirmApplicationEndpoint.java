package az.ekabinet.command.exam.application;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.exam.application.ConfirmApplication;
import az.ekabinet.domain.exam.application.ConfirmedApplication;
import java.security.Principal;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Təsdiq et" (SPEC.md §5.8): with the citizen's consent the fee is taken from the balance and the application is
 * confirmed, in one step. A repeat answers the same fee and confirmation time and charges nothing (an
 * {@code Idempotency-Key} replays the first answer exactly); not enough money is a 409 {@code INSUFFICIENT_FUNDS} with the missing amount.
 */
@RestController
public class ConfirmApplicationEndpoint {

    private final OwnedApplications applications;
    private final CommandDispatcher commands;

    public ConfirmApplicationEndpoint(OwnedApplications applications, CommandDispatcher commands) {
        this.applications = applications;
        this.commands = commands;
    }

    /** {@code consentToDebit} must be true: the fee is taken only with the citizen's explicit consent. */
    public record ConfirmationRequest(Boolean consentToDebit) {
    }

    public record Confirmation(String applicationNumber, String status, String feeCharged, String balance,
                               Instant confirmedAt) {
    }

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

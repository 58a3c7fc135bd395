package az.ekabinet.command.payment.notify;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.payment.RecordProviderPayment;
import az.ekabinet.domain.payment.RecordedPayment;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A payment provider's notification. The signature was already checked by the security chain,
 * which authenticated the provider; this endpoint validates the content and records it exactly once:
 * 201 the first time, 200 with the same answer for an identical repeat, 409 for the same code with other content.
 */
@RestController
@Tag(name = "payments")
public class ProviderPaymentEndpoint {

    /** A provider's clock may run a little ahead of ours; a payment much later than now is a mistake. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final CommandDispatcher commands;
    private final Clock clock;

    public ProviderPaymentEndpoint(CommandDispatcher commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    public record PaymentNotification(
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.PAYMENT_CODE) String paymentCode,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.MONEY_IN, example = "50.00",
                    description = "More than 0") String amount,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.DOCUMENT, example = "AZE12345678",
                    description = "The payer's identity document, series and number") String payerDocumentNumber,
            @Schema(requiredMode = REQUIRED, format = "date-time", description = "With its offset") String paidAt,
            @Schema(requiredMode = REQUIRED, description = "The provider's name, as in X-Ekabinet-Provider")
            String provider) {
    }

    public record PaymentRecord(String paymentCode, String amount, String payerDocumentNumber, Instant paidAt,
                                String provider, Instant receivedAt) {

        static PaymentRecord of(RecordedPayment recorded) {
            return new PaymentRecord(recorded.paymentCode(), recorded.amount().toWire(),
                    recorded.payerDocumentNumber(), recorded.paidAt(), recorded.provider(), recorded.receivedAt());
        }
    }

    @Operation(operationId = "notifyPayment", summary = "A payment made with a payment code (providers)",
            description = "Signed with the provider's secret (the three X-Ekabinet-* headers). An identical repeat "
                    + "answers 200 with the same record; the same code with other content is refused.")
    @ApiResponse(responseCode = "201", description = "Recorded")
    @ApiResponse(responseCode = "200", description = "Recorded before, with the same content")
    @Refuses({ErrorCode.PAYMENT_NOTIFICATION_CONFLICT})
    @AdmittedAs(RequestClass.CRITICAL)
    @PostMapping(path = "/api/payments", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<PaymentRecord>> notifyPayment(@RequestBody PaymentNotification body, Principal provider) {
        return Mono.fromSupplier(() -> toCommand(body, provider.getName()))
                .flatMap(commands::<RecordedPayment>send)
                .map(recorded -> ResponseEntity.status(recorded.firstNotice() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(PaymentRecord.of(recorded)));
    }

    private RecordProviderPayment toCommand(PaymentNotification body, String authenticatedProvider) {
        var v = new FieldValidation();
        PaymentCode code = v.parse("paymentCode", body.paymentCode(), PaymentCode::of);
        Money amount = v.parse("amount", body.amount(), Money::parse);
        if (amount != null && !amount.isPositive()) {
            v.reject("amount", "AMOUNT_NOT_POSITIVE");
        }
        DocumentNumber payer = v.parse("payerDocumentNumber", body.payerDocumentNumber(), DocumentNumber::parse);
        Instant paidAt = v.parse("paidAt", body.paidAt(), Instants::parse);
        if (paidAt != null && paidAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            v.reject("paidAt", "PAID_AT_IN_FUTURE");
        }
        String provider = v.parse("provider", body.provider(), String::strip);
        if (provider != null && !provider.equals(authenticatedProvider)) {
            v.reject("provider", "PROVIDER_MISMATCH");
        }
        v.throwIfInvalid();
        return new RecordProviderPayment(code, amount, payer, paidAt, provider);
    }
}

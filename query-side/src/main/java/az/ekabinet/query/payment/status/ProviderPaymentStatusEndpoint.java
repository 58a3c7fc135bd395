package az.ekabinet.query.payment.status;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * A provider asks what became of a payment it notified us of: received, or already credited to a wallet.
 * Each provider sees only its own payments; any other code is simply not found.
 */
@RestController
@Tag(name = "payments")
public class ProviderPaymentStatusEndpoint {

    private final DatabaseClient db;

    public ProviderPaymentStatusEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public enum Status { RECEIVED, CREDITED }

    public record PaymentStatus(String paymentCode, String amount, String payerDocumentNumber, Instant paidAt,
                                String provider, Instant receivedAt, Status status, Instant creditedAt) {
    }

    @Operation(operationId = "getPaymentStatus", summary = "What became of one of my payments (providers)",
            description = "RECEIVED, or CREDITED once a citizen credited its code. Signed like a notification, over "
                    + "an empty body. Another provider's payment is not found.")
    @ApiResponse(responseCode = "200", description = "The payment")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping(path = "/api/payments/{paymentCode}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<PaymentStatus> status(@PathVariable String paymentCode, Principal provider) {
        var v = new FieldValidation();
        PaymentCode code = v.parse("paymentCode", paymentCode, PaymentCode::of);
        v.throwIfInvalid();
        return db.sql("""
                        SELECT payment_code, amount_qepik, payer_document_number, paid_at, provider, received_at, credited_at
                        FROM readmodel.provider_payment WHERE payment_code = :code AND provider = :provider""")
                .bind("code", code.value())
                .bind("provider", provider.getName())
                .map((row, meta) -> {
                    OffsetDateTime credited = row.get("credited_at", OffsetDateTime.class);
                    return new PaymentStatus(row.get("payment_code", String.class),
                            Money.ofQepik(row.get("amount_qepik", Long.class)).toWire(),
                            row.get("payer_document_number", String.class),
                            row.get("paid_at", OffsetDateTime.class).toInstant(),
                            row.get("provider", String.class),
                            row.get("received_at", OffsetDateTime.class).toInstant(),
                            credited == null ? Status.RECEIVED : Status.CREDITED,
                            credited == null ? null : credited.toInstant());
                })
                .one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }
}

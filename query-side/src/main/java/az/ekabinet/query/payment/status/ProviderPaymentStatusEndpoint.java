package az.ekabinet.query.payment.status;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.shared.FieldValidation;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * A provider asks what became of a payment it notified us of: received, or already credited to a wallet.
 * Each provider sees only its own payments; any other code is simply not found.
 */
@RestController
public class ProviderPaymentStatusEndpoint {

    private final DatabaseClient db;

    public ProviderPaymentStatusEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public enum Status { RECEIVED, CREDITED }

    public record PaymentStatus(String paymentCode, String amount, String payerDocumentNumber, Instant paidAt,
                                String provider, Instant receivedAt, Status status, Instant creditedAt) {
    }

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

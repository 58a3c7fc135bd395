package az.ekabinet.domain.payment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider's notification of a payment was accepted. Plain JSON-stable fields only: the event store
 * keeps this shape for years, so it changes only with a new revision and an upcaster.
 */
@Revision("1")
public record PaymentReceived(
        String paymentCode,
        long amountQepik,
        String payerDocumentNumber,
        Instant paidAt,
        String provider,
        Instant receivedAt) {
}

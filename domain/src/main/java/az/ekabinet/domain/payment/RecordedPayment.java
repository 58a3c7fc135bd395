package az.ekabinet.domain.payment;

import az.ekabinet.domain.money.Money;
import java.time.Instant;

/**
 * The answer to a provider's notification: what is on record for the code, and whether this notification
 * created the record ({@code firstNotice}) or repeated one already accepted.
 */
public record RecordedPayment(
        String paymentCode,
        Money amount,
        String payerDocumentNumber,
        Instant paidAt,
        String provider,
        Instant receivedAt,
        boolean firstNotice) {
}

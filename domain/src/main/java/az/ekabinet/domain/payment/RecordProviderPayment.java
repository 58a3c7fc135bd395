package az.ekabinet.domain.payment;

import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A payment provider tells us that a payment was made with this code. */
public record RecordProviderPayment(
        @TargetAggregateIdentifier String paymentId,
        PaymentCode paymentCode,
        Money amount,
        DocumentNumber payerDocumentNumber,
        Instant paidAt,
        String provider) {

    public RecordProviderPayment(PaymentCode paymentCode, Money amount, DocumentNumber payerDocumentNumber,
                                 Instant paidAt, String provider) {
        this(Payment.idOf(paymentCode), paymentCode, amount, payerDocumentNumber, paidAt, provider);
    }
}

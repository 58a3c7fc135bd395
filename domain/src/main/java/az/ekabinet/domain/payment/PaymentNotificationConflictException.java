package az.ekabinet.domain.payment;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.util.Map;

/** The code is already on record with other content: a provider may repeat a notification, never change it. */
public class PaymentNotificationConflictException extends DomainException {

    public PaymentNotificationConflictException(String paymentCode) {
        super(ErrorCode.PAYMENT_NOTIFICATION_CONFLICT, Map.of("paymentCode", paymentCode));
    }
}

package az.ekabinet.domain.wallet;

import az.ekabinet.domain.payment.PaymentCode;

/** A citizen credits a payment code to their own wallet (picked from their pending payments or typed). */
public record CreditPaymentCode(String cabinetId, PaymentCode paymentCode) {
}

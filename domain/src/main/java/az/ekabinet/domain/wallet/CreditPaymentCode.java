package az.ekabinet.domain.wallet;

import az.ekabinet.domain.payment.PaymentCode;

/** A citizen credits a payment code to their own wallet (either way of SPEC.md §4.3). */
public record CreditPaymentCode(String cabinetId, PaymentCode paymentCode) {
}

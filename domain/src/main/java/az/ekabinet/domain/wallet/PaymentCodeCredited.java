package az.ekabinet.domain.wallet;

import az.ekabinet.domain.money.Money;

/** The answer to a successful credit: what the code was worth and the wallet's balance now. */
public record PaymentCodeCredited(String paymentCode, Money amount, Money balance) {
}

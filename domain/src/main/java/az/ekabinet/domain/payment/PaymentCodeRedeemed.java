package az.ekabinet.domain.payment;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The code was credited to a wallet: it can never be credited again. */
@Revision("1")
public record PaymentCodeRedeemed(String paymentCode, String walletId, String cabinetId, long amountQepik,
                                  Instant redeemedAt) {
}

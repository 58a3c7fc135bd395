package az.ekabinet.domain.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Money entered a wallet. {@code cause} says why, as the ledger shows it: {@code PAYMENT_CODE:<code>},
 * {@code TRANSFER_IN:<id>}. {@code balanceAfterQepik} is the wallet's balance once this credit is applied.
 */
@Revision("1")
public record FundsCredited(String walletId, String cabinetId, long amountQepik, long balanceAfterQepik, String cause,
                            Instant creditedAt) {
}

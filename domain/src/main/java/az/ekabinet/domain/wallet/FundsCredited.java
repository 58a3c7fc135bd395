package az.ekabinet.domain.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Money entered a wallet. {@code cause} says why, as the ledger shows it: a {@link MovementCause}'s wire form,
 * {@code PAYMENT_CODE:<code>} or {@code TRANSFER_IN:<transfer token>}, stored as that string (read it with
 * {@link #movementCause()}). {@code balanceAfterQepik} is the wallet's balance once this credit is applied.
 */
@Revision("1")
public record FundsCredited(String walletId, String cabinetId, long amountQepik, long balanceAfterQepik, String cause,
                            Instant creditedAt) {

    /** The cause as its type; the stored field stays the string, so the stored JSON is unchanged. */
    public MovementCause movementCause() {
        return MovementCause.parse(cause);
    }
}

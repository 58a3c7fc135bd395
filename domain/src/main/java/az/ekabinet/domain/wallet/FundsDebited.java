package az.ekabinet.domain.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Money left a wallet. {@code cause}: a {@link MovementCause}'s wire form, {@code TRANSFER_OUT:<transfer token>} or
 * {@code EXAM_FEE:<application number>}, stored as that string (read it with {@link #movementCause()}).
 * {@code balanceAfterQepik} is never negative.
 */
@Revision("1")
public record FundsDebited(String walletId, String cabinetId, long amountQepik, long balanceAfterQepik, String cause,
                           Instant debitedAt) {

    /** The cause as its type; the stored field stays the string, so the stored JSON is unchanged. */
    public MovementCause movementCause() {
        return MovementCause.parse(cause);
    }
}

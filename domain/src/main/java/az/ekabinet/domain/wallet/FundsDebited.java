package az.ekabinet.domain.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Money left a wallet. {@code cause}: {@code TRANSFER_OUT:<id>}, {@code EXAM_FEE:<application number>}.
 * {@code balanceAfterQepik} is never negative.
 */
@Revision("1")
public record FundsDebited(String walletId, String cabinetId, long amountQepik, long balanceAfterQepik, String cause,
                           Instant debitedAt) {
}

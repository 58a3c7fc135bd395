package az.ekabinet.domain.wallet;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A cabinet's wallet exists, in AZN, with balance 0.00. */
@Revision("1")
public record WalletOpened(String walletId, String cabinetId, String cabinetNumber, String currency, Instant openedAt) {
}

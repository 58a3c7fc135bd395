package az.ekabinet.domain.transfer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The transfer's debit and credit were applied, in the same transaction as this event. */
@Revision("1")
public record TransferCompleted(String transferId, Instant completedAt) {
}

package az.ekabinet.domain.transfer;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A transfer the sender has seen in preview ("Davam et"); it moves nothing until confirmed, before it expires. */
@Revision("1")
public record TransferPrepared(String transferId, String fromWalletId, String toWalletId, String toCabinetNumber,
                               long amountQepik, Instant preparedAt, Instant expiresAt) {
}

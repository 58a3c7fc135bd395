package az.ekabinet.domain.transfer;

import az.ekabinet.domain.money.Money;
import java.time.Duration;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Prepare a transfer between two wallets; the sender's identity and password were checked by the caller. */
public record PrepareTransfer(@TargetAggregateIdentifier String transferId, String fromWalletId, String toWalletId,
                              String toCabinetNumber, Money amount, Duration validity) {
}

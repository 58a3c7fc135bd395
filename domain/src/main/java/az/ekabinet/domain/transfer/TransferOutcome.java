package az.ekabinet.domain.transfer;

import az.ekabinet.domain.money.Money;

/** A completed transfer as its sender sees it: the amount moved and their balance after it. */
public record TransferOutcome(String transferId, Money amount, Money senderBalance) {
}

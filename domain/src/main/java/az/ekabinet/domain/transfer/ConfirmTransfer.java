package az.ekabinet.domain.transfer;

/** The sender confirms; {@code fromWalletId} must be the transfer's own sender. */
public record ConfirmTransfer(String transferId, String fromWalletId) {
}

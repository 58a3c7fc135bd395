package az.ekabinet.domain.wallet;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Open the AZN wallet of a cabinet that was just activated; opening an open wallet changes nothing. */
public record OpenWallet(@TargetAggregateIdentifier String walletId, String cabinetId, String cabinetNumber) {

    public OpenWallet(String cabinetId, String cabinetNumber) {
        this(Wallet.idOf(cabinetId), cabinetId, cabinetNumber);
    }
}

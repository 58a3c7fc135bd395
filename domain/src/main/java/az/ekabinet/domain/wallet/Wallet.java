package az.ekabinet.domain.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A cabinet's money account ({@code wallet:<cabinet id>}). It opens with the cabinet; credits, debits and
 * transfers come with the wallet capability.
 */
public class Wallet {

    public static final String CURRENCY = "AZN";

    @AggregateIdentifier
    private String id;

    protected Wallet() {
        // for Axon
    }

    public static String idOf(String cabinetId) {
        return "wallet:" + cabinetId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(OpenWallet command, Clock clock) {
        if (id == null) {
            apply(new WalletOpened(command.walletId(), command.cabinetId(), command.cabinetNumber(), CURRENCY,
                    Instants.now(clock)));
        }
    }

    @EventSourcingHandler
    void on(WalletOpened event) {
        id = event.walletId();
    }
}

package az.ekabinet.command.wallet.open;

import az.ekabinet.domain.cabinet.CabinetActivated;
import az.ekabinet.domain.wallet.OpenWallet;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Every activated cabinet gets its wallet. A streaming processor runs this, so the wallet is
 * opened even if the service stopped right after the activation; the command joins the processor's
 * transaction, so the wallet's event and the processor's progress commit together, and opening is idempotent
 * should an event ever be handled twice. A replay of the processor re-sends nothing.
 */
@Component
@ProcessingGroup(WalletOpening.PROCESSING_GROUP)
public class WalletOpening {

    public static final String PROCESSING_GROUP = "wallet-opening";

    private final CommandGateway commands;

    public WalletOpening(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    @DisallowReplay
    void on(CabinetActivated event) {
        commands.sendAndWait(new OpenWallet(event.cabinetId(), event.cabinetNumber()));
    }
}

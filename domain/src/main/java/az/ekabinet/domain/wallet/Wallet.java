package az.ekabinet.domain.wallet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A cabinet's money account ({@code wallet:<cabinet id>}). It opens with the cabinet; credits, debits and
 * transfers come with the wallet capability.
 */
@AggregateRoot
public class Wallet {

    public static final String CURRENCY = "AZN";

    @AggregateIdentifier
    private String id;
    private String cabinetId;
    private long balanceQepik;

    protected Wallet() {
        // for Axon
    }

    /** The wallet of a cabinet (its id, {@code cabinet:<FIN>}): the one place the {@code wallet:} prefix is put. */
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

    /** Adds money; the balance after it travels in the event, so the ledger can be re-checked line by line. */
    public Money credit(Money amount, MovementCause cause, Clock clock) {
        long after = Math.addExact(balanceQepik, amount.qepik());
        apply(new FundsCredited(id, cabinetId, amount.qepik(), after, cause.toWire(), Instants.now(clock)));
        return Money.ofQepik(after);
    }

    /** Takes money out; never below zero (CannotDebitMoreThanBalance). */
    public Money debit(Money amount, MovementCause cause, Clock clock) {
        if (amount.qepik() > balanceQepik) {
            throw new InsufficientFundsException(Money.ofQepik(amount.qepik() - balanceQepik), Money.ofQepik(balanceQepik));
        }
        long after = balanceQepik - amount.qepik();
        apply(new FundsDebited(id, cabinetId, amount.qepik(), after, cause.toWire(), Instants.now(clock)));
        return Money.ofQepik(after);
    }

    public String cabinetId() {
        return cabinetId;
    }

    public Money balance() {
        return Money.ofQepik(balanceQepik);
    }

    @EventSourcingHandler
    void on(FundsDebited event) {
        balanceQepik = event.balanceAfterQepik();
    }

    @EventSourcingHandler
    void on(WalletOpened event) {
        id = event.walletId();
        cabinetId = event.cabinetId();
    }

    @EventSourcingHandler
    void on(FundsCredited event) {
        balanceQepik = event.balanceAfterQepik();
    }
}

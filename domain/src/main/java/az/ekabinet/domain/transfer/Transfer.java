package az.ekabinet.domain.transfer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Instants;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;

/** A transfer between two cabinets' wallets: prepared, then completed once, or left to expire. */
@AggregateRoot
public class Transfer {

    @AggregateIdentifier
    private String id;
    private String fromWalletId;
    private String toWalletId;
    private long amountQepik;
    private Instant expiresAt;
    private boolean completed;

    protected Transfer() {
        // for Axon
    }

    private static final String ID_PREFIX = "transfer:";

    /** A transfer's id from its token: the one place the {@code transfer:} prefix is put. */
    public static String idOf(String token) {
        return ID_PREFIX + token;
    }

    /** The token of a transfer's id ({@code transfer:<token>}): the reference its money movements carry. */
    public static String tokenOf(String transferId) {
        if (transferId == null || !transferId.startsWith(ID_PREFIX)) {
            throw new IllegalArgumentException("Not a transfer's id (" + ID_PREFIX + "<token>): " + transferId);
        }
        return transferId.substring(ID_PREFIX.length());
    }

    @CommandHandler
    public Transfer(PrepareTransfer command, Clock clock) {
        if (command.fromWalletId().equals(command.toWalletId())) {
            throw new DomainException(ErrorCode.TRANSFER_TO_SELF);
        }
        Instant now = Instants.now(clock);
        apply(new TransferPrepared(command.transferId(), command.fromWalletId(), command.toWalletId(),
                command.toCabinetNumber(), command.amount().qepik(), now, now.plus(command.validity())));
    }

    /** Whether this call completes it (false: it was already completed, so nothing is to move again). */
    public boolean complete(String confirmingWalletId, Clock clock) {
        if (!fromWalletId.equals(confirmingWalletId)) {
            throw new DomainException(ErrorCode.TRANSFER_NOT_FOUND);
        }
        if (completed) {
            return false;
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            throw new DomainException(ErrorCode.TRANSFER_EXPIRED);
        }
        apply(new TransferCompleted(id, Instants.now(clock)));
        return true;
    }

    public String fromWalletId() {
        return fromWalletId;
    }

    public String toWalletId() {
        return toWalletId;
    }

    public Money amount() {
        return Money.ofQepik(amountQepik);
    }

    @EventSourcingHandler
    void on(TransferPrepared event) {
        id = event.transferId();
        fromWalletId = event.fromWalletId();
        toWalletId = event.toWalletId();
        amountQepik = event.amountQepik();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(TransferCompleted event) {
        completed = true;
    }
}

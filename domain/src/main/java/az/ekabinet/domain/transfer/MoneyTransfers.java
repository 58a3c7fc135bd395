package az.ekabinet.domain.transfer;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.wallet.MovementCause;
import az.ekabinet.domain.wallet.Wallet;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Confirming a transfer debits the sender and credits the recipient in ONE unit of work with the transfer's
 * completion: one database transaction, so the two sides can never diverge, not even across a crash. The wallets
 * are always taken in the same (id) order, so two opposite transfers cannot deadlock each other.
 */
public class MoneyTransfers {

    private final Repository<Transfer> transfers;
    private final Repository<Wallet> wallets;

    public MoneyTransfers(Repository<Transfer> transfers, Repository<Wallet> wallets) {
        this.transfers = transfers;
        this.wallets = wallets;
    }

    @CommandHandler
    public TransferOutcome handle(ConfirmTransfer command, Clock clock) {
        Aggregate<Transfer> transfer = load(transfers, command.transferId(), ErrorCode.TRANSFER_NOT_FOUND);
        String from = transfer.invoke(Transfer::fromWalletId);
        String to = transfer.invoke(Transfer::toWalletId);
        Money amount = transfer.invoke(Transfer::amount);
        boolean firstTime = transfer.invoke(t -> t.complete(command.fromWalletId(), clock));
        String first = from.compareTo(to) < 0 ? from : to;
        Aggregate<Wallet> firstWallet = load(wallets, first, ErrorCode.WALLET_NOT_FOUND);
        Aggregate<Wallet> secondWallet = load(wallets, first.equals(from) ? to : from, ErrorCode.WALLET_NOT_FOUND);
        Aggregate<Wallet> sender = first.equals(from) ? firstWallet : secondWallet;
        Aggregate<Wallet> recipient = first.equals(from) ? secondWallet : firstWallet;
        if (!firstTime) {
            return new TransferOutcome(command.transferId(), amount, sender.invoke(Wallet::balance));
        }
        String token = Transfer.tokenOf(command.transferId());
        Money balance = sender.invoke(w -> w.debit(amount, MovementCause.transferOut(token), clock));
        recipient.execute(w -> w.credit(amount, MovementCause.transferIn(token), clock));
        return new TransferOutcome(command.transferId(), amount, balance);
    }

    private static <T> Aggregate<T> load(Repository<T> repository, String id, ErrorCode notFound) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(notFound, Map.of());
        }
    }
}

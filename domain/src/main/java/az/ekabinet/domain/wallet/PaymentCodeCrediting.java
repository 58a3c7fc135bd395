package az.ekabinet.domain.wallet;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import java.time.Clock;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Crediting a payment code touches two aggregates: the code is redeemed and the wallet credited in ONE unit of
 * work, so both appends commit in one database transaction or neither does. If two wallets race
 * for one code, the event store's unique (aggregate, sequence) key lets one commit; the other's whole unit of
 * work rolls back, its retry finds the code redeemed and is refused: a code credits exactly once.
 */
public class PaymentCodeCrediting {

    private final Repository<Payment> payments;
    private final Repository<Wallet> wallets;

    public PaymentCodeCrediting(Repository<Payment> payments, Repository<Wallet> wallets) {
        this.payments = payments;
        this.wallets = wallets;
    }

    @CommandHandler
    public PaymentCodeCredited handle(CreditPaymentCode command, Clock clock) {
        String walletId = Wallet.idOf(command.cabinetId());
        var wallet = load(wallets, walletId, ErrorCode.WALLET_NOT_FOUND, Map.of());
        var payment = load(payments, Payment.idOf(command.paymentCode()), ErrorCode.PAYMENT_CODE_NOT_FOUND,
                Map.of("paymentCode", command.paymentCode().value()));
        Money amount = payment.invoke(code -> code.redeem(walletId, command.cabinetId(), clock));
        Money balance = wallet.invoke(w -> w.credit(amount, MovementCause.paymentCode(command.paymentCode()), clock));
        return new PaymentCodeCredited(command.paymentCode().value(), amount, balance);
    }

    private static <T> org.axonframework.modelling.command.Aggregate<T> load(Repository<T> repository, String id,
                                                                            ErrorCode notFound, Map<String, ?> properties) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw new DomainException(notFound, properties);
        }
    }
}

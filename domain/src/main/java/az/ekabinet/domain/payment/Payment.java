package az.ekabinet.domain.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Instants;
import java.util.Map;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateRoot;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One payment code, from the provider's notification on. Its identity is the code itself ({@code payment:<code>},
 * {@link #idOf}), so the event
 * store's unique (aggregate, sequence) key makes a second record of the same code impossible, also when
 * two notifications race.
 */
@AggregateRoot
public class Payment {

    @AggregateIdentifier
    private String id;
    private String paymentCode;
    private long amountQepik;
    private String payerDocumentNumber;
    private Instant paidAt;
    private String provider;
    private Instant receivedAt;
    private String redeemedBy;

    protected Payment() {
        // for Axon
    }

    /**
     * The aggregate that guards a code: the one place the {@code payment:} prefix is put (prefixed because ids share
     * one key space).
     */
    public static String idOf(PaymentCode code) {
        return "payment:" + code.value();
    }

    /** Records the notification once; an identical repeat gets the same answer, a different one a conflict. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public RecordedPayment handle(RecordProviderPayment command, Clock clock) {
        if (id == null) {
            apply(new PaymentReceived(command.paymentCode().value(), command.amount().qepik(),
                    command.payerDocumentNumber().value(), command.paidAt(), command.provider(), Instants.now(clock)));
            return recorded(true);
        }
        if (!sameNotification(command)) {
            throw new PaymentNotificationConflictException(paymentCode);
        }
        return recorded(false);
    }

    /**
     * Marks the code credited to {@code walletId}; called by the crediting service in the same unit of work that
     * credits the wallet, so the two can never split.
     */
    public Money redeem(String walletId, String cabinetId, Clock clock) {
        if (redeemedBy != null) {
            throw new DomainException(ErrorCode.PAYMENT_CODE_ALREADY_CREDITED, Map.of("paymentCode", paymentCode));
        }
        apply(new PaymentCodeRedeemed(paymentCode, walletId, cabinetId, amountQepik, Instants.now(clock)));
        return Money.ofQepik(amountQepik);
    }

    private boolean sameNotification(RecordProviderPayment command) {
        return amountQepik == command.amount().qepik()
                && payerDocumentNumber.equals(command.payerDocumentNumber().value())
                && paidAt.equals(command.paidAt())
                && provider.equals(command.provider());
    }

    private RecordedPayment recorded(boolean firstNotice) {
        return new RecordedPayment(paymentCode, Money.ofQepik(amountQepik), payerDocumentNumber, paidAt, provider,
                receivedAt, firstNotice);
    }

    @EventSourcingHandler
    void on(PaymentCodeRedeemed event) {
        this.redeemedBy = event.walletId();
    }

    @EventSourcingHandler
    void on(PaymentReceived event) {
        this.id = idOf(new PaymentCode(event.paymentCode()));
        this.paymentCode = event.paymentCode();
        this.amountQepik = event.amountQepik();
        this.payerDocumentNumber = event.payerDocumentNumber();
        this.paidAt = event.paidAt();
        this.provider = event.provider();
        this.receivedAt = event.receivedAt();
    }
}

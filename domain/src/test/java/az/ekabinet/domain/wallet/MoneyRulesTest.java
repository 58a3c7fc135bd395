package az.ekabinet.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.domain.MovableClock;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.Payment;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.payment.RecordProviderPayment;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.transfer.ConfirmTransfer;
import az.ekabinet.domain.transfer.MoneyTransfers;
import az.ekabinet.domain.transfer.PrepareTransfer;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.transfer.TransferOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money rules across aggregates (a code and a wallet, a transfer and two wallets), on an in-memory Axon
 * configuration with a controlled clock: what each command decides and which events it leaves.
 */
class MoneyRulesTest {

    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private MovableClock clock;
    private Configuration axon;
    private CommandGateway commands;

    @BeforeEach
    void setUp() {
        clock = new MovableClock(START);
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .registerComponent(Clock.class, c -> clock)
                .configureAggregate(Payment.class)
                .configureAggregate(Wallet.class)
                .configureAggregate(Transfer.class)
                .registerCommandHandler(c -> new PaymentCodeCrediting(c.repository(Payment.class), c.repository(Wallet.class)))
                .registerCommandHandler(c -> new MoneyTransfers(c.repository(Transfer.class), c.repository(Wallet.class)))
                .start();
        commands = axon.commandGateway();
        commands.sendAndWait(new OpenWallet("cabinet:A", "100000009"));
        commands.sendAndWait(new OpenWallet("cabinet:B", "123456782"));
    }

    @AfterEach
    void tearDown() {
        axon.shutdown();
    }

    private PaymentCode paid(String code, String amount) {
        PaymentCode paymentCode = PaymentCode.of(code);
        commands.sendAndWait(new RecordProviderPayment(paymentCode, Money.parse(amount), DocumentNumber.parse("AZE12345678"),
                START.minusSeconds(60), "demo-bank"));
        return paymentCode;
    }

    private List<Object> eventsOf(String aggregateId) {
        return axon.eventStore().readEvents(aggregateId).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    private static ErrorCode codeOf(Runnable action) {
        try {
            action.run();
            throw new AssertionError("expected a refusal");
        } catch (DomainException e) {
            return e.code();
        }
    }

    @Test
    void aCodeCreditsOneWalletOnce() {
        PaymentCode code = paid("CODE000001", "50.00");
        PaymentCodeCredited credited = commands.sendAndWait(new CreditPaymentCode("cabinet:A", code));
        assertThat(credited.balance()).isEqualTo(Money.parse("50.00"));
        assertThat(codeOf(() -> commands.sendAndWait(new CreditPaymentCode("cabinet:B", code))))
                .isEqualTo(ErrorCode.PAYMENT_CODE_ALREADY_CREDITED);
        assertThat(codeOf(() -> commands.sendAndWait(new CreditPaymentCode("cabinet:A", code))))
                .isEqualTo(ErrorCode.PAYMENT_CODE_ALREADY_CREDITED);
        assertThat(eventsOf("wallet:cabinet:B")).hasSize(1); // opened, never credited
        assertThat(eventsOf("wallet:cabinet:A")).last()
                .isEqualTo(new FundsCredited("wallet:cabinet:A", "cabinet:A", 5000, 5000, "PAYMENT_CODE:CODE000001", START));
    }

    @Test
    void unknownCodesAndWalletsAreRefused() {
        assertThat(codeOf(() -> commands.sendAndWait(new CreditPaymentCode("cabinet:A", PaymentCode.of("NOSUCHCODE")))))
                .isEqualTo(ErrorCode.PAYMENT_CODE_NOT_FOUND);
        PaymentCode code = paid("CODE000002", "1.00");
        assertThat(codeOf(() -> commands.sendAndWait(new CreditPaymentCode("cabinet:NONE", code))))
                .isEqualTo(ErrorCode.WALLET_NOT_FOUND);
        // the refused credit redeemed nothing: the code still credits
        commands.sendAndWait(new CreditPaymentCode("cabinet:A", code));
    }

    @Test
    void aConfirmedTransferDebitsAndCreditsOnce() {
        commands.sendAndWait(new CreditPaymentCode("cabinet:A", paid("CODE000003", "100.00")));
        commands.sendAndWait(new PrepareTransfer("transfer:t1", "wallet:cabinet:A", "wallet:cabinet:B", "123456782",
                Money.parse("30.00"), Duration.ofMinutes(10)));
        TransferOutcome first = commands.sendAndWait(new ConfirmTransfer("transfer:t1", "wallet:cabinet:A"));
        TransferOutcome again = commands.sendAndWait(new ConfirmTransfer("transfer:t1", "wallet:cabinet:A"));

        assertThat(first.senderBalance()).isEqualTo(Money.parse("70.00"));
        assertThat(again.senderBalance()).isEqualTo(Money.parse("70.00"));
        assertThat(eventsOf("wallet:cabinet:A")).filteredOn(FundsDebited.class::isInstance)
                .containsExactly(new FundsDebited("wallet:cabinet:A", "cabinet:A", 3000, 7000, "TRANSFER_OUT:t1", START));
        assertThat(eventsOf("wallet:cabinet:B")).filteredOn(FundsCredited.class::isInstance)
                .containsExactly(new FundsCredited("wallet:cabinet:B", "cabinet:B", 3000, 3000, "TRANSFER_IN:t1", START));
    }

    @Test
    void aTransferCannotOverdrawAndLeavesNothingBehindWhenRefused() {
        commands.sendAndWait(new CreditPaymentCode("cabinet:A", paid("CODE000004", "20.00")));
        commands.sendAndWait(new PrepareTransfer("transfer:t2", "wallet:cabinet:A", "wallet:cabinet:B", "123456782",
                Money.parse("20.01"), Duration.ofMinutes(10)));
        assertThatThrownBy(() -> commands.sendAndWait(new ConfirmTransfer("transfer:t2", "wallet:cabinet:A")))
                .isInstanceOfSatisfying(InsufficientFundsException.class,
                        e -> assertThat(e.properties()).containsEntry("missingAmount", "0.01"));
        assertThat(eventsOf("transfer:t2")).hasSize(1); // still only prepared: the completion rolled back too
        assertThat(eventsOf("wallet:cabinet:B")).hasSize(1);
    }

    @Test
    void transfersExpireAreTheSendersOwnAndNeverToSelf() {
        commands.sendAndWait(new CreditPaymentCode("cabinet:A", paid("CODE000005", "5.00")));
        commands.sendAndWait(new PrepareTransfer("transfer:t3", "wallet:cabinet:A", "wallet:cabinet:B", "123456782",
                Money.parse("1.00"), Duration.ofMinutes(10)));
        assertThat(codeOf(() -> commands.sendAndWait(new ConfirmTransfer("transfer:t3", "wallet:cabinet:B"))))
                .isEqualTo(ErrorCode.TRANSFER_NOT_FOUND);
        clock.advance(Duration.ofMinutes(10));
        assertThat(codeOf(() -> commands.sendAndWait(new ConfirmTransfer("transfer:t3", "wallet:cabinet:A"))))
                .isEqualTo(ErrorCode.TRANSFER_EXPIRED);
        assertThat(codeOf(() -> commands.sendAndWait(new PrepareTransfer("transfer:t4", "wallet:cabinet:A",
                "wallet:cabinet:A", "100000009", Money.parse("1.00"), Duration.ofMinutes(10)))))
                .isEqualTo(ErrorCode.TRANSFER_TO_SELF);
    }
}

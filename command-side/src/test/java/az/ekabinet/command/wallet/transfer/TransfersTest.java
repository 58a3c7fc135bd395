package az.ekabinet.command.wallet.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.TestPasswords;
import az.ekabinet.command.shared.RecordingCommands;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.transfer.ConfirmTransfer;
import az.ekabinet.domain.transfer.PrepareTransfer;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.transfer.TransferOutcome;
import az.ekabinet.domain.wallet.Wallet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Preparing and confirming a transfer, without HTTP. */
class TransfersTest {

    private static final String SENDER = "cabinet:5ZK3M7P";
    private static final String PASSWORD = "mənim-parolum-1";
    private static final CabinetNumber RECIPIENT = CabinetNumber.issue(10_000_042L);
    private static final Instant NOW = Instant.parse("2026-03-01T09:00:00Z");

    private final CabinetRegistry cabinets = mock(CabinetRegistry.class);
    private final SecureTokens tokens = mock(SecureTokens.class);
    private final AtomicInteger recipientLookups = new AtomicInteger();
    private final RecordingCommands commands = new RecordingCommands(command -> command instanceof ConfirmTransfer
            ? new TransferOutcome("t", Money.parse("20.00"), Money.parse("30.00")) : null);
    private final Transfers transfers = new Transfers(cabinets, TestPasswords.create().withCurrent(SENDER, PASSWORD),
            commands, tokens, Clock.fixed(NOW, ZoneOffset.UTC));

    TransfersTest() {
        when(tokens.token(16)).thenReturn("the-transfer");
        when(cabinets.activeByUsername(anyString())).thenReturn(Mono.empty());
        when(cabinets.activeByUsername(RECIPIENT.value())).thenReturn(Mono.fromCallable(() -> {
            recipientLookups.incrementAndGet();
            return new CabinetRegistry.Entry("cabinet:7AB2CD3", "7AB2CD3", "ACTIVE", RECIPIENT.value(), "+994501112233",
                    true, "AZE11112222", null, "Həsənova L. R.");
        }));
    }

    @Test
    void aPreparedTransferShowsTheRecipientsMaskedNameAndMovesNothingYet() {
        var prepared = transfers.prepare(SENDER, PASSWORD, RECIPIENT, Money.parse("20.00"), "10.0.0.3").block();

        assertThat(prepared).isEqualTo(new Transfers.Prepared("the-transfer", RECIPIENT.value(), "Həsənova L. R.",
                Money.parse("20.00"), NOW.plus(Duration.ofMinutes(10))));
        assertThat(commands.commands()).containsExactly(new PrepareTransfer(Transfer.idOf("the-transfer"),
                Wallet.idOf(SENDER), Wallet.idOf("cabinet:7AB2CD3"), RECIPIENT.value(), Money.parse("20.00"),
                Duration.ofMinutes(10)));
    }

    @Test
    void aWrongPasswordIsRefusedBeforeTheRecipientIsLookedUp() {
        assertThatThrownBy(() -> transfers.prepare(SENDER, "not-mine", RECIPIENT, Money.parse("20.00"), "10.0.0.3").block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CURRENT_PASSWORD_WRONG));
        assertThat(recipientLookups).hasValue(0);
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void aNumberWithoutAnActiveCabinetIsNoRecipient() {
        assertThatThrownBy(() -> transfers.prepare(SENDER, PASSWORD, CabinetNumber.issue(10_000_043L),
                Money.parse("20.00"), "10.0.0.3").block())
                .isInstanceOfSatisfying(DomainException.class,
                        refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.RECIPIENT_NOT_FOUND));
        assertThat(commands.commands()).isEmpty();
    }

    @Test
    void confirmingSendsTheSendersConfirmationOfThatTransfer() {
        assertThat(transfers.confirm("the-transfer", SENDER).block())
                .isEqualTo(new TransferOutcome("t", Money.parse("20.00"), Money.parse("30.00")));
        assertThat(commands.commands()).containsExactly(new ConfirmTransfer(Transfer.idOf("the-transfer"),
                Wallet.idOf(SENDER)));
    }
}

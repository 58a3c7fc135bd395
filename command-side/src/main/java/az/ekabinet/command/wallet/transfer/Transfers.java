package az.ekabinet.command.wallet.transfer;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.shared.CommandDispatcher;
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
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Money from one cabinet's wallet to another's, in two steps: preparing checks the sender's password (wrong ones
 * count like failed logins) and finds the recipient by cabinet number, and moves nothing; confirming moves the money
 * atomically, once however often it is confirmed. A prepared transfer expires after {@link #VALIDITY}.
 */
@Component
public class Transfers {

    static final Duration VALIDITY = Duration.ofMinutes(10);

    private final CabinetRegistry cabinets;
    private final Passwords passwords;
    private final CommandDispatcher commands;
    private final SecureTokens tokens;
    private final Clock clock;

    public Transfers(CabinetRegistry cabinets, Passwords passwords, CommandDispatcher commands, SecureTokens tokens,
                     Clock clock) {
        this.cabinets = cabinets;
        this.passwords = passwords;
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** A transfer waiting for its confirmation, with the recipient's masked name for the sender to check. */
    public record Prepared(String transferId, String recipientCabinetNumber, String recipientMaskedName, Money amount,
                           Instant expiresAt) {
    }

    /** Prepares a transfer of {@code amount} to the active cabinet {@code recipient} (RECIPIENT_NOT_FOUND if none). */
    public Mono<Prepared> prepare(String senderCabinetId, String password, CabinetNumber recipient, Money amount,
                                  String clientAddress) {
        String token = tokens.token(16);
        return passwords.requireCurrent(senderCabinetId, password, clientAddress)
                .then(cabinets.activeByUsername(recipient.value()))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RECIPIENT_NOT_FOUND)))
                .flatMap(found -> commands.send(new PrepareTransfer(Transfer.idOf(token), Wallet.idOf(senderCabinetId),
                                Wallet.idOf(found.cabinetId()), recipient.value(), amount, VALIDITY))
                        .thenReturn(new Prepared(token, recipient.value(), found.maskedName(), amount,
                                clock.instant().plus(VALIDITY))));
    }

    /** Moves the money of the sender's prepared transfer {@code transferId}. */
    public Mono<TransferOutcome> confirm(String transferId, String senderCabinetId) {
        return commands.send(new ConfirmTransfer(Transfer.idOf(transferId), Wallet.idOf(senderCabinetId)));
    }
}

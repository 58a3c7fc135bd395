package az.ekabinet.command.wallet.transfer;

import az.ekabinet.command.cabinet.lookup.CabinetRegistry;
import az.ekabinet.command.cabinet.password.Passwords;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.command.shared.SecureTokens;
import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.transfer.ConfirmTransfer;
import az.ekabinet.domain.transfer.PrepareTransfer;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.transfer.TransferOutcome;
import az.ekabinet.domain.wallet.Wallet;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Digər şəxsin hesabına vəsait köçürmə" (SPEC.md §4.6): recipient cabinet number (its check digit catches a
 * typo), amount and own password → a preview with the recipient's masked name → confirmation, which moves the
 * money atomically. An unconfirmed transfer expires; confirming twice moves the money once.
 */
@RestController
public class TransferEndpoint {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    public static final String ABOVE_MAXIMUM = "AMOUNT_ABOVE_MAXIMUM";

    private final CabinetRegistry cabinets;
    private final Passwords passwords;
    private final CommandDispatcher commands;
    private final SecureTokens tokens;
    private final Clock clock;
    private final Money maximum;

    public TransferEndpoint(CabinetRegistry cabinets, Passwords passwords, CommandDispatcher commands,
                            SecureTokens tokens, Clock clock,
                            @Value("${ekabinet.transfers.max-amount:1000.00}") String maximum) {
        this.cabinets = cabinets;
        this.passwords = passwords;
        this.commands = commands;
        this.tokens = tokens;
        this.clock = clock;
        this.maximum = Money.parse(maximum);
    }

    public record TransferRequest(String recipientCabinetNumber, String amount, String password) {
    }

    public record Preview(String transferId, String recipientCabinetNumber, String recipientName, String amount,
                          String status, Instant expiresAt) {
    }

    public record Completed(String transferId, String status, String amount, String balance) {
    }

    @PostMapping(path = "/api/me/wallet/transfers", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Preview> prepare(@RequestBody TransferRequest body, Principal sender, ServerHttpRequest request) {
        var v = new FieldValidation();
        CabinetNumber recipientNumber = v.parse("recipientCabinetNumber", body.recipientCabinetNumber(), CabinetNumber::parse);
        Money amount = v.parse("amount", body.amount(), Money::parse);
        if (amount != null && !amount.isPositive()) {
            v.reject("amount", "AMOUNT_NOT_POSITIVE");
        } else if (amount != null && amount.compareTo(maximum) > 0) {
            v.reject("amount", ABOVE_MAXIMUM);
        }
        if (body.password() == null || body.password().isEmpty()) {
            v.reject("password", FieldValidation.REQUIRED);
        }
        v.throwIfInvalid();
        String senderCabinet = sender.getName();
        String token = tokens.token(16);
        return passwords.requireCurrent(senderCabinet, body.password(), ClientAddress.of(request))
                .then(cabinets.activeByUsername(recipientNumber.value()))
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.RECIPIENT_NOT_FOUND)))
                .flatMap(recipient -> commands.send(new PrepareTransfer(Transfer.idOf(token), Wallet.idOf(senderCabinet),
                                Wallet.idOf(recipient.cabinetId()), recipientNumber.value(), amount, VALIDITY))
                        .thenReturn(new Preview(token, recipientNumber.value(), recipient.maskedName(), amount.toWire(),
                                "AWAITING_CONFIRMATION", clock.instant().plus(VALIDITY))));
    }

    @PostMapping(path = "/api/me/wallet/transfers/{transferId}/confirmation", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Completed> confirm(@PathVariable String transferId, Principal sender) {
        if (!transferId.matches("[A-Za-z0-9_-]{1,64}")) {
            return Mono.error(new DomainException(ErrorCode.TRANSFER_NOT_FOUND));
        }
        return commands.<TransferOutcome>send(new ConfirmTransfer(Transfer.idOf(transferId), Wallet.idOf(sender.getName())))
                .map(outcome -> new Completed(transferId, "COMPLETED", outcome.amount().toWire(),
                        outcome.senderBalance().toWire()));
    }
}

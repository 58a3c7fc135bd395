package az.ekabinet.command.wallet.transfer;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.AcceptsIdempotencyKey;
import az.ekabinet.command.shared.ClientAddress;
import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
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
 * "Digər şəxsin hesabına vəsait köçürmə" (transfer to another person): recipient cabinet number (its check digit
 * catches a typo), amount and own password → a preview with the recipient's masked name → confirmation, which moves the
 * money atomically. An unconfirmed transfer expires; confirming twice moves the money once. The steps are
 * {@link Transfers}'; this endpoint maps HTTP to them and holds the per-transfer limit with the other input rules.
 */
@RestController
@Tag(name = "wallet")
public class TransferEndpoint {

    public static final String ABOVE_MAXIMUM = "AMOUNT_ABOVE_MAXIMUM";

    private final Transfers transfers;
    private final Money maximum;

    public TransferEndpoint(Transfers transfers, TransferSettings settings) {
        this.transfers = transfers;
        this.maximum = settings.maximum();
    }

    public record TransferRequest(
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.CABINET_NUMBER,
                    description = "The recipient's cabinet number; its check digit catches a typing mistake")
            String recipientCabinetNumber,
            @Schema(requiredMode = REQUIRED, pattern = WireFormats.MONEY_IN, example = "20.00",
                    description = "More than 0, at most the per-transfer limit (1000.00 by default)") String amount,
            @Schema(requiredMode = REQUIRED, description = "My password") String password) {
    }

    @Schema(name = "TransferPreview")
    public record Preview(String transferId, String recipientCabinetNumber,
                          @Schema(description = "Masked, e.g. Məmmədov E. Ə.") String recipientName,
                          @Schema(pattern = WireFormats.MONEY_OUT) String amount,
                          @Schema(allowableValues = "AWAITING_CONFIRMATION") String status,
                          @Schema(description = "Confirm before this, or start again") Instant expiresAt) {
    }

    @Schema(name = "TransferCompleted")
    public record Completed(String transferId, @Schema(allowableValues = "COMPLETED") String status,
                            @Schema(pattern = WireFormats.MONEY_OUT) String amount,
                            @Schema(pattern = WireFormats.MONEY_OUT, description = "My balance after it")
                            String balance) {
    }

    @Operation(operationId = "prepareTransfer",
            summary = "Prepare a transfer to another cabinet (Digər şəxsin hesabına vəsait köçürmə)",
            description = "Davam et: checks my password and shows the recipient's masked name; nothing moves yet.")
    @ApiResponse(responseCode = "201", description = "Prepared: confirm it to move the money")
    @Refuses({ErrorCode.RECIPIENT_NOT_FOUND, ErrorCode.TRANSFER_TO_SELF, ErrorCode.CURRENT_PASSWORD_WRONG,
            ErrorCode.TOO_MANY_LOGIN_ATTEMPTS})
    @AcceptsIdempotencyKey
    @AdmittedAs(RequestClass.CRITICAL)
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
        return transfers.prepare(sender.getName(), body.password(), recipientNumber, amount, ClientAddress.of(request))
                .map(prepared -> new Preview(prepared.transferId(), prepared.recipientCabinetNumber(),
                        prepared.recipientMaskedName(), prepared.amount().toWire(), "AWAITING_CONFIRMATION",
                        prepared.expiresAt()));
    }

    @Operation(operationId = "confirmTransfer", summary = "Confirm a prepared transfer: the money moves",
            description = "My debit and the recipient's credit happen together or not at all; a repeat answers "
                    + "the same and moves nothing more.")
    @ApiResponse(responseCode = "200", description = "Completed")
    @Refuses({ErrorCode.TRANSFER_NOT_FOUND, ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.TRANSFER_EXPIRED})
    @AcceptsIdempotencyKey
    @AdmittedAs(RequestClass.CRITICAL)
    @PostMapping(path = "/api/me/wallet/transfers/{transferId}/confirmation", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Completed> confirm(@PathVariable String transferId, Principal sender) {
        if (!transferId.matches("[A-Za-z0-9_-]{1,64}")) {
            return Mono.error(new DomainException(ErrorCode.TRANSFER_NOT_FOUND));
        }
        return transfers.confirm(transferId, sender.getName())
                .map(outcome -> new Completed(transferId, "COMPLETED", outcome.amount().toWire(),
                        outcome.senderBalance().toWire()));
    }
}

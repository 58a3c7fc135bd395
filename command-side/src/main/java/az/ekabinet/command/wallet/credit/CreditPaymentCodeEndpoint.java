package az.ekabinet.command.wallet.credit;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import az.ekabinet.command.shared.AcceptsIdempotencyKey;
import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.shared.AdmittedAs;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.RequestClass;
import az.ekabinet.domain.shared.WireFormats;
import az.ekabinet.domain.wallet.CreditPaymentCode;
import az.ekabinet.domain.wallet.PaymentCodeCredited;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Məbləği hesabıma əlavə et" (add the amount to my account): credit a payment code to my wallet, whether picked from
 * my pending payments (way 1) or typed (way 2). A code credits exactly one wallet exactly once; the answer carries the
 * new balance, which a GET right after shows too.
 */
@RestController
@Tag(name = "wallet")
public class CreditPaymentCodeEndpoint {

    private final CommandDispatcher commands;

    public CreditPaymentCodeEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record CreditRequest(@Schema(requiredMode = REQUIRED, pattern = WireFormats.PAYMENT_CODE,
            description = "A payment code obtained electronically, or one of my pending payments'") String paymentCode) {
    }

    public record Credited(String paymentCode, @Schema(pattern = WireFormats.MONEY_OUT) String amount,
                           @Schema(pattern = WireFormats.MONEY_OUT, description = "The balance after the credit")
                           String balance) {
    }

    @Operation(operationId = "creditPaymentCode", summary = "Credit a payment code to my balance (Məbləği hesabıma əlavə et)",
            description = "A code credits exactly one wallet exactly once, whoever tries and however often.")
    @ApiResponse(responseCode = "201", description = "Credited")
    @Refuses({ErrorCode.PAYMENT_CODE_NOT_FOUND, ErrorCode.PAYMENT_CODE_ALREADY_CREDITED})
    @AcceptsIdempotencyKey
    @AdmittedAs(RequestClass.CRITICAL)
    @PostMapping(path = "/api/me/wallet/credits", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    public Mono<Credited> credit(@RequestBody CreditRequest body, Principal citizen) {
        var v = new FieldValidation();
        PaymentCode code = v.parse("paymentCode", body.paymentCode(), PaymentCode::of);
        v.throwIfInvalid();
        return commands.<PaymentCodeCredited>send(new CreditPaymentCode(citizen.getName(), code))
                .map(done -> new Credited(done.paymentCode(), done.amount().toWire(), done.balance().toWire()));
    }
}

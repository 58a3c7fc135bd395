package az.ekabinet.command.wallet.credit;

import az.ekabinet.command.shared.CommandDispatcher;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.wallet.CreditPaymentCode;
import az.ekabinet.domain.wallet.PaymentCodeCredited;
import java.security.Principal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * "Məbləği hesabıma əlavə et" (SPEC.md §4.3): credit a payment code to my wallet, whether picked from my pending
 * payments (way 1) or typed (way 2). A code credits exactly one wallet exactly once; the answer carries the new
 * balance, which a GET right after shows too.
 */
@RestController
public class CreditPaymentCodeEndpoint {

    private final CommandDispatcher commands;

    public CreditPaymentCodeEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    public record CreditRequest(String paymentCode) {
    }

    public record Credited(String paymentCode, String amount, String balance) {
    }

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

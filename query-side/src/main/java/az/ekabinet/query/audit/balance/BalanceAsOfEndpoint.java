package az.ekabinet.query.audit.balance;

import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Instants;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * GET /api/audit/wallets/{cabinetNumber}/balance?asOf=: what a wallet held at an instant (ISO-8601
 * with an offset; default now), computed from the event store: the wallet's events are replayed in their order up
 * to the last one that happened at or before {@code asOf} (by the time in the event itself). Only the cabinet
 * number → wallet id mapping comes from a read model. A wallet opened after {@code asOf} held 0.00. The replay is
 * {@link BalanceReplay}'s; this endpoint maps HTTP to it.
 */
@RestController
@Tag(name = "audit")
public class BalanceAsOfEndpoint {

    private final BalanceReplay replay;
    /** Now, when {@code asOf} is not given. */
    private final Clock clock;

    public BalanceAsOfEndpoint(BalanceReplay replay, Clock clock) {
        this.replay = replay;
        this.clock = clock;
    }

    public record BalanceAsOf(String cabinetNumber, Instant asOf, String balance, String currency,
                              long eventsReplayed) {
    }

    @Operation(operationId = "getBalanceAsOf", summary = "A wallet's balance at an instant, replayed from the event store",
            description = "The wallet's events up to the last one at or before asOf, replayed; no read model but the "
                    + "cabinet number's wallet.")
    @ApiResponse(responseCode = "200", description = "The balance")
    @Refuses({ErrorCode.WALLET_NOT_FOUND})
    @GetMapping(path = "/api/audit/wallets/{cabinetNumber}/balance", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<BalanceAsOf> balance(
            @Parameter(schema = @Schema(pattern = WireFormats.CABINET_NUMBER)) @PathVariable String cabinetNumber,
            @Parameter(schema = @Schema(format = "date-time"), description = "ISO-8601 with an offset; now by default")
            @RequestParam(required = false) String asOf) {
        var v = new FieldValidation();
        CabinetNumber number = v.parse("cabinetNumber", cabinetNumber, CabinetNumber::parse);
        Instant at = v.parseOptional("asOf", asOf, Instants::parse);
        v.throwIfInvalid();
        Instant until = at == null ? Instants.now(clock) : at;
        return replay.balanceAt(number, until)
                .map(replayed -> new BalanceAsOf(number.value(), until, Money.wire(replayed.balanceQepik()),
                        replayed.currency(), replayed.events()));
    }
}

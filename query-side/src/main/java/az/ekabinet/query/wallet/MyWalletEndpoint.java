package az.ekabinet.query.wallet;

import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.shared.WireFormats;
import az.ekabinet.query.paging.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** The citizen's own money account: balance, credits history, payments waiting to be credited. */
@RestController
@Tag(name = "wallet")
public class MyWalletEndpoint {

    private final DatabaseClient db;

    public MyWalletEndpoint(DatabaseClient db) {
        this.db = db;
    }

    public record Balance(@Schema(pattern = WireFormats.MONEY_OUT) String balance,
                          @Schema(allowableValues = "AZN") String currency) {
    }

    /**
     * One credit: a payment code, or a transfer received ({@code kind} TRANSFER_IN, from
     * {@code counterpartyCabinetNumber}). {@code kind} and {@code reference} are the credit's
     * {@link az.ekabinet.domain.wallet.MovementCause} as the read model keeps it.
     */
    public record Credit(@Schema(allowableValues = {"PAYMENT_CODE", "TRANSFER_IN"}) String kind,
                         @Schema(description = "The payment code, or the transfer's id") String reference,
                         String counterpartyCabinetNumber, @Schema(pattern = WireFormats.MONEY_OUT) String amount,
                         @Schema(pattern = WireFormats.MONEY_OUT) String balanceAfter, Instant creditedAt) {
    }

    /**
     * One use of the money: an exam fee (reference: application number) or a transfer to another cabinet; {@code kind}
     * and {@code reference} are the debit's {@link az.ekabinet.domain.wallet.MovementCause}.
     */
    public record Debit(@Schema(allowableValues = {"EXAM_FEE", "TRANSFER_OUT"}) String kind,
                        @Schema(description = "The application number, or the transfer's id") String reference,
                        String counterpartyCabinetNumber, @Schema(pattern = WireFormats.MONEY_OUT) String amount,
                        @Schema(pattern = WireFormats.MONEY_OUT) String balanceAfter, Instant debitedAt) {
    }

    public record PendingPayment(String paymentCode, String amount, String payerDocumentNumber, Instant paidAt,
                                 String provider) {
    }

    @Operation(operationId = "getBalance", summary = "My balance (Hesab)",
            description = "In AZN, as written by the command that last moved it.")
    @ApiResponse(responseCode = "200", description = "The balance")
    @GetMapping(path = "/api/me/wallet", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Balance> balance(Principal citizen) {
        return db.sql("SELECT balance_qepik, currency FROM readmodel.wallet WHERE cabinet_id = :cabinet")
                .bind("cabinet", citizen.getName())
                .map((row, meta) -> new Balance(Money.ofQepik(row.get("balance_qepik", Long.class)).toWire(),
                        row.get("currency", String.class)))
                .one()
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
    }

    @Operation(operationId = "listCredits", summary = "Money credited to me (Hesaba əlavə edilmiş məbləğlər), newest first",
            description = "Payment codes credited and transfers received.")
    @ApiResponse(responseCode = "200", description = "A page of credits")
    @GetMapping(path = "/api/me/wallet/credits", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<Credit>> credits(Principal citizen,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", maximum = "100000", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        return history("wallet_credit", "credited_at", citizen, page, size,
                (row, when) -> new Credit(row.get("kind", String.class), row.get("reference", String.class),
                        row.get("counterparty_cabinet_number", String.class),
                        Money.ofQepik(row.get("amount_qepik", Long.class)).toWire(),
                        Money.ofQepik(row.get("balance_after_qepik", Long.class)).toWire(), when));
    }

    @Operation(operationId = "listDebits", summary = "Uses of my money (Hesabdan istifadələr), newest first",
            description = "Exam fees and transfers to other cabinets.")
    @ApiResponse(responseCode = "200", description = "A page of debits")
    @GetMapping(path = "/api/me/wallet/debits", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Page<Debit>> debits(Principal citizen,
            @Parameter(schema = @Schema(type = "integer", minimum = "0", maximum = "100000", defaultValue = "0"))
            @RequestParam(required = false) String page,
            @Parameter(schema = @Schema(type = "integer", minimum = "1", maximum = "100", defaultValue = "20"))
            @RequestParam(required = false) String size) {
        return history("wallet_debit", "debited_at", citizen, page, size,
                (row, when) -> new Debit(row.get("kind", String.class), row.get("reference", String.class),
                        row.get("counterparty_cabinet_number", String.class),
                        Money.ofQepik(row.get("amount_qepik", Long.class)).toWire(),
                        Money.ofQepik(row.get("balance_after_qepik", Long.class)).toWire(), when));
    }

    /** A history table of the caller's wallet, newest first, one page. */
    private <T> Mono<Page<T>> history(String table, String timeColumn, Principal citizen, String page, String size,
                                      java.util.function.BiFunction<io.r2dbc.spi.Row, Instant, T> toItem) {
        Page.Request asked = Page.Request.of(page, size);
        return db.sql("SELECT h.* FROM readmodel." + table + " h JOIN readmodel.wallet w ON w.wallet_id = h.wallet_id "
                        + "WHERE w.cabinet_id = :cabinet ORDER BY h." + timeColumn + " DESC, h.event_sequence DESC "
                        + "LIMIT :limit OFFSET :offset")
                .bind("cabinet", citizen.getName())
                .bind("limit", asked.limit())
                .bind("offset", asked.offset())
                .map((row, meta) -> toItem.apply(row, row.get(timeColumn, OffsetDateTime.class).toInstant()))
                .all()
                .collectList()
                .map(asked::pageOf);
    }

    /** Way 1: payments made with any document number this cabinet has had, that nobody has credited yet. */
    @Operation(operationId = "listPendingPayments",
            summary = "Payments made with my identity document that nobody has credited yet",
            description = "Any document number my cabinet has had; one action per payment credits it.")
    @ApiResponse(responseCode = "200", description = "The payments, newest first")
    @GetMapping(path = "/api/me/wallet/pending-payments", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<List<PendingPayment>> pending(Principal citizen) {
        return db.sql("""
                        SELECT p.payment_code, p.amount_qepik, p.payer_document_number, p.paid_at, p.provider
                        FROM readmodel.cabinet_document d
                        JOIN readmodel.provider_payment p ON p.payer_document_number = d.document_number
                        WHERE d.cabinet_id = :cabinet AND p.credited_at IS NULL
                        ORDER BY p.paid_at DESC LIMIT 200""")
                .bind("cabinet", citizen.getName())
                .map((row, meta) -> new PendingPayment(row.get("payment_code", String.class),
                        Money.ofQepik(row.get("amount_qepik", Long.class)).toWire(),
                        row.get("payer_document_number", String.class),
                        row.get("paid_at", OffsetDateTime.class).toInstant(), row.get("provider", String.class)))
                .all()
                .collectList();
    }
}

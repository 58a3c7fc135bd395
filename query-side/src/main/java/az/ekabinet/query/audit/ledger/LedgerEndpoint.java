package az.ekabinet.query.audit.ledger;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.query.audit.KeysetPages;
import az.ekabinet.query.audit.LedgerRows;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.r2dbc.spi.Readable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/**
 * GET /api/audit/ledger?fromPosition=: the ledger from the line after {@code fromPosition} (default
 * 0: from the start) to its current end, as NDJSON ({@code application/x-ndjson}, one line per entry) or, for
 * {@code application/json}, the same entries as one JSON array. Streamed with back-pressure: the next page of
 * {@link KeysetPages#PAGE_SIZE} lines is read only when the client has taken the ones before, so memory holds a
 * page or two whatever the ledger's length.
 */
@RestController
@Tag(name = "audit")
public class LedgerEndpoint {

    public static final String POSITION_RULE = "LEDGER_POSITION_FORMAT";

    private final DatabaseClient db;

    public LedgerEndpoint(DatabaseClient db) {
        this.db = db;
    }

    /** A ledger line as on the wire; {@code hash} chains it to the line before (see {@code LedgerLine}). */
    @JsonPropertyOrder({"position", "cabinetNumber", "type", "amount", "balanceAfter", "cause", "occurredAt", "hash"})
    @Schema(name = "LedgerLine", description = "hash = lowercase hex SHA-256 of position|cabinetNumber|type|amount|"
            + "balanceAfter|cause|occurredAt|<the previous line's hash> (64 zeros before the first)")
    public record Line(long position, String cabinetNumber, String type, String amount, String balanceAfter,
                       String cause, String occurredAt, String hash) {

        /** A row of {@code readmodel.ledger_entry} read with {@link LedgerRows#COLUMNS}. */
        public static Line of(Readable row) {
            LedgerLine line = LedgerRows.line(row);
            return new Line(line.position(), line.cabinetNumber(), line.type().name(), line.amount(),
                    line.balanceAfter(), line.cause(), line.occurredAt(), row.get("hash", String.class));
        }
    }

    @Operation(operationId = "readLedger", summary = "The ledger: every wallet movement in order, hash-chained",
            description = "application/x-ndjson: one LedgerLine per line, streamed; application/json: the same lines "
                    + "as one array.")
    @ApiResponse(responseCode = "200", description = "The lines after fromPosition", content = {
            @Content(mediaType = "application/x-ndjson", schema = @Schema(implementation = Line.class)),
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Line.class)))})
    @GetMapping(path = "/api/audit/ledger",
            produces = {MediaType.APPLICATION_NDJSON_VALUE, MediaType.APPLICATION_JSON_VALUE})
    public Flux<Line> ledger(@Parameter(schema = @Schema(pattern = "^[0-9]{1,18}$"),
            description = "Lines after this position; 0 by default") @RequestParam(required = false) String fromPosition) {
        var v = new FieldValidation();
        Long from = v.parseOptional("fromPosition", fromPosition, LedgerEndpoint::position);
        v.throwIfInvalid();
        return KeysetPages.stream(from == null ? 0L : from, after -> db.sql("SELECT " + LedgerRows.COLUMNS
                        + " FROM readmodel.ledger_entry l WHERE l.position > :after ORDER BY l.position LIMIT :size")
                .bind("after", after)
                .bind("size", KeysetPages.PAGE_SIZE)
                .map(Line::of)
                .all(), Line::position);
    }

    /** A position: 0 or a positive whole number. */
    private static long position(String text) {
        if (!text.matches("[0-9]{1,18}")) {
            throw new InvalidValueException(POSITION_RULE);
        }
        return Long.parseLong(text);
    }
}

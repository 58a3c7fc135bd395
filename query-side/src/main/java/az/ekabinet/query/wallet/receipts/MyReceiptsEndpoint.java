package az.ekabinet.query.wallet.receipts;

import az.ekabinet.domain.shared.DomainException;
import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldValidation;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.query.audit.KeysetPages;
import az.ekabinet.query.audit.LedgerRows;
import az.ekabinet.query.audit.ledger.LedgerEndpoint;
import az.ekabinet.query.audit.tree.LedgerProofs;
import az.ekabinet.query.audit.tree.ProofEndpoint;
import az.ekabinet.query.audit.tree.TreeReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A citizen's receipts: each of their own ledger lines with its inclusion proof against the first signed checkpoint
 * that covers it. The checkpoint is signed by the centre's key and the proof ties the line to its root, so the
 * receipt is a statement the centre cannot later deny, and it stays the same every time it is asked for. A line
 * written after the latest checkpoint has no proof yet ({@code checkpoint} null) until the next one is signed.
 */
@RestController
@Tag(name = "wallet")
public class MyReceiptsEndpoint {

    /** Lines read per page of the citizen's receipts (each takes a proof's read). */
    private static final int PAGE = 100;

    private final DatabaseClient db;
    private final TreeReads tree;
    private final LedgerProofs proofs;

    public MyReceiptsEndpoint(DatabaseClient db, TreeReads tree, LedgerProofs proofs) {
        this.db = db;
        this.tree = tree;
        this.proofs = proofs;
    }

    @Schema(name = "Receipt", description = "A ledger line of mine with its RFC 6962 inclusion proof (leaf "
            + "leafIndex = position − 1) against the signed checkpoint of treeSize lines; checkpoint, treeSize and "
            + "inclusionProof are absent while no checkpoint covers the line yet")
    public record Receipt(LedgerEndpoint.Line line, long leafIndex, String checkpoint, Long treeSize,
                          List<String> inclusionProof) {
    }

    @Operation(operationId = "listReceipts", summary = "My ledger lines, each with its proof against a signed checkpoint",
            description = "In ledger order. Verify each with the offline verifier and the key at "
                    + "/api/audit/checkpoint/key (docs/audit.md).")
    @ApiResponse(responseCode = "200", description = "My receipts")
    @GetMapping(path = "/api/me/wallet/receipts", produces = MediaType.APPLICATION_JSON_VALUE)
    public Flux<Receipt> receipts(Principal citizen) {
        return KeysetPages.stream(0L, PAGE, after -> lines(citizen, "l.position > :after", after, PAGE),
                        LedgerEndpoint.Line::position)
                .concatMap(this::receipt);
    }

    @Operation(operationId = "getReceipt", summary = "One ledger line of mine with its proof against a signed checkpoint",
            description = "Another citizen's line, or a position with no line, is 404 NOT_FOUND alike.")
    @ApiResponse(responseCode = "200", description = "The receipt")
    @Refuses(ErrorCode.NOT_FOUND)
    @GetMapping(path = "/api/me/wallet/receipts/{position}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Receipt> receipt(Principal citizen,
            @Parameter(schema = @Schema(pattern = "^[1-9][0-9]{0,17}$"), description = "The line's position")
            @PathVariable String position) {
        var v = new FieldValidation();
        Long at = v.parse("position", position, ProofEndpoint::positive);
        v.throwIfInvalid();
        return lines(citizen, "l.position = :after", at, 1).next()
                .switchIfEmpty(Mono.error(() -> new DomainException(ErrorCode.NOT_FOUND)))
                .flatMap(this::receipt);
    }

    /**
     * The citizen's own lines matching {@code condition} on {@code :after}, in ledger order: found through the
     * wallet's events (the event store's key on the aggregate) and each one's line by its global index, so the ledger
     * needs no index of its own per wallet, which its rebuild would have to build again.
     */
    private Flux<LedgerEndpoint.Line> lines(Principal citizen, String condition, long after, int limit) {
        return db.sql("SELECT " + LedgerRows.COLUMNS + """
                         FROM readmodel.wallet w
                        JOIN domainevententry e ON e.aggregateidentifier = w.wallet_id
                        JOIN readmodel.ledger_entry l ON l.global_index = e.globalindex
                        WHERE w.cabinet_id = :cabinet AND\s""" + condition + " ORDER BY l.position LIMIT :limit")
                .bind("cabinet", citizen.getName())
                .bind("after", after)
                .bind("limit", limit)
                .map(LedgerEndpoint.Line::of)
                .all();
    }

    private Mono<Receipt> receipt(LedgerEndpoint.Line line) {
        long leaf = line.position() - 1;
        return tree.covering(line.position())
                .flatMap(checkpoint -> proofs.inclusion(line.position(), checkpoint.treeSize())
                        .map(proof -> new Receipt(line, leaf, checkpoint.note(), checkpoint.treeSize(), proof)))
                .defaultIfEmpty(new Receipt(line, leaf, null, null, null));
    }
}

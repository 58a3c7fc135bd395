package az.ekabinet.query.audit.reconciliation;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import az.ekabinet.query.audit.reconciliation.Reconciliation.Report;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * POST /api/audit/reconciliation (auditors): replays the event store and compares it with the read models and the
 * ledger, in one consistent snapshot; at most a few runs at once per node (more: 503 {@code SERVICE_BUSY}). The run
 * is {@link Reconciler}'s; this endpoint maps HTTP to it.
 */
@RestController
@Tag(name = "audit")
public class ReconciliationEndpoint {

    private final Reconciler reconciler;

    public ReconciliationEndpoint(Reconciler reconciler) {
        this.reconciler = reconciler;
    }

    @Operation(operationId = "reconcile", summary = "Replay the event store and compare it with the read models",
            description = "Checks every balance-after, no negative balance, credits − debits = Σ balances, each payment "
                    + "code credited at most once, each transfer both sides, the wallets' read model and the ledger "
                    + "(positions, hashes, lines). Reports every mismatch (the first 1000 listed). At most two at once "
                    + "per node.")
    @ApiResponse(responseCode = "200", description = "The report")
    @Refuses({ErrorCode.SERVICE_BUSY})
    @PostMapping(path = "/api/audit/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<Report> reconcile() {
        return reconciler.reconcile();
    }
}

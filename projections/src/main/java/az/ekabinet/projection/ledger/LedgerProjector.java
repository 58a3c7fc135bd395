package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.WalletOpened;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The auditors' ledger ({@code readmodel.ledger_entry}): every {@link FundsCredited} and
 * {@link FundsDebited} becomes one line with the next position (1, 2, 3, … without gaps), a hash over the line
 * and the previous line's hash ({@link LedgerLine}), and a leaf of the ledger's Merkle tree ({@link LedgerChain}).
 *
 * <p><b>The order is the event store's.</b> The processor has a single segment (configured with the other
 * processors), so one thread on one node appends; lines go in in global-index order, a line waiting while an event
 * with a lower index may still commit ({@link LedgerWriter}). Each line keeps its event's global index; positions,
 * hashes and tree nodes, once written, never change.
 *
 * <p><b>Replays.</b> {@link #reset()} empties the ledger; the processor then reads the event store from the start
 * and writes the identical lines again, the tree with them, and must meet every signed checkpoint on the way. The
 * administrators' replay writes the same lines in bulk instead ({@link LedgerRebuild}), dozens of times faster.
 *
 * <p>Redelivered events change nothing (a line per global index). A failure is never skipped: the ledger's
 * processing group propagates errors, so the batch rolls back and is retried, because a skipped event would be a
 * hole in the ledger.
 *
 * <p><b>Batches.</b> The handlers only collect; the lines of a whole processor batch are written when its unit of
 * work prepares to commit, in the processor's transaction and before its token ({@link LedgerBatch}): a handful of
 * round trips per batch instead of four per event, which is what lets a replay of millions of events finish in
 * minutes.
 */
@Component
@ProcessingGroup(LedgerProjector.PROCESSING_GROUP)
public class LedgerProjector {

    public static final String PROCESSING_GROUP = "ledger";

    private final JdbcTemplate jdbc;
    private final LedgerCheckpoints checkpoints;

    public LedgerProjector(JdbcTemplate jdbc, LedgerCheckpoints checkpoints) {
        this.jdbc = jdbc;
        this.checkpoints = checkpoints;
    }

    @EventHandler
    void on(WalletOpened event) {
        batch().opened(event.walletId(), event.cabinetNumber());
    }

    @EventHandler
    void on(FundsCredited event, @MessageIdentifier String eventId) {
        batch().moved(LedgerMovement.of(event, eventId));
    }

    @EventHandler
    void on(FundsDebited event, @MessageIdentifier String eventId) {
        batch().moved(LedgerMovement.of(event, eventId));
    }

    /** This unit of work's batch, written when it prepares to commit (the processor's whole batch is one unit). */
    private LedgerBatch batch() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(LedgerBatch.class.getName(), key -> {
            LedgerBatch batch = new LedgerBatch(new LedgerWriter(jdbc, checkpoints));
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> batch.write());
            return batch;
        });
    }

    /**
     * The signed checkpoints stay: the lines written again must meet them ({@link LedgerChain}). TRUNCATE, not
     * DELETE: a delete would leave the old lines as dead index entries at the top of the position
     * index, and finding the last line would step over all of them on every batch of the replay.
     */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.ledger_entry, readmodel.ledger_wallet, readmodel.ledger_held");
    }
}

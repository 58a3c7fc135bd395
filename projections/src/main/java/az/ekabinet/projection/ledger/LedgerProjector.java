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
 * {@link FundsDebited} becomes one line with the next position (1, 2, 3, … without gaps) and a hash over the line
 * and the previous line's hash ({@link LedgerLine}).
 *
 * <p><b>Why the chain follows the processing order.</b> The processor has a single segment (configured with the
 * other processors), so one thread on one node appends, and each line's position and previous hash are read in
 * the same transaction that stores the line and the processor's token. The chain is therefore the order in which
 * this processor handled the events. That is the global-index order, except when a transaction commits late: the
 * processor may already have passed its index (a gap it kept waiting for), and its event is then handled, and
 * appended, after events with higher indices. Each line keeps its event's global index for cross-checks; positions
 * and hashes, once written, never change.
 *
 * <p><b>Replays.</b> {@link #reset()} empties the ledger; the processor then reads the event store from the start
 * and appends again in the order it is given now, which is global-index order. A replay thus rebuilds the identical
 * chain whenever the events were first handled in that order (no late commit was overtaken); otherwise the lines and
 * their global indices are the same and only the order, hence positions and hashes, differs. The administrators'
 * replay writes the same lines in bulk instead ({@link LedgerRebuild}), dozens of times faster.
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

    public LedgerProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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
            LedgerBatch batch = new LedgerBatch(jdbc);
            CurrentUnitOfWork.get().root().onPrepareCommit(unitOfWork -> batch.write());
            return batch;
        });
    }

    /**
     * TRUNCATE, not DELETE: a delete would leave the old lines as dead index entries at the top of the position
     * index, and finding the last line would step over all of them on every batch of the replay.
     */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE readmodel.ledger_entry, readmodel.ledger_wallet");
    }
}

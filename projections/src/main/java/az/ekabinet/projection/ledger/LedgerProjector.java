package az.ekabinet.projection.ledger;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.LedgerLine;
import az.ekabinet.domain.wallet.LedgerLine.Type;
import az.ekabinet.domain.wallet.WalletOpened;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The auditors' ledger ({@code readmodel.ledger_entry}, SPEC.md §6–7): every {@link FundsCredited} and
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
 * their global indices are the same and only the order, hence positions and hashes, differs.
 *
 * <p>Redelivered events change nothing (a line per global index). A failure is never skipped: the ledger's
 * processing group propagates errors, so the batch rolls back and is retried, because a skipped event would be a
 * hole in the ledger.
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
        jdbc.update("""
                INSERT INTO readmodel.ledger_wallet (wallet_id, cabinet_number) VALUES (?, ?)
                ON CONFLICT DO NOTHING""", event.walletId(), event.cabinetNumber());
    }

    @EventHandler
    void on(FundsCredited event, @MessageIdentifier String eventId) {
        append(eventId, event.walletId(), Type.CREDIT, event.amountQepik(), event.balanceAfterQepik(), event.cause(),
                event.creditedAt());
    }

    @EventHandler
    void on(FundsDebited event, @MessageIdentifier String eventId) {
        append(eventId, event.walletId(), Type.DEBIT, event.amountQepik(), event.balanceAfterQepik(), event.cause(),
                event.debitedAt());
    }

    /**
     * The event's own global index is read from the store by its identifier: the processor's token is no substitute,
     * because an event that fills a gap (its transaction committed late) arrives with a token already past events
     * with higher indices, and using that position once made the ledger take such an event for a redelivery of
     * another and skip it.
     */
    private void append(String eventId, String walletId, Type type, long amountQepik, long balanceAfterQepik,
                        String cause, Instant occurredAt) {
        long globalIndex = jdbc.queryForObject("SELECT globalindex FROM domainevententry WHERE eventidentifier = ?",
                Long.class, eventId);
        if (!jdbc.queryForList("SELECT 1 FROM readmodel.ledger_entry WHERE global_index = ?", Integer.class,
                globalIndex).isEmpty()) {
            return; // redelivered: its line is already there
        }
        Last last = last();
        var line = new LedgerLine(last.position() + 1, cabinetNumberOf(walletId), type, amountQepik, balanceAfterQepik,
                cause, LedgerLine.timeText(occurredAt));
        jdbc.update("""
                INSERT INTO readmodel.ledger_entry (position, global_index, wallet_id, cabinet_number, type,
                    amount_qepik, balance_after_qepik, cause, occurred_at, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                line.position(), globalIndex, walletId, line.cabinetNumber(), type.name(), amountQepik,
                balanceAfterQepik, cause, line.occurredAt(), line.hash(last.hash()));
    }

    /** The ledger's last line so far: where the next one goes and the hash it chains to. */
    private record Last(long position, String hash) {
    }

    private Last last() {
        List<Last> last = jdbc.query("SELECT position, hash FROM readmodel.ledger_entry ORDER BY position DESC LIMIT 1",
                (rs, row) -> new Last(rs.getLong(1), rs.getString(2)));
        return last.isEmpty() ? new Last(0, LedgerLine.GENESIS_HASH) : last.get(0);
    }

    /** From the ledger's own WalletOpened mapping; the wallet read model (written with the command) as a fallback. */
    private String cabinetNumberOf(String walletId) {
        String number = jdbc.queryForObject("""
                SELECT coalesce((SELECT cabinet_number FROM readmodel.ledger_wallet WHERE wallet_id = ?),
                                (SELECT cabinet_number FROM readmodel.wallet WHERE wallet_id = ?))""",
                String.class, walletId, walletId);
        if (number == null) {
            throw new IllegalStateException("money moved in a wallet that was never opened: " + walletId);
        }
        return number;
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.ledger_entry");
        jdbc.update("DELETE FROM readmodel.ledger_wallet");
    }
}

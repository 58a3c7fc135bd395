package az.ekabinet.projection.wallet;

import az.ekabinet.domain.shared.InCommandTransaction;
import az.ekabinet.domain.transfer.Transfer;
import az.ekabinet.domain.transfer.TransferCompleted;
import az.ekabinet.domain.transfer.TransferPrepared;
import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.FundsDebited;
import az.ekabinet.domain.wallet.MovementCause;
import az.ekabinet.domain.wallet.WalletOpened;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Balances and credit history ({@code readmodel.wallet}, {@code readmodel.wallet_credit},
 * {@code readmodel.wallet_debit}, each movement's {@link MovementCause} in {@code kind} and {@code reference}).
 * Subscribing: written in the transaction of the command that moved the money, so what a citizen is told and what
 * they read agree. Rows are keyed by the wallet's event sequence, so an event applied twice changes nothing.
 */
@Component
@InCommandTransaction
@ProcessingGroup(WalletProjector.PROCESSING_GROUP)
public class WalletProjector {

    public static final String PROCESSING_GROUP = "wallet";

    /**
     * A movement's balance: parameters balance, sequence, wallet, sequence. It follows the movement's row in the same
     * statement (a data-modifying {@code WITH}), so a money event costs the command one round trip, not two.
     */
    private static final String BALANCE = """
            UPDATE readmodel.wallet SET balance_qepik = ?, last_event_sequence = ?
            WHERE wallet_id = ? AND last_event_sequence < ?""";

    private final JdbcTemplate jdbc;

    public WalletProjector(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(WalletOpened event, @SequenceNumber long sequence) {
        jdbc.update("""
                INSERT INTO readmodel.wallet (wallet_id, cabinet_id, cabinet_number, currency, balance_qepik, opened_at,
                    last_event_sequence) VALUES (?, ?, ?, ?, 0, ?, ?)
                ON CONFLICT (wallet_id) DO NOTHING""",
                event.walletId(), event.cabinetId(), event.cabinetNumber(), event.currency(),
                Timestamp.from(event.openedAt()), sequence);
    }

    @EventHandler
    void on(FundsCredited event, @SequenceNumber long sequence) {
        MovementCause cause = event.movementCause();
        // a transfer received names its sender's cabinet (another cause's reference names no transfer: null)
        jdbc.update("""
                WITH movement AS (
                    INSERT INTO readmodel.wallet_credit (wallet_id, event_sequence, kind, reference, amount_qepik,
                        balance_after_qepik, credited_at, counterparty_cabinet_number)
                    VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT w.cabinet_number FROM readmodel.transfer t
                        JOIN readmodel.wallet w ON w.wallet_id = t.from_wallet_id WHERE t.transfer_id = ?))
                    ON CONFLICT DO NOTHING)
                """ + BALANCE,
                event.walletId(), sequence, cause.kind().name(), cause.reference(), event.amountQepik(),
                event.balanceAfterQepik(), Timestamp.from(event.creditedAt()), Transfer.idOf(cause.reference()),
                event.balanceAfterQepik(), sequence, event.walletId(), sequence);
    }

    @EventHandler
    void on(FundsDebited event, @SequenceNumber long sequence) {
        MovementCause cause = event.movementCause();
        // a transfer sent names its recipient's cabinet (another cause's reference names no transfer: null)
        jdbc.update("""
                WITH movement AS (
                    INSERT INTO readmodel.wallet_debit (wallet_id, event_sequence, kind, reference, amount_qepik,
                        balance_after_qepik, debited_at, counterparty_cabinet_number)
                    VALUES (?, ?, ?, ?, ?, ?, ?,
                        (SELECT to_cabinet_number FROM readmodel.transfer WHERE transfer_id = ?))
                    ON CONFLICT DO NOTHING)
                """ + BALANCE,
                event.walletId(), sequence, cause.kind().name(), cause.reference(), event.amountQepik(),
                event.balanceAfterQepik(), Timestamp.from(event.debitedAt()), Transfer.idOf(cause.reference()),
                event.balanceAfterQepik(), sequence, event.walletId(), sequence);
    }

    @EventHandler
    void on(TransferPrepared event) {
        jdbc.update("""
                INSERT INTO readmodel.transfer (transfer_id, from_wallet_id, to_wallet_id, to_cabinet_number, amount_qepik,
                    status, prepared_at, expires_at) VALUES (?, ?, ?, ?, ?, 'AWAITING_CONFIRMATION', ?, ?)
                ON CONFLICT DO NOTHING""",
                event.transferId(), event.fromWalletId(), event.toWalletId(), event.toCabinetNumber(),
                event.amountQepik(), Timestamp.from(event.preparedAt()), Timestamp.from(event.expiresAt()));
    }

    @EventHandler
    void on(TransferCompleted event) {
        jdbc.update("UPDATE readmodel.transfer SET status = 'COMPLETED', completed_at = ? WHERE transfer_id = ?",
                Timestamp.from(event.completedAt()), event.transferId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.wallet_credit");
        jdbc.update("DELETE FROM readmodel.wallet_debit");
        jdbc.update("DELETE FROM readmodel.transfer");
        jdbc.update("DELETE FROM readmodel.wallet");
    }
}

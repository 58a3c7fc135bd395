package az.ekabinet.projection.wallet;

import az.ekabinet.domain.wallet.FundsCredited;
import az.ekabinet.domain.wallet.WalletOpened;
import java.sql.Timestamp;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Balances and credit history ({@code readmodel.wallet}, {@code readmodel.wallet_credit}). Subscribing: written in
 * the transaction of the command that moved the money, so what a citizen is told and what they read agree. Rows
 * are keyed by the wallet's event sequence, so an event applied twice changes nothing.
 */
@Component
@ProcessingGroup(WalletProjector.PROCESSING_GROUP)
public class WalletProjector {

    public static final String PROCESSING_GROUP = "wallet";

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
        int colon = event.cause().indexOf(':');
        jdbc.update("""
                INSERT INTO readmodel.wallet_credit (wallet_id, event_sequence, kind, reference, amount_qepik,
                    balance_after_qepik, credited_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING""",
                event.walletId(), sequence, event.cause().substring(0, colon), event.cause().substring(colon + 1),
                event.amountQepik(), event.balanceAfterQepik(), Timestamp.from(event.creditedAt()));
        jdbc.update("""
                UPDATE readmodel.wallet SET balance_qepik = ?, last_event_sequence = ?
                WHERE wallet_id = ? AND last_event_sequence < ?""",
                event.balanceAfterQepik(), sequence, event.walletId(), sequence);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM readmodel.wallet_credit");
        jdbc.update("DELETE FROM readmodel.wallet");
    }
}

package az.ekabinet.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** An independent re-check of wallets from the event store, as an auditor would do it. */
public record WalletLedger(JdbcTemplate jdbc) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Replays each wallet's events, checking every balance-after on the way and that no balance went negative,
     * and returns the replayed balances (qəpik) by wallet id.
     */
    public Map<String, Long> replay(List<String> wallets) {
        Map<String, Long> replayed = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Map<String, Object> event : jdbc.queryForList("""
                SELECT aggregateidentifier, payloadtype, payload FROM domainevententry
                WHERE aggregateidentifier = ANY(?) ORDER BY aggregateidentifier, sequencenumber""",
                (Object) wallets.toArray(String[]::new))) {
            String wallet = (String) event.get("aggregateidentifier");
            String type = (String) event.get("payloadtype");
            JsonNode payload = read((byte[]) event.get("payload"));
            long after = replayed.getOrDefault(wallet, 0L);
            if (type.endsWith("FundsCredited")) {
                after += payload.get("amountQepik").asLong();
            } else if (type.endsWith("FundsDebited")) {
                after -= payload.get("amountQepik").asLong();
            }
            if (after < 0 || payload.has("balanceAfterQepik") && payload.get("balanceAfterQepik").asLong() != after) {
                broken.add(wallet + " at " + payload);
            }
            replayed.put(wallet, after);
        }
        assertThat(broken).as("balance-after chain broken").isEmpty();
        return replayed;
    }

    /** The read model holds exactly the replayed balances. */
    public void assertReadModelEqualsReplay(List<String> wallets) {
        Map<String, Long> readModel = new HashMap<>();
        jdbc.query("SELECT wallet_id, balance_qepik FROM readmodel.wallet WHERE wallet_id = ANY(?)",
                rs -> { readModel.put(rs.getString(1), rs.getLong(2)); }, (Object) wallets.toArray(String[]::new));
        assertThat(readModel).hasSize(wallets.size()).isEqualTo(replay(wallets));
    }

    /**
     * Waits (at most {@code bound}) until the auditors' ledger, written asynchronously, has a line for every money
     * movement in the event store.
     */
    public void awaitLedgerCaughtUp(Duration bound) {
        await("the ledger caught up").atMost(bound).pollInterval(Duration.ofMillis(100)).until(() ->
                jdbc.queryForObject("""
                        SELECT (SELECT count(*) FROM domainevententry
                                WHERE payloadtype IN ('az.ekabinet.domain.wallet.FundsCredited',
                                                      'az.ekabinet.domain.wallet.FundsDebited'))
                             = (SELECT count(*) FROM readmodel.ledger_entry)""", Boolean.class));
    }

    private static JsonNode read(byte[] payload) {
        try {
            return JSON.readTree(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

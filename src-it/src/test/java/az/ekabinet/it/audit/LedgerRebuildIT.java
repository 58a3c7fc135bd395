package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.projection.ledger.LedgerCheckpoints;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilding the ledger: Axon's replay and the administrators' bulk rebuild write the same lines, positions and
 * hashes; the rebuild leaves to the processor what its token has not covered, and a rebuild that fails changes
 * nothing.
 */
@IntegrationTest
class LedgerRebuildIT extends AuditTests {

    /** Each line's Merkle tree nodes, as hex. */
    private static final String TREE = "SELECT position, encode(tree_hashes, 'hex') FROM readmodel.ledger_entry ORDER BY position";

    @Autowired
    LedgerCheckpoints checkpoints;

    /**
     * A replay (shutdown → reset → start, as an administrator's rebuild does it) empties the ledger and writes it again
     * from the event store, in global-index order, as it was first written: the very same lines, positions and hashes.
     */
    @Test
    void aReplayRebuildsTheChain() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "3.00");
        awaitLedgerCaughtUp();
        List<JsonNode> before = ledger(null);
        List<Long> indexesBefore = ledgerGlobalIndexes();

        replayByResettingTokens();

        List<JsonNode> after = ledger(null);
        recheck(after);
        List<Long> indexesAfter = ledgerGlobalIndexes();
        assertThat(indexesAfter).isSorted().isEqualTo(indexesBefore);
        assertThat(after).containsExactlyElementsOf(before);
    }

    /**
     * The administrators' replay rebuilds the ledger in bulk, beside the old one and swapped in: the very lines,
     * positions and hashes the processor writes when its tokens are reset, the tables' keys as they were, and the
     * processor goes on after them.
     */
    @Test
    void theAdministratorsRebuildWritesWhatTheProcessorsReplayWrites() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "4.00");
        awaitLedgerCaughtUp();
        replayByResettingTokens();
        List<JsonNode> replayed = ledger(null);
        List<Long> replayedIndexes = ledgerGlobalIndexes();
        List<Map<String, Object>> tree = jdbc.queryForList(TREE);
        List<Map<String, Object>> keys = ledgerKeys();
        String walletsQuery = "SELECT * FROM readmodel.ledger_wallet ORDER BY wallet_id";
        List<Map<String, Object>> wallets = jdbc.queryForList(walletsQuery);
        // spoiled by hand, so that only a rebuild that really rewrites both tables can give them back
        jdbc.update("UPDATE readmodel.ledger_entry SET cause = 'changed by hand', tree_hashes = sha256(tree_hashes) "
                + "WHERE position = 1");
        jdbc.update("""
                DELETE FROM readmodel.ledger_wallet WHERE wallet_id = (SELECT min(wallet_id) FROM readmodel.ledger_wallet)""");

        JsonNode rebuild = rebuildLedger();
        assertThat(rebuild.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(rebuild.get("eventsReplayed").asLong()).isEqualTo(replayed.size());
        assertThat(ledger(null)).containsExactlyElementsOf(replayed);
        assertThat(ledgerGlobalIndexes()).isEqualTo(replayedIndexes);
        assertThat(jdbc.queryForList(TREE)).as("the Merkle tree's nodes, line by line").isEqualTo(tree);
        assertThat(ledgerKeys()).isEqualTo(keys);
        assertThat(jdbc.queryForList(walletsQuery)).isEqualTo(wallets);

        bank.payInto(citizen.token(), "5.00");
        awaitLedgerCaughtUp();
        List<JsonNode> after = ledger(null);
        recheck(after);
        assertThat(after).hasSize(replayed.size() + 1);
        assertThat(after.get(after.size() - 1).get("amount").asText()).isEqualTo("5.00");
    }

    /**
     * The rebuild covers what the processor's token says it handled and no more: an event the token still waits for
     * (a gap: a transaction that committed after the processor passed its index) is left to the processor, and what
     * was handled above it waits, so that the processor, started again by the rebuild, appends both in global-index
     * order: the ledger the event store gives, whoever writes it.
     */
    @Test
    void anEventTheProcessorStillWaitsForIsLeftToTheProcessorAndTheLedgerKeepsGlobalIndexOrder() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "6.00");
        bank.payInto(citizen.token(), "7.00");
        awaitLedgerCaughtUp();
        List<JsonNode> before = ledger(null);
        List<Long> credits = jdbc.queryForList("""
                SELECT globalindex FROM domainevententry WHERE payloadtype = 'az.ekabinet.domain.wallet.FundsCredited'
                ORDER BY globalindex DESC LIMIT 2""", Long.class);
        long waitedFor = credits.get(1); // the 6.00
        long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        ledgerProcessor().shutDown(); // the rebuild starts it again
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            tokens.fetchToken("ledger", 0);
            tokens.storeToken(GapAwareTrackingToken.newInstance(head, Set.of(waitedFor)), "ledger", 0);
            tokens.releaseClaim("ledger", 0);
        });

        assertThat(rebuildLedger().get("state").asText()).isEqualTo("COMPLETED");
        awaitLedgerCaughtUp();
        List<JsonNode> ledger = ledger(null);
        recheck(ledger);
        assertThat(ledgerGlobalIndexes()).isSorted().endsWith(waitedFor, credits.get(0));
        assertThat(linesOf(ledger, citizen.cabinetNumber())).extracting(line -> line.get("amount").asText())
                .containsExactly("6.00", "7.00");
        assertThat(ledger).as("the very lines, positions and hashes as before").containsExactlyElementsOf(before);
    }

    /**
     * All or nothing: a rebuild that cannot swap its tables in (a reader holds the ledger past the swap's ten-second
     * wait) fails, leaves the ledger as it was and nothing of its own behind, and the processor goes on.
     */
    @Test
    void aRebuildThatFailsLeavesTheLedgerAsItWas() throws SQLException {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "8.00");
        awaitLedgerCaughtUp();
        List<JsonNode> before = ledger(null);

        try (Connection reader = jdbc.getDataSource().getConnection()) {
            reader.setAutoCommit(false);
            try (var statement = reader.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM readmodel.ledger_entry").close();
            }
            JsonNode failed = rebuildLedger();
            assertThat(failed.get("state").asText()).isEqualTo("FAILED");
            reader.rollback();
        }
        assertThat(ledger(null)).containsExactlyElementsOf(before);
        assertThat(jdbc.queryForObject("SELECT to_regclass('readmodel.ledger_entry_rebuilt') IS NULL", Boolean.class))
                .isTrue();

        bank.payInto(citizen.token(), "9.00");
        awaitLedgerCaughtUp();
        List<JsonNode> after = ledger(null);
        recheck(after);
        assertThat(after.get(after.size() - 1).get("amount").asText()).isEqualTo("9.00");
    }

    /**
     * A signed checkpoint is a public commitment: a rebuild whose tree would not meet it (here the stored checkpoint's
     * root spoiled by hand, as if the centre had signed another ledger) fails and changes nothing.
     */
    @Test
    void aRebuildThatWouldContradictASignedCheckpointChangesNothing() {
        SignedUp citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "2.00");
        awaitLedgerCaughtUp();
        checkpoints.signIfGrown();
        List<JsonNode> before = ledger(null);
        long size = jdbc.queryForObject("SELECT max(tree_size) FROM readmodel.ledger_checkpoint", Long.class);
        byte[] root = jdbc.queryForObject("SELECT root_hash FROM readmodel.ledger_checkpoint WHERE tree_size = ?",
                byte[].class, size);
        jdbc.update("UPDATE readmodel.ledger_checkpoint SET root_hash = sha256(root_hash) WHERE tree_size = ?", size);
        try {
            JsonNode refused = rebuildLedger();
            assertThat(refused.get("state").asText()).isEqualTo("FAILED");
        } finally {
            jdbc.update("UPDATE readmodel.ledger_checkpoint SET root_hash = ? WHERE tree_size = ?", root, size);
        }
        assertThat(ledger(null)).containsExactlyElementsOf(before);
        assertThat(rebuildLedger().get("state").asText()).isEqualTo("COMPLETED");
        assertThat(ledger(null)).containsExactlyElementsOf(before);
    }

    /** Axon's own replay of the ledger: shutdown, reset tokens, start; until it has caught up again. */
    private void replayByResettingTokens() {
        StreamingEventProcessor processor = ledgerProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitLedgerCaughtUp();
    }

    private StreamingEventProcessor ledgerProcessor() {
        return processing.eventProcessor("ledger", StreamingEventProcessor.class).orElseThrow();
    }

    /** POST /api/admin/projections/ledger/replay and its final status. */
    private JsonNode rebuildLedger() {
        return AdminClient.demo(http).replay("ledger", Duration.ofSeconds(60));
    }

    /** The ledger tables' keys and indexes, as the catalog defines them. */
    private List<Map<String, Object>> ledgerKeys() {
        return jdbc.queryForList("""
                SELECT tablename, indexname, indexdef FROM pg_indexes
                WHERE schemaname = 'readmodel' AND tablename IN ('ledger_entry', 'ledger_wallet')
                UNION ALL
                SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
                WHERE conrelid IN ('readmodel.ledger_entry'::regclass, 'readmodel.ledger_wallet'::regclass)
                ORDER BY 1, 2""");
    }

    private List<Long> ledgerGlobalIndexes() {
        return jdbc.queryForList("SELECT global_index FROM readmodel.ledger_entry ORDER BY position", Long.class);
    }
}

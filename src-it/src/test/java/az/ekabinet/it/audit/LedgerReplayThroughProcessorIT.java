package az.ekabinet.it.audit;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The ledger's bulk rebuild reads stored payloads as they are, which is right only while no upcaster is registered.
 * With one registered, the administrators' replay of the ledger goes through its processor instead (its tokens
 * reset), and the ledger comes out as the events say.
 */
@IntegrationTest
@Import(LedgerReplayThroughProcessorIT.OneUpcaster.class)
@DirtiesContext // its upcaster serves this class only: closed now, not kept until the test JVM exits
class LedgerReplayThroughProcessorIT {

    /** The ledger's lines as the events make them, whatever the order the processor first wrote them in. */
    private static final String LINES = """
            SELECT global_index, wallet_id, cabinet_number, type, amount_qepik, balance_after_qepik, cause, occurred_at
            FROM readmodel.ledger_entry ORDER BY global_index""";
    private static final String LEDGER_TABLE = "SELECT 'readmodel.ledger_entry'::regclass::oid::bigint";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    @Test
    void withAnUpcasterRegisteredTheLedgerIsReplayedThroughItsProcessor() {
        CitizenClient citizens = new CitizenClient(http);
        SignedUp citizen = citizens.signUp("a password replayed the slow way");
        ProviderClient.demoBank(http, clock).payInto(citizen.token(), "3.00");
        awaitLedgerCaughtUp();
        List<Map<String, Object>> lines = jdbc.queryForList(LINES);
        long table = jdbc.queryForObject(LEDGER_TABLE, Long.class);
        jdbc.update("""
                UPDATE readmodel.ledger_entry SET cause = 'changed by hand'
                WHERE position = (SELECT max(position) FROM readmodel.ledger_entry)""");

        JsonNode replay = AdminClient.demo(http).replay("ledger", Duration.ofSeconds(60));

        assertThat(replay.get("state").asText()).isEqualTo("COMPLETED");
        // the processor wrote its own table again; a bulk rebuild would have swapped in another one
        assertThat(jdbc.queryForObject(LEDGER_TABLE, Long.class)).isEqualTo(table);
        assertThat(replay.get("eventsReplayed").asLong()).as("counted only by a bulk rebuild").isZero();
        awaitLedgerCaughtUp();
        assertThat(jdbc.queryForList(LINES)).isEqualTo(lines);
    }

    private void awaitLedgerCaughtUp() {
        new WalletLedger(jdbc).awaitLedgerCaughtUp(Duration.ofSeconds(30));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OneUpcaster {

        /** Hands every event on as it is: being registered is enough. */
        @Bean
        EventUpcaster eachEventAsItIs() {
            return events -> events.map(event -> event);
        }
    }
}

package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The ledger and the ops counters read new events at most once per background read interval: the commits woken
 * for in between are handled together when it is over (here 2 s, and no poll for other nodes' events within the
 * test, so only that deferred wake-up can bring them).
 */
@IntegrationTest
@DirtiesContext // its settings serve this class only: closed now, not kept until the test JVM exits
@TestPropertySource(properties = {"ekabinet.axon.background-read-interval-ms=2000",
        "ekabinet.axon.other-nodes-poll-ms=600000"})
class BackgroundProcessorsIT {

    private static final int CREDITS = 8;

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void creditsCommittedInQuickSuccessionAreWrittenToTheLedgerInFewTransactionsAndCounted() {
        var citizen = new CitizenClient(http).signUp("citizen's own password");
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        long countedBefore = counted();

        for (int i = 0; i < CREDITS; i++) {
            bank.payInto(citizen.token(), "1.00");
        }

        await().atMost(Duration.ofSeconds(15)).until(() -> lines(citizen.cabinetNumber()) == CREDITS);
        await().atMost(Duration.ofSeconds(15)).until(() -> counted() == countedBefore + CREDITS);
        // each credit's own transaction would make CREDITS; credits acknowledged within one interval share one
        Integer transactions = jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM readmodel.ledger_entry "
                + "WHERE cabinet_number = ?", Integer.class, citizen.cabinetNumber());
        assertThat(transactions).as("transactions writing %d credits' ledger lines", CREDITS)
                .isLessThanOrEqualTo(CREDITS / 2);
    }

    private int lines(String cabinetNumber) {
        return jdbc.queryForObject("SELECT count(*) FROM readmodel.ledger_entry WHERE cabinet_number = ?",
                Integer.class, cabinetNumber);
    }

    private long counted() {
        return jdbc.queryForObject("SELECT payments_credited FROM readmodel.ops_counters", Long.class);
    }
}

package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The streaming processors (provider payments, wallet opening, ops counters, the ledger) that have reached the
 * newest events read each commit's events from the store once between them, not once each.
 */
@IntegrationTest
class SharedEventReadIT {

    private static final int PAYMENTS = 20;

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeterRegistry meters;

    @Test
    void processorsAtTheNewestEventsShareOneReadPerCommit() {
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        payOneAtATime(bank, 3); // every processor has caught up with whatever ran before

        double sharedBefore = reads("shared");
        double allBefore = sharedBefore + reads("own");
        long started = System.nanoTime();
        payOneAtATime(bank, PAYMENTS);
        double seconds = (System.nanoTime() - started) / 1e9;
        double shared = reads("shared") - sharedBefore;
        double all = reads("shared") + reads("own") - allBefore;

        // Four processors each reading for itself would make at least 4 reads per payment. Shared: one per commit,
        // plus one per poll interval (1 s) for other nodes' events, plus a few for a stream briefly out of step.
        assertThat(shared).as("shared reads").isGreaterThanOrEqualTo(PAYMENTS);
        assertThat(all).as("all reads for %d payments in %.1f s", PAYMENTS, seconds)
                .isLessThan(PAYMENTS * 1.5 + 2 * Math.ceil(seconds));
    }

    /** Each payment is projected before the next is sent, so each commit is read on its own. */
    private void payOneAtATime(ProviderClient bank, int payments) {
        List<String> codes = IntStream.range(0, payments).mapToObj(i -> Ids.paymentCode()).toList();
        for (String code : codes) {
            bank.post(bank.notification(code, "1.00", "AZE12345678")).expectStatus().isCreated();
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                    "SELECT count(*) FROM readmodel.provider_payment WHERE payment_code = ?", Integer.class,
                    code) == 1);
        }
    }

    private double reads(String kind) {
        return meters.get("ekabinet.event.source.reads").tag("kind", kind).counter().count();
    }
}

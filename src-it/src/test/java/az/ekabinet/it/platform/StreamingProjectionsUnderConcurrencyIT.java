package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Concurrent writers commit out of global-index order, so the streaming projections see holes that fill later.
 * None may skip an event: every money event has its ledger line under its own global index, and every payment its
 * provider-payments row. (A ledger keyed on the processor's token position once skipped events that filled holes.)
 */
@IntegrationTest
class StreamingProjectionsUnderConcurrencyIT {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    @Test
    void concurrentCreditsLeaveNoEventBehind() {
        CitizenClient citizens = new CitizenClient(http);
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        List<String> tokens = Flux.range(0, 12).map(i -> citizens.signUp("a concurrency test password").token())
                .collectList().block();
        List<String> codes = Flux.range(0, 96).map(i -> Ids.paymentCode())
                .doOnNext(code -> bank.post(bank.notification(code, "1.00", "AA1234567")).expectStatus().isCreated())
                .collectList().block();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<Integer> statuses = Flux.range(0, codes.size())
                .flatMap(i -> client.post().uri("/api/me/wallet/credits")
                        .headers(h -> h.setBearerAuth(tokens.get(i % tokens.size())))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"paymentCode\":\"" + codes.get(i) + "\"}")
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 24)
                .collectList().block(Duration.ofMinutes(2));
        assertThat(statuses).containsOnly(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(jdbc.queryForList("""
                    SELECT e.globalindex FROM domainevententry e
                    WHERE e.payloadtype IN ('az.ekabinet.domain.wallet.FundsCredited', 'az.ekabinet.domain.wallet.FundsDebited')
                    AND NOT EXISTS (SELECT 1 FROM readmodel.ledger_entry l WHERE l.global_index = e.globalindex)""",
                    Long.class)).as("money events without their ledger line").isEmpty();
            assertThat(jdbc.queryForList("""
                    SELECT e.aggregateidentifier FROM domainevententry e
                    WHERE e.payloadtype = 'az.ekabinet.domain.payment.PaymentCodeRedeemed'
                    AND NOT EXISTS (SELECT 1 FROM readmodel.provider_payment p
                                    WHERE 'payment:' || p.payment_code = e.aggregateidentifier AND p.credited_at IS NOT NULL)""",
                    String.class)).as("credited payments not shown as credited").isEmpty();
        });
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM readmodel.ledger_entry l JOIN domainevententry e ON e.globalindex = l.global_index
                WHERE convert_from(e.payload, 'UTF8')::jsonb ->> 'cause' <> l.cause""", Long.class))
                .as("ledger lines filed under another event's global index").isZero();
    }
}

package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.money.Money;
import az.ekabinet.domain.payment.PaymentCode;
import az.ekabinet.domain.payment.RecordProviderPayment;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * Global-index gaps: events whose transactions commit after later events are already
 * projected must still reach every projection.
 */
@IntegrationTest
class LateCommitIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    CommandGateway commands;
    @LocalServerPort
    int port;

    private int projected(List<String> codes) {
        return jdbc.queryForObject("SELECT count(*) FROM readmodel.provider_payment WHERE payment_code = ANY(?)",
                Integer.class, (Object) codes.toArray(String[]::new));
    }

    @Test
    void aTransactionCommittingAfterLaterEventsWereProjectedIsNotSkipped() {
        String lateCode = Ids.paymentCode();
        List<String> laterCodes = IntStream.range(0, 5).mapToObj(i -> Ids.paymentCode()).toList();
        ProviderClient bank = ProviderClient.demoBank(http, clock);

        transaction.executeWithoutResult(held -> {
            // The append joins this transaction: its global index is taken now, its commit comes last.
            commands.sendAndWait(new RecordProviderPayment(PaymentCode.of(lateCode), Money.parse("1.00"),
                    DocumentNumber.parse("AZE12345678"), Instant.parse("2026-01-01T00:00:00Z"), "demo-bank"));
            laterCodes.forEach(code -> bank.post(bank.notification(code, "2.00", "AZE12345678"))
                    .expectStatus().isCreated());
            await().atMost(Duration.ofSeconds(10)).until(() -> projected(laterCodes) == laterCodes.size());
            assertThat(projected(List.of(lateCode))).isZero();
        });

        await().atMost(Duration.ofSeconds(20)).until(() -> projected(List.of(lateCode)) == 1);
    }

    @Test
    void manyConcurrentWritersLoseNoEventInTheProjection() {
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        WebClient client = WebClient.create("http://localhost:" + port);
        List<String> codes = IntStream.range(0, 300).mapToObj(i -> Ids.paymentCode()).toList();

        List<Integer> statuses = Flux.fromIterable(codes)
                .flatMap(code -> {
                    String body = bank.notification(code, "3.00", "AA1234567");
                    long ts = clock.instant().getEpochSecond();
                    return client.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                            .header("X-Ekabinet-Provider", "demo-bank")
                            .header("X-Ekabinet-Timestamp", Long.toString(ts))
                            .header("X-Ekabinet-Signature", bank.sign(ts, body.getBytes()))
                            .bodyValue(body)
                            .<Integer>exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
                }, 32)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(codes.size()).containsOnly(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> projected(codes) == codes.size());
    }
}

package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * A bank test in the style of Jepsen's: 20 wallets, concurrent random transfers and payment-code credits for a
 * bounded time, with snapshot reads of all balances meanwhile. Money must never appear or vanish: in every
 * snapshot the wallets hold exactly what was credited to them by payment codes, no balance is ever negative, no
 * answer is a 5xx; at the end every read-model balance equals the balance replayed from the event store.
 */
@IntegrationTest
class BankIT {

    static final int WALLETS = 20;
    static final Duration RUN = Duration.ofSeconds(15);
    static final String PASSWORD = "bank test password";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    record Account(String cabinetId, String cabinetNumber, String token) {
    }

    @Test
    void moneyIsNeverCreatedNorDestroyed() {
        var citizens = new CitizenClient(http);
        var bank = ProviderClient.demoBank(http, clock);
        List<Account> accounts = Flux.range(0, WALLETS)
                .flatMap(i -> Mono.fromCallable(() -> {
                    var signedUp = citizens.signUp(PASSWORD);
                    return new Account("cabinet:" + signedUp.fin(), signedUp.cabinetNumber(), signedUp.token());
                }).subscribeOn(Schedulers.boundedElastic()), 8)
                .collectList().block(Duration.ofSeconds(120));
        List<String> wallets = accounts.stream().map(a -> "wallet:" + a.cabinetId()).toList();

        WebClient client = WebClient.create("http://localhost:" + port);
        Instant end = Instant.now().plus(RUN);
        var statuses = new ConcurrentLinkedQueue<Integer>();
        var snapshots = new AtomicInteger();
        var violations = new ConcurrentLinkedQueue<String>();

        Flux<Integer> credits = Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> Instant.now().isBefore(end))
                .concatMap(i -> {
                    Account to = accounts.get(ThreadLocalRandom.current().nextInt(WALLETS));
                    String code = Ids.paymentCode();
                    int qepik = ThreadLocalRandom.current().nextInt(1, 5000); // 0.01–49.99: a payment is never 0
                    String amount = qepik / 100 + "." + String.format("%02d", qepik % 100);
                    return Mono.fromRunnable(() -> bank.post(bank.notification(code, amount, "AA1234567"))
                                    .expectStatus().isCreated())
                            .subscribeOn(Schedulers.boundedElastic())
                            .then(call(client.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(to.token()))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue("{\"paymentCode\":\"" + code + "\"}")));
                });
        Flux<Integer> transfers = Flux.range(0, 6).flatMap(worker -> Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> Instant.now().isBefore(end))
                .concatMap(i -> transfer(client, accounts)));
        Flux<Integer> readers = Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(i -> Instant.now().isBefore(end))
                .concatMap(i -> Mono.fromRunnable(() -> {
                    snapshot(wallets).ifPresent(violations::add);
                    snapshots.incrementAndGet();
                }).subscribeOn(Schedulers.boundedElastic()).thenReturn(0)
                        .then(Mono.delay(Duration.ofMillis(50)).thenReturn(0)));

        Flux.merge(credits.subscribeOn(Schedulers.boundedElastic()), transfers, readers)
                .doOnNext(status -> { if (status != 0) statuses.add(status); })
                .blockLast(RUN.plusSeconds(60));

        assertThat(violations).isEmpty();
        assertThat(snapshots.get()).isGreaterThan(10);
        assertThat(statuses).isNotEmpty().allMatch(s -> s < 500, "no 5xx");
        assertThat(statuses).contains(200); // transfers did complete
        assertThat(snapshot(wallets)).isEmpty();
        new WalletLedger(jdbc).assertReadModelEqualsReplay(wallets);
    }

    private Mono<Integer> transfer(WebClient client, List<Account> accounts) {
        Account from = accounts.get(ThreadLocalRandom.current().nextInt(WALLETS));
        Account to = accounts.get(ThreadLocalRandom.current().nextInt(WALLETS));
        if (from == to) {
            return Mono.just(0);
        }
        String amount = ThreadLocalRandom.current().nextInt(0, 30) + "." + String.format("%02d",
                ThreadLocalRandom.current().nextInt(1, 100));
        return client.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                        .formatted(to.cabinetNumber(), amount, PASSWORD))
                .exchangeToMono(r -> r.statusCode().value() != 201
                        ? r.releaseBody().thenReturn(r.statusCode().value())
                        : r.bodyToMono(JsonNode.class).flatMap(preview -> call(client.post()
                                .uri("/api/me/wallet/transfers/{id}/confirmation", preview.get("transferId").asText())
                                .headers(h -> h.setBearerAuth(from.token())))));
    }

    private static Mono<Integer> call(WebClient.RequestHeadersSpec<?> request) {
        return request.exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    /** One consistent snapshot (a single statement) of all balances against all money credited by codes. */
    private java.util.Optional<String> snapshot(List<String> wallets) {
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT (SELECT coalesce(sum(balance_qepik), 0) FROM readmodel.wallet WHERE wallet_id = ANY(?)) AS held,
                       (SELECT coalesce(sum(amount_qepik), 0) FROM readmodel.wallet_credit
                         WHERE kind = 'PAYMENT_CODE' AND wallet_id = ANY(?)) AS credited,
                       (SELECT count(*) FROM readmodel.wallet WHERE wallet_id = ANY(?) AND balance_qepik < 0) AS negative""",
                wallets.toArray(String[]::new), wallets.toArray(String[]::new), wallets.toArray(String[]::new));
        long held = ((Number) row.get("held")).longValue();
        long credited = ((Number) row.get("credited")).longValue();
        long negative = ((Number) row.get("negative")).longValue();
        return held == credited && negative == 0 ? java.util.Optional.empty()
                : java.util.Optional.of("held " + held + " credited " + credited + " negative " + negative);
    }

}

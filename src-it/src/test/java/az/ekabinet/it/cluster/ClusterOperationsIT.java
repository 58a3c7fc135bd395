package az.ekabinet.it.cluster;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static az.ekabinet.it.support.ResultClient.HEADER;
import static az.ekabinet.it.support.ResultClient.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.domain.ledger.verifier.LedgerVerifier;
import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.Prometheus;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.ResultClient.Applicant;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * What operators, auditors and administrators see and do with two nodes: live streams that hear both nodes, one
 * ledger, replays run on one node while the other serves, and a deploy that restarts every node without a failed
 * request.
 */
class ClusterOperationsIT extends ClusterTests {

    /** A status stream open on node B hears a confirmation made through node A, in well under a second. */
    @Test
    void aStatusStreamOnOneNodeHearsAConfirmationOnTheOther() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "50.00");
        ApplicationClient onA = new ApplicationClient(nodeA);
        String number = onA.start(me.token(), DEMO_SESSION);
        onA.fillIn(me.token(), number);
        long[] confirming = new long[1];

        Flux<ServerSentEvent<JsonNode>> statuses = WebClient.create(cluster.node(1).baseUrl()).get()
                .uri("/api/applications/{n}/status-stream", number).headers(h -> h.setBearerAuth(me.token()))
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(EVENTS)
                .filter(event -> event.data() != null);
        StepVerifier.create(statuses)
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("DRAFT"))
                .then(() -> {
                    confirming[0] = System.nanoTime();
                    onA.confirm(me.token(), number).expectStatus().isOk();
                })
                .assertNext(event -> {
                    assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED");
                    assertThat(Duration.ofNanos(System.nanoTime() - confirming[0])).isLessThan(Duration.ofSeconds(1));
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    /**
     * Results imported through either node build on what the other recorded (a node's cached results are checked
     * against the store); a publication set through node A reaches a status stream open on node B at its instant,
     * and both nodes answer the result alike, with the same ETag.
     */
    @Test
    void resultsImportedAndPublishedThroughOneNodeAreWhatTheOtherShows() {
        ResultClient onA = new ResultClient(nodeA, Clock.systemUTC());
        ResultClient onB = new ResultClient(nodeB, Clock.systemUTC());
        String session = onA.sessionWithSheet();
        Applicant applicant = onA.confirmedApplicant(session);
        assertThat(onB.imported(session, HEADER + line(applicant.number(), "40", "30", "70")).get("recorded").asLong())
                .isEqualTo(1);
        assertThat(onA.imported(session, HEADER + line(applicant.number(), "41", "30", "71")).get("corrected").asLong())
                .isEqualTo(1);
        JsonNode again = onB.imported(session, HEADER + line(applicant.number(), "41", "30", "71"));
        assertThat(again.get("unchanged").asLong()).as("node B knows node A's correction").isEqualTo(1);

        Instant publishAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MICROS);
        onA.publish(session, publishAt).expectStatus().isOk();
        Flux<ServerSentEvent<JsonNode>> statuses = WebClient.create(cluster.node(1).baseUrl()).get()
                .uri("/api/applications/{n}/status-stream", applicant.number())
                .headers(h -> h.setBearerAuth(applicant.token())).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(EVENTS).filter(event -> event.data() != null);
        StepVerifier.create(statuses)
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED"))
                .assertNext(event -> {
                    assertThat(event.data().get("status").asText()).isEqualTo("RESULT_PUBLISHED");
                    assertThat(Instant.now()).isAfterOrEqualTo(publishAt);
                })
                .expectComplete()
                .verify(Duration.ofSeconds(30));

        String etagOnA = onA.result(applicant.token(), applicant.number()).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo("71.0").returnResult().getResponseHeaders().getETag();
        nodeB.get().uri("/api/applications/{n}/result", applicant.number())
                .headers(h -> h.setBearerAuth(applicant.token())).header(HttpHeaders.IF_NONE_MATCH, etagOnA)
                .exchange().expectStatus().isNotModified();
    }

    /** An operator's stream on node B shows what commands on node A did; the auditors see one consistent ledger. */
    @Test
    void operatorsAndAuditorsSeeWhatEveryNodeDid() {
        String operator = new CitizenClient(nodeB).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        OpsStreams ops = new OpsStreams(WebClient.create(cluster.node(1).baseUrl()), operator);
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        String code = Ids.paymentCode();

        StepVerifier.create(ops.stream(null).filter(OpsStreams::isActivity).map(OpsStreams::json)
                        .filter(activity -> activity.get("type").asText().equals("FundsCredited")
                                && activity.get("amount").asText().equals("12.34")))
                .then(() -> {
                    bank(nodeA).post(bank(nodeA).notification(code, "12.34", "AA1234567")).expectStatus().isCreated();
                    nodeA.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(me.token()))
                            .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                            .exchange().expectStatus().isCreated();
                })
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        // the counters add up what every node admitted: more logins than either node admitted alone
        long loginsOnA = admittedLogins(nodeA, operator);
        long loginsOnB = admittedLogins(nodeB, operator);
        assertThat(loginsOnA).as("logins admitted by node A").isPositive();
        assertThat(loginsOnB).as("logins admitted by node B").isPositive();
        StepVerifier.create(ops.stream(null).filter(OpsStreams::isCounters).map(OpsStreams::json)
                        .filter(counters -> StreamSupport.stream(counters.get("admission").spliterator(),
                                        false)
                                .anyMatch(c -> c.get("requestClass").asText().equals("password")
                                        && c.get("admitted").asLong() >= loginsOnA + loginsOnB)))
                .expectNextCount(1)
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        String auditor = new CitizenClient(nodeA).token("auditor", "demo-auditor-2026");
        WebTestClient ledgerReader = nodeB.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(64 << 20)).build();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ledgerReader.get()
                .uri("/api/audit/ledger?fromPosition=0").headers(h -> h.setBearerAuth(auditor))
                .accept(MediaType.parseMediaType("application/x-ndjson")).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody()).contains("PAYMENT_CODE:" + code));
        cluster.http().post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /**
     * The ledger's checkpoints are signed on whichever node with the one key the demo cluster keeps in its database:
     * both nodes publish the same key, and a citizen's receipt read through one node, for a payment made through the
     * other, is proven against a checkpoint the offline verifier opens with the key the first node published.
     */
    @Test
    void everyNodeSignsTheOneLedgerWithTheOneKey() throws Exception {
        String keyA = text(nodeA, "/api/audit/checkpoint/key");
        assertThat(text(nodeB, "/api/audit/checkpoint/key")).isEqualTo(keyA);
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        bank(nodeA).payInto(me.token(), "7.00");

        JsonNode receipt = await("a checkpoint covers my line (signed every 10 s on every node)")
                .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> nodeB.get().uri("/api/me/wallet/receipts").headers(h -> h.setBearerAuth(me.token()))
                        .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody(),
                        receipts -> receipts.size() == 1 && receipts.get(0).hasNonNull("checkpoint")).get(0);
        Path dir = Files.createTempDirectory("receipt");
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = LedgerVerifier.run(new String[] {
                "--key", Files.writeString(dir.resolve("ledger.vkey"), keyA).toString(),
                "--receipt", Files.writeString(dir.resolve("receipt.json"), receipt.toString()).toString(),
                "--checkpoint", Files.writeString(dir.resolve("latest.txt"),
                        text(nodeA, "/api/audit/checkpoint")).toString()},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        assertThat(exit).as(output.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static String text(WebTestClient node, String uri) {
        return node.get().uri(uri).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
    }

    /** The password-class requests a node says it admitted ({@code /actuator/prometheus}). */
    private static long admittedLogins(WebTestClient node, String operator) {
        var line = Pattern.compile(
                "^ekabinet_admission_requests_total\\{[^}]*class=\"password\"[^}]*outcome=\"admitted\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(Prometheus.scrape(node, operator));
        assertThat(line.find()).as("the admission counter in the node's metrics").isTrue();
        return (long) Double.parseDouble(line.group(1));
    }

    /**
     * An administrator replays a streaming read model and rebuilds the ledger through the node that does not process
     * them: the other node releases their segments meanwhile and takes part again after. One replay at a time in the
     * whole cluster; every node reports the same status; the read models come out as they were.
     */
    @Test
    void anAdministratorsReplaysRunOnOneNodeWhileTheOtherServes() {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        for (int i = 0; i < 3; i++) {
            bank(i % 2 == 0 ? nodeA : nodeB).payInto(me.token(), "10.00");
        }
        var jdbc = cluster.jdbc();
        String auditor = new CitizenClient(nodeA).token("auditor", "demo-auditor-2026");
        var ledger = new WalletLedger(jdbc);
        ledger.awaitLedgerCaughtUp(Duration.ofSeconds(30));
        awaitPaymentsCaughtUp();
        String payments = "SELECT payment_code, amount_qepik, credited_to_wallet FROM readmodel.provider_payment "
                + "ORDER BY payment_code";
        // a line per event; the order (positions, hashes) is the global index's, unless a late commit was overtaken by
        // the live ledger, which commands racing on two nodes make likely
        String lines = "SELECT global_index, cabinet_number, type, amount_qepik, balance_after_qepik, cause, occurred_at "
                + "FROM readmodel.ledger_entry ORDER BY global_index";
        var paymentsBefore = jdbc.queryForList(payments);
        var linesBefore = jdbc.queryForList(lines);

        for (String projection : new String[] {"provider-payments", "ledger"}) {
            int away = nodeNotHolding(projection);
            var admin = AdminClient.demo(cluster.node(away).http());
            var other = AdminClient.demo(cluster.node(1 - away).http());
            admin.startReplay(projection);
            cluster.node(1 - away).http().post().uri("/api/admin/projections/{name}/replay", "wallet")
                    .headers(h -> h.setBearerAuth(other.token())).exchange()
                    .expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("REPLAY_IN_PROGRESS");
            assertThat(admin.awaitReplay(projection, Duration.ofSeconds(60)).get("state").asText())
                    .isEqualTo("COMPLETED");
            assertThat(other.awaitReplay(projection, Duration.ofSeconds(5)).get("state").asText())
                    .as("the other node reports the same replay").isEqualTo("COMPLETED");
        }
        assertThat(jdbc.queryForList(payments)).isEqualTo(paymentsBefore);
        assertThat(jdbc.queryForList(lines)).isEqualTo(linesBefore);

        // both processors run on again, whichever node holds them
        bank(nodeB).payInto(me.token(), "7.00");
        bank(nodeA).payInto(me.token(), "8.00");
        awaitPaymentsCaughtUp();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM readmodel.provider_payment", Integer.class))
                .isEqualTo(paymentsBefore.size() + 2);
        ledger.awaitLedgerCaughtUp(Duration.ofSeconds(30));
        cluster.http().post().uri("/api/audit/reconciliation").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.ok").isEqualTo(true);
    }

    /**
     * A deploy: each node stopped (SIGTERM) and started again in turn while citizens read balances and credit codes
     * through HAProxy. A stopping node says it is not ready, serves on until HAProxy has taken it out, then finishes
     * what it has in flight: no request fails.
     */
    @Test
    void aDeployRestartsEveryNodeWithoutAFailedRequest() throws Exception {
        SignedUp me = new CitizenClient(nodeA).signUp(PASSWORD);
        WebClient balancer = WebClient.create(cluster.baseUrl());
        ProviderClient signer = bank(null);
        AtomicBoolean deploying = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger credited = new AtomicInteger();
        Flux<String> load = Flux.<Integer>generate(sink -> sink.next(0)).takeWhile(i -> deploying.get())
                .flatMap(i -> {
                    String code = Ids.paymentCode();
                    byte[] body = bank(null).notification(code, "0.01", "AA1234567").getBytes(StandardCharsets.UTF_8);
                    long timestamp = Clock.systemUTC().instant().getEpochSecond();
                    return balancer.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                            .header("X-Ekabinet-Provider", ProviderClient.DEMO_BANK)
                            .header("X-Ekabinet-Timestamp", Long.toString(timestamp))
                            .header("X-Ekabinet-Signature", signer.sign(timestamp, body)).bodyValue(body)
                            .exchangeToMono(response -> failureOf("the payment's notification", 201, response))
                            .switchIfEmpty(Mono.defer(() -> balancer.post()
                                    .uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(me.token()))
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue("{\"paymentCode\":\"" + code + "\"}")
                                    .exchangeToMono(response -> failureOf("the credit", 201, response))))
                            .switchIfEmpty(Mono.defer(() -> balancer.get().uri("/api/me/wallet")
                                    .headers(h -> h.setBearerAuth(me.token()))
                                    .exchangeToMono(response -> failureOf("the balance", 200, response))
                                    .doOnSuccess(failure -> {
                                        if (failure == null) {
                                            credited.incrementAndGet();
                                        }
                                    })))
                            .doOnNext(failures::add)
                            .onErrorResume(failure -> {
                                failures.add(failure.toString());
                                return Mono.empty();
                            });
                }, 4);
        CompletableFuture<Void> running = load.then().toFuture();

        cluster.rollingRestart();
        deploying.set(false);
        running.get(1, TimeUnit.MINUTES);

        assertThat(failures).as("requests that failed during the deploy").isEmpty();
        assertThat(credited.get()).as("payments credited and balances read during the deploy").isGreaterThan(20);
        assertThat(new ApplicationClient(nodeA).balance(me.token()))
                .isEqualTo("%d.%02d".formatted(credited.get() / 100, credited.get() % 100));
    }

    /** Nothing when the answer has the status expected; else what was asked, the status and the body. */
    private static Mono<String> failureOf(String what, int expected, ClientResponse response) {
        if (response.statusCode().value() == expected) {
            return response.releaseBody().then(Mono.empty());
        }
        return response.bodyToMono(String.class).defaultIfEmpty("")
                .map(body -> what + ": " + response.statusCode().value() + " " + body);
    }
}

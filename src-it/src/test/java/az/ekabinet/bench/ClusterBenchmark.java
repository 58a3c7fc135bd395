package az.ekabinet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.bench.Load.Result;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Cluster;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The service as several nodes behind HAProxy (1, 2 and 3 nodes of the runnable jar on one database, this machine's
 * local PostgreSQL): credits and balance reads through HAProxy, and what a credit costs in lost races between nodes;
 * with two nodes, how long a change committed through one node takes to reach a stream held by the other, and how
 * long a killed node's processor segments stay unprocessed. On two cores the nodes share the CPU: the figure to
 * watch is that throughput does not collapse with more nodes, not that it grows.
 *
 * <pre>./mvnw -B -q install -DskipTests && ./mvnw -B verify -Pbench -pl src-it -Dtest=ClusterBenchmark</pre>
 */
@Tag("benchmark")
class ClusterBenchmark {

    static final int CONCURRENCY = ServiceBenchmark.CONCURRENCY;
    static final int WRITES = Integer.getInteger("bench.cluster-writes", 2000);
    static final int READS = Integer.getInteger("bench.cluster-reads", 6000);
    static final int WARM_UP = Integer.getInteger("bench.cluster-warm-up", 2000);
    static final int MAX_NODES = Integer.getInteger("bench.cluster-max-nodes", 3);
    static final int DELAY_SAMPLES = Integer.getInteger("bench.cluster-delay-samples", 200);
    static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> EVENTS = new ParameterizedTypeReference<>() { };

    private final List<String> rows = new ArrayList<>();
    private final List<String> delayRows = new ArrayList<>();

    @Test
    void throughHaproxyWithOneTwoAndThreeNodes() throws Exception {
        for (int nodes = 1; nodes <= MAX_NODES; nodes++) {
            try (Cluster cluster = Cluster.start("bench-cluster-" + nodes, nodes)) {
                WebClient client = ServiceBenchmark.client(cluster.baseUrl());
                List<String> tokens = ServiceBenchmark.register(cluster);
                IntFunction<Mono<Boolean>> balance = i -> client.get().uri("/api/me/wallet")
                        .headers(h -> h.setBearerAuth(tokens.get(i % tokens.size())))
                        .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value() == 200));
                // unmeasured first, as much for each node as one node gets (each compiles its own hot code)
                credits(cluster, client, tokens, WARM_UP * nodes);
                Load.reactive("warm-up", CONCURRENCY, WARM_UP * nodes, balance);

                String operator = new CitizenClient(cluster.http()).token(OpsStreams.OPERATOR,
                        OpsStreams.OPERATOR_PASSWORD);
                Map<String, Double> before = counters(cluster, operator);
                Result credits = credits(cluster, client, tokens, WRITES);
                Map<String, Double> after = counters(cluster, operator);
                Result balances = Load.reactive("read the balance (HTTP)", CONCURRENCY, READS, balance);
                assertThat(credits.failures() + balances.failures()).as("no failure").isZero();
                rows.add("| %d | %.0f/s, p50 / p99 %.1f / %.1f ms | %.3f | %.3f | %.0f/s, p50 / p99 %.1f / %.1f ms |"
                        .formatted(nodes, credits.perSecond(), credits.p50Micros() / 1000.0,
                                credits.p99Micros() / 1000.0, perCredit(before, after, "ekabinet_command_retries_total", ""),
                                perCredit(before, after, "ekabinet_aggregate_cache_checks_total", "result=\"behind\""),
                                balances.perSecond(), balances.p50Micros() / 1000.0, balances.p99Micros() / 1000.0));
                if (nodes == 2) {
                    statusStreamDelay(cluster);
                    opsStreamDelay(cluster, operator);
                    takeover(cluster);
                }
            }
        }
        print();
    }

    private static Result credits(Cluster cluster, WebClient client, List<String> tokens, int count) {
        List<String> codes = ServiceBenchmark.paymentsReceived(cluster, client, count);
        return Load.reactive("credit a payment code (HTTP)", CONCURRENCY, count, i -> ServiceBenchmark.post(client,
                tokens.get(i % tokens.size()), "/api/me/wallet/credits", "{\"paymentCode\":\"" + codes.get(i) + "\"}",
                201));
    }

    /**
     * A confirmation through node A, heard on node B's status stream: from the confirmation sent (an upper bound of
     * the time from its commit) and from its answer received (a lower bound), to the event on B's stream.
     */
    private void statusStreamDelay(Cluster cluster) {
        int sessions = 10;
        int citizens = Math.max(1, DELAY_SAMPLES / sessions);
        var nodeA = cluster.node(0).http();
        String admin = new CitizenClient(nodeA).token("admin", "demo-admin-2026");
        for (int s = 0; s < sessions; s++) {
            nodeA.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                            {"id":"bench-delay-%d","title":"Sınaq %d","academicYear":"2025/2026","attempt":2,
                             "fee":"1.00","opensAt":"%s","deadline":"%s"}""".formatted(s, s,
                            Clock.systemUTC().instant().minus(Duration.ofHours(1)),
                            Clock.systemUTC().instant().plus(Duration.ofDays(30))))
                    .exchange().expectStatus().isCreated();
        }
        ApplicationClient onA = new ApplicationClient(nodeA);
        long[] fromSent = new long[sessions * citizens];
        long[] fromAnswered = new long[sessions * citizens];
        int sample = 0;
        for (int c = 0; c < citizens; c++) {
            String token = new CitizenClient(nodeA).signUp(ServiceBenchmark.PASSWORD).token();
            ProviderClient.demoBank(nodeA, Clock.systemUTC()).payInto(token, "20.00");
            for (int s = 0; s < sessions; s++) {
                String number = onA.start(token, "bench-delay-" + s);
                onA.fillIn(token, number);
                long[] heard = new long[1];
                var draft = new java.util.concurrent.CountDownLatch(1);
                var confirmed = new java.util.concurrent.CountDownLatch(1);
                Disposable stream = WebClient.create(cluster.node(1).baseUrl()).get()
                        .uri("/api/applications/{n}/status-stream", number).headers(h -> h.setBearerAuth(token))
                        .accept(MediaType.TEXT_EVENT_STREAM).retrieve().bodyToFlux(EVENTS)
                        .filter(event -> event.data() != null)
                        .subscribe(event -> {
                            if ("DRAFT".equals(event.data().get("status").asText())) {
                                draft.countDown();
                            } else {
                                heard[0] = System.nanoTime();
                                confirmed.countDown();
                            }
                        });
                try {
                    assertThat(draft.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    long sent = System.nanoTime();
                    onA.confirm(token, number).expectStatus().isOk();
                    long answered = System.nanoTime();
                    assertThat(confirmed.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                    fromSent[sample] = heard[0] - sent;
                    fromAnswered[sample] = Math.max(0, heard[0] - answered);
                    sample++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                } finally {
                    stream.dispose();
                }
            }
        }
        delayRows.add(delayRow("an application confirmed through node A, on node B's status stream (the change rides "
                + "on its NOTIFY)", fromSent, fromAnswered));
    }

    /**
     * Payments notified through node A, each with its own amount, heard on an operator's ops stream held by node B
     * (a NOTIFY wakes node B's tail, which reads the new events from the event store), one every 50 ms.
     */
    private void opsStreamDelay(Cluster cluster, String operator) throws InterruptedException {
        Map<String, Long> heard = new ConcurrentHashMap<>();
        OpsStreams ops = new OpsStreams(WebClient.create(cluster.node(1).baseUrl()), operator);
        Disposable stream = ops.stream(null).filter(OpsStreams::isActivity).map(OpsStreams::json)
                .filter(activity -> activity.get("type").asText().equals("PaymentReceived"))
                .subscribe(activity -> heard.putIfAbsent(activity.get("amount").asText(), System.nanoTime()));
        WebClient nodeA = WebClient.create(cluster.node(0).baseUrl());
        ProviderClient bank = ProviderClient.demoBank(null, Clock.systemUTC());
        long[] fromSent = new long[DELAY_SAMPLES];
        long[] fromAnswered = new long[DELAY_SAMPLES];
        try {
            Thread.sleep(1000); // the stream is open
            for (int i = 0; i < DELAY_SAMPLES; i++) {
                String amount = "%d.%02d".formatted(900 + i / 100, i % 100);
                String body = ProviderClient.notification(az.ekabinet.it.support.Ids.paymentCode(), amount,
                        "AA1234567", "2026-01-15T10:00:00+04:00", ProviderClient.DEMO_BANK);
                long timestamp = System.currentTimeMillis() / 1000;
                long sent = System.nanoTime();
                Integer status = nodeA.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                        .header("X-Ekabinet-Provider", ProviderClient.DEMO_BANK)
                        .header("X-Ekabinet-Timestamp", Long.toString(timestamp))
                        .header("X-Ekabinet-Signature", bank.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)))
                        .bodyValue(body).exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()))
                        .block(Duration.ofSeconds(30));
                long answered = System.nanoTime();
                assertThat(status).isEqualTo(201);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1))
                        .until(() -> heard.containsKey(amount));
                fromSent[i] = heard.get(amount) - sent;
                fromAnswered[i] = Math.max(0, heard.get(amount) - answered);
                Thread.sleep(50);
            }
        } finally {
            stream.dispose();
        }
        delayRows.add(delayRow("a payment notified through node A, on an operator's ops stream held by node B (a NOTIFY "
                + "wakes B's tail, which reads the event store)", fromSent, fromAnswered));
    }

    /** The node holding the most processor segments is killed: how long until the other node has claimed them. */
    private void takeover(Cluster cluster) throws InterruptedException {
        int victim = cluster.busiestNode();
        int held = cluster.segmentsHeldBy(victim);
        cluster.kill(victim);
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.segmentsHeldBy(victim) == 0);
        double seconds = (System.nanoTime() - killed) / 1e9;
        delayRows.add("| a killed node's %d processor segments claimed by the other node (claims time out after 10 s, "
                .formatted(held) + "nodes look for unclaimed ones every 2 s) | %.1f s | — | ≤ 15 s |".formatted(seconds));
    }

    private static String delayRow(String what, long[] fromSent, long[] fromAnswered) {
        long[] sent = fromSent.clone();
        long[] answered = fromAnswered.clone();
        Arrays.sort(sent);
        Arrays.sort(answered);
        return "| %s, %d samples | p50 / p99 %.1f / %.1f ms from the request sent | p50 / p99 %.1f / %.1f ms from its answer | p99 ≤ 100 ms |"
                .formatted(what, sent.length, Load.percentile(sent, 0.5) / 1e6, Load.percentile(sent, 0.99) / 1e6,
                        Load.percentile(answered, 0.5) / 1e6, Load.percentile(answered, 0.99) / 1e6);
    }

    /** The service's counters summed over every node, from their Prometheus pages. */
    private static Map<String, Double> counters(Cluster cluster, String operator) {
        Map<String, Double> sums = new ConcurrentHashMap<>();
        for (int i = 0; i < cluster.size(); i++) {
            String page = WebClient.create(cluster.node(i).baseUrl()).get().uri("/actuator/prometheus")
                    .headers(h -> h.setBearerAuth(operator)).retrieve().bodyToMono(String.class)
                    .block(Duration.ofSeconds(10));
            for (String line : page.split("\n")) {
                if (line.startsWith("ekabinet_command_retries_total")
                        || line.startsWith("ekabinet_aggregate_cache_checks_total")) {
                    int space = line.lastIndexOf(' ');
                    sums.merge(line.substring(0, space), Double.parseDouble(line.substring(space + 1)), Double::sum);
                }
            }
        }
        return sums;
    }

    /** The growth of the counter {@code name}'s series with {@code label}, per credit measured. */
    private static double perCredit(Map<String, Double> before, Map<String, Double> after, String name, String label) {
        double grown = 0;
        for (var series : after.entrySet()) {
            if (series.getKey().startsWith(name) && series.getKey().contains(label)) {
                grown += series.getValue() - before.getOrDefault(series.getKey(), 0.0);
            }
        }
        return grown / WRITES;
    }

    private void print() throws IOException {
        List<String> table = new ArrayList<>();
        table.add("Cluster benchmark on %d cores, %s, Java %s: nodes of the runnable jar behind HAProxy on one "
                .formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                        System.getProperty("java.version"))
                + "PostgreSQL, %d clients, %d credits and %d balance reads per node count".formatted(CONCURRENCY,
                WRITES, READS));
        table.add("");
        table.add("| nodes | credits through HAProxy | command retries per credit (lost races) "
                + "| cached wallets behind the store per credit | balance reads through HAProxy |");
        table.add("| --- | --- | --- | --- | --- |");
        table.addAll(rows);
        table.add("");
        table.add("| with two nodes | measured | | target |");
        table.add("| --- | --- | --- | --- |");
        table.addAll(delayRows);
        ServiceBenchmark.show("benchmark-cluster.md", table);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}

package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.query.ops.OpsCounters.BalancerRefusals;
import az.ekabinet.query.ops.OpsCountersReader;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The load balancer's own refusals in the ops counters: the node reads a stub of HAProxy's exporter on the schedule of
 * its admission reports, and the counters add them up over the balancer's processes (each restart counts from 0
 * again), never going down for a reading that arrives late. The real HAProxy's: {@code BalancerPasswordSlotsIT}.
 */
@IntegrationTest
@DirtiesContext // reads a balancer of its own
class BalancerRefusalsIT {

    /** Backends of this test's own, so that no other test's rows add to them. */
    private static final String API = "nodes-" + UUID.randomUUID();
    private static final String LOGINS = "passwords-" + UUID.randomUUID();

    private static final AtomicReference<String> METRICS = new AtomicReference<>(metrics(1_000, 0, 0));
    private static final DisposableServer EXPORTER = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes.get("/metrics",
                    (request, response) -> response.sendString(Mono.just(METRICS.get()))))
            .bindNow();

    @DynamicPropertySource
    static void balancer(DynamicPropertyRegistry properties) {
        properties.add("ekabinet.admission.balancer-statistics",
                () -> "http://127.0.0.1:" + EXPORTER.port() + "/metrics");
        properties.add("ekabinet.admission.report-interval", () -> "100ms");
    }

    @AfterAll
    static void stopExporter() {
        EXPORTER.disposeNow();
    }

    @Autowired
    OpsCountersReader counters;

    /** HAProxy's text: the process's start, and per backend its 5xx of which the nodes answered 2 of the API's. */
    private static String metrics(long startedAt, long api5xx, long logins5xx) {
        return """
                haproxy_process_start_time_seconds %d
                haproxy_backend_http_responses_total{proxy="%s",code="5xx"} %d
                haproxy_backend_http_responses_total{proxy="%s",code="5xx"} %d
                haproxy_server_http_responses_total{proxy="%s",server="node1",code="5xx"} %d
                """.formatted(startedAt, API, api5xx, LOGINS, logins5xx, API, Math.min(2, api5xx));
    }

    @Test
    void theBalancersRefusalsAddUpOverItsProcessesAndNeverGoDown() {
        METRICS.set(metrics(1_000, 12, 5));
        awaitRefused(10, 5);

        METRICS.set(metrics(1_000, 22, 7));
        awaitRefused(20, 7);

        // restarted: its counts start from 0, what the earlier process refused stays counted
        METRICS.set(metrics(2_000, 4, 1));
        awaitRefused(22, 8);

        // a reading of the earlier process taken after the last one stored, arriving after the restart's: it counts
        METRICS.set(metrics(1_000, 30, 9));
        awaitRefused(30, 10);

        // a reading of it taken before the last one stored changes nothing
        METRICS.set(metrics(1_000, 22, 7));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> refused().equals(Map.of(API, 30L, LOGINS, 10L)));

        // restarted after its clock went back: a process of its own all the same
        METRICS.set(metrics(500, 3, 0));
        awaitRefused(31, 10);
    }

    private void awaitRefused(long api, long logins) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(refused()).isEqualTo(Map.of(API, api, LOGINS, logins)));
    }

    private Map<String, Long> refused() {
        return counters.read().block().balancer().stream()
                .filter(b -> b.backend().equals(API) || b.backend().equals(LOGINS))
                .collect(Collectors.toMap(BalancerRefusals::backend, BalancerRefusals::refused));
    }
}

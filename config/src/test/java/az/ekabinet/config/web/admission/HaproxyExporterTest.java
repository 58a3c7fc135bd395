package az.ekabinet.config.web.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The HTTP adapter against a stub exporter on 127.0.0.1 serving HAProxy 2.6's text (lines as its exporter writes
 * them): a backend's 5xx less its servers' are HAProxy's own answers.
 */
class HaproxyExporterTest {

    /**
     * HAProxy 2.6's lines, shortened: three backends, two with nodes that answered some 5xx themselves; one server's
     * labels in another order than HAProxy writes them (the format does not fix it).
     */
    private static final String METRICS = """
            # HELP haproxy_process_start_time_seconds Start time in seconds
            # TYPE haproxy_process_start_time_seconds gauge
            haproxy_process_start_time_seconds 1796672898
            haproxy_backend_current_queue{proxy="nodes"} 3
            # HELP haproxy_backend_http_responses_total Total number of HTTP responses with status 100-199 returned by this object since the worker process started
            # TYPE haproxy_backend_http_responses_total counter
            haproxy_backend_http_responses_total{proxy="nodes",code="2xx"} 1200
            haproxy_backend_http_responses_total{proxy="passwords",code="2xx"} 40
            haproxy_backend_http_responses_total{proxy="nodes",code="5xx"} 57
            haproxy_backend_http_responses_total{proxy="passwords",code="5xx"} 9
            haproxy_backend_http_responses_total{proxy="streams",code="5xx"} 0
            haproxy_server_http_responses_total{proxy="nodes",server="node1",code="5xx"} 4
            haproxy_server_http_responses_total{proxy="nodes",server="node2",code="5xx"} 3
            haproxy_server_http_responses_total{code="5xx",server="node1",proxy="passwords"} 2
            haproxy_server_http_responses_total{proxy="passwords",server="node1",code="2xx"} 40
            haproxy_frontend_http_responses_total{proxy="ekabinet",code="5xx"} 66
            """;

    private final AtomicReference<String> served = new AtomicReference<>(METRICS);
    private final AtomicInteger status = new AtomicInteger(200);
    private DisposableServer stub;

    @AfterEach
    void stopStub() {
        if (stub != null) {
            stub.disposeNow();
        }
    }

    private HaproxyExporter exporter() {
        stub = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.get("/metrics", (request, response) ->
                        response.status(status.get()).sendString(Mono.just(served.get())))
                        // the headers and the start of the body, then nothing more
                        .get("/stalled", (request, response) -> response.header("Content-Length", "1000")
                                .sendString(Flux.just("haproxy_process_start_time_seconds 1")
                                        .concatWith(Flux.never()))))
                .bindNow();
        return new HaproxyExporter(URI.create("http://127.0.0.1:" + stub.port() + "/metrics"));
    }

    @Test
    void theBackendsOwnAnswersAreItsFiveHundredsLessItsNodes() {
        BalancerStatistics.Reading reading = exporter().read();

        assertThat(reading.startedAt()).isEqualTo(1796672898L);
        assertThat(reading.refusedByBackend()).isEqualTo(Map.of("nodes", 50L, "passwords", 7L, "streams", 0L));
    }

    @Test
    void nodesAnsweringBetweenTheBackendsLinesAndTheirsCountNoNegativeRefusals() {
        served.set("""
                haproxy_process_start_time_seconds 1.796672898e+09
                haproxy_backend_http_responses_total{proxy="nodes",code="5xx"} 4
                haproxy_server_http_responses_total{proxy="nodes",server="node1",code="5xx"} 5
                """);

        BalancerStatistics.Reading reading = exporter().read();

        assertThat(reading.startedAt()).isEqualTo(1796672898L);
        assertThat(reading.refusedByBackend()).isEqualTo(Map.of("nodes", 0L));
    }

    @Test
    void theBalancerIsNamedByItsAddress() {
        HaproxyExporter exporter = exporter();

        assertThat(exporter.balancer()).isEqualTo("http://127.0.0.1:" + stub.port() + "/metrics");
    }

    @Test
    void aFailedOrForeignAnswerIsAnErrorNotZeroes() {
        HaproxyExporter exporter = exporter();

        status.set(503);
        assertThatThrownBy(exporter::read).hasMessageContaining("answered 503");
        status.set(200);
        served.set("jvm_threads_live_threads 42\n");
        assertThatThrownBy(exporter::read).hasMessageContaining("not HAProxy's exporter");
    }

    @Test
    void anAnswerThatStallsIsGivenUpAfterTwoSeconds() {
        exporter();
        HaproxyExporter stalled = new HaproxyExporter(URI.create("http://127.0.0.1:" + stub.port() + "/stalled"));

        long started = System.nanoTime();
        assertThatThrownBy(stalled::read).hasMessageContaining("could not be read");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void anExporterThatIsNotThereIsAnError() {
        HaproxyExporter exporter = exporter();
        stub.disposeNow();

        assertThatThrownBy(exporter::read).hasMessageContaining("could not be read");
    }
}

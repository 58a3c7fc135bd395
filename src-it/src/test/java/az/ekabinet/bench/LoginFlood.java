package az.ekabinet.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Deadline day's bottleneck, logging in (bcrypt, slow on purpose), flooded: a number of clients each logs in again as
 * soon as it is answered, and one that is refused (503) waits the {@code Retry-After} it was given, as the API asks
 * clients to. What it shows is whether a flood is refused quickly while the logins admitted stay quick, or whether
 * every login slows down until clients give up ({@link #GIVES_UP} without an answer).
 */
final class LoginFlood {

    /** How long a client waits for an answer before it gives up. */
    static final Duration GIVES_UP = Duration.ofSeconds(5);

    /** One flood's outcome; latencies in microseconds. */
    record Outcome(int clients, Duration length, long admitted, long refused, long otherwise, long unanswered,
                   long admittedP50, long admittedP99, long refusedP99) {

        double admittedPerSecond() {
            return admitted / (length.toNanos() / 1e9);
        }

        double refusedPerSecond() {
            return refused / (length.toNanos() / 1e9);
        }
    }

    private LoginFlood() {
    }

    static Outcome run(String baseUrl, List<String> usernames, String password, int clients, Duration length) {
        ConnectionProvider connections = ConnectionProvider.builder("login-flood").maxConnections(clients + 8)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder().baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build();
        var admitted = new ConcurrentLinkedQueue<Long>();
        var refused = new ConcurrentLinkedQueue<Long>();
        var otherwise = new AtomicLong();
        var unanswered = new AtomicLong();
        long end = System.nanoTime() + length.toNanos();
        try {
            Flux.range(0, clients).flatMap(c -> Mono.defer(() -> {
                        long started = System.nanoTime();
                        String body = "{\"username\":\"%s\",\"password\":\"%s\"}"
                                .formatted(usernames.get(c % usernames.size()), password);
                        return client.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(body)
                                .exchangeToMono(r -> r.releaseBody().thenReturn(new long[] {r.statusCode().value(),
                                        retryAfterSeconds(r.headers().asHttpHeaders())}))
                                .timeout(GIVES_UP)
                                .flatMap(answer -> {
                                    long micros = (System.nanoTime() - started) / 1_000;
                                    if (answer[0] == 200) {
                                        admitted.add(micros);
                                    } else if (answer[0] == 503) {
                                        refused.add(micros);
                                        return Mono.delay(Duration.ofSeconds(answer[1])).then();
                                    } else {
                                        otherwise.incrementAndGet();
                                    }
                                    return Mono.<Void>empty();
                                })
                                .onErrorResume(TimeoutException.class, e -> {
                                    unanswered.incrementAndGet();
                                    return Mono.empty();
                                })
                                .onErrorResume(e -> {
                                    otherwise.incrementAndGet();
                                    return Mono.empty();
                                });
                    }).repeat(() -> System.nanoTime() < end), clients)
                    .blockLast(length.plus(GIVES_UP).plusSeconds(30));
        } finally {
            connections.dispose();
        }
        long[] admittedMicros = sorted(admitted);
        long[] refusedMicros = sorted(refused);
        return new Outcome(clients, length, admittedMicros.length, refusedMicros.length, otherwise.get(),
                unanswered.get(), Load.percentile(admittedMicros, 0.50), Load.percentile(admittedMicros, 0.99),
                Load.percentile(refusedMicros, 0.99));
    }

    private static long retryAfterSeconds(HttpHeaders headers) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        return value == null ? 1 : Long.parseLong(value);
    }

    private static long[] sorted(ConcurrentLinkedQueue<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }
}

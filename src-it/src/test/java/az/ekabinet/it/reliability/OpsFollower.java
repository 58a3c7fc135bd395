package az.ekabinet.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.RunningService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An operator following the ops stream from the first event on, as the dashboard does: whenever the stream ends or
 * fails (the service killed, the database away), it connects again with {@code Last-Event-ID} = the last activity it
 * got. Through every fault it must see each activity the event store holds exactly once, in global-index order.
 */
final class OpsFollower implements AutoCloseable {

    private final List<Long> seen = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Disposable following;

    /** Follows the service (again, after a restart on another port) from the last activity seen. */
    void follow(RunningService service) {
        close();
        String token = new CitizenClient(service.http()).token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        OpsStreams ops = new OpsStreams(WebClient.create(service.baseUrl()), token);
        following = Flux.defer(() -> {
                    AtomicBoolean connected = new AtomicBoolean();
                    return ops.stream(last()).doOnNext(first -> {
                        if (connected.compareAndSet(false, true)) {
                            connections.incrementAndGet();
                        }
                    });
                })
                .filter(OpsStreams::isActivity)
                .doOnNext(activity -> {
                    synchronized (seen) {
                        seen.add(OpsStreams.id(activity));
                    }
                })
                .onErrorResume(failure -> Mono.empty())
                .repeatWhen(ended -> ended.delayElements(Duration.ofMillis(300)))
                .subscribe();
    }

    private long last() {
        synchronized (seen) {
            return seen.isEmpty() ? 0 : seen.get(seen.size() - 1);
        }
    }

    /** How many of its connections got an answer (attempts while the service was away are not counted). */
    int connections() {
        return connections.get();
    }

    /** Waits (bounded) until it has seen every activity in the store, then: each once, in order, nothing else. */
    void assertSawEveryActivity(JdbcTemplate jdbc) {
        List<Long> expected = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            expected.clear();
            expected.addAll(jdbc.queryForList("""
                    SELECT globalindex FROM domainevententry WHERE substring(payloadtype from '[^.]+$') = ANY(?)
                    ORDER BY globalindex""", Long.class, (Object) OpsStreams.SHOWN_TYPES.toArray(String[]::new)));
            synchronized (seen) {
                assertThat(seen.size()).as("activities seen on the ops stream").isGreaterThanOrEqualTo(expected.size());
            }
        });
        synchronized (seen) {
            assertThat(seen).as("every activity of the event store once, in order, over %d connections",
                    connections.get()).isEqualTo(expected);
        }
    }

    @Override
    public void close() {
        if (following != null) {
            following.dispose();
        }
    }
}

package az.ekabinet.it.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.query.ops.OpsFeed;
import java.net.Socket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * A thousand operators on the ops stream of one node, and two that do not read: a raw TCP client that sends its
 * request and never reads a byte, and a reactive one that takes one message and never asks for more. The thousand
 * get the activity of a credited payment within seconds all the same.
 */
@IntegrationTest
class OpsStreamFanOutIT {

    static final int SUBSCRIBERS = 1_000;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    OpsFeed feed;
    @LocalServerPort
    int port;

    @Test
    void aThousandSubscribersKeepReceivingWhileTwoAreStalled() throws Exception {
        var citizens = new CitizenClient(http);
        String token = citizens.token(OpsStreams.OPERATOR, OpsStreams.OPERATOR_PASSWORD);
        ConnectionProvider connections = ConnectionProvider.builder("ops-fan-out").maxConnections(SUBSCRIBERS + 100)
                .pendingAcquireMaxCount(-1).build();
        var ops = new OpsStreams(WebClient.builder().baseUrl("http://localhost:" + port)
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections))).build(), token);
        int subscribersBefore = feed.subscribers();
        Disposable.Composite streams = Disposables.composite();
        Socket silent = ops.silentClient(port);
        try {
            BaseSubscriber<ServerSentEvent<String>> takesOne = new BaseSubscriber<>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    subscription.request(1);
                }
            };
            ops.stream(null).subscribe(takesOne);
            streams.add(takesOne);

            AtomicLongArray lastActivity = new AtomicLongArray(SUBSCRIBERS);
            Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
            // connected in waves of 50 connection attempts (each logs in against the session table), then all held
            Flux.range(0, SUBSCRIBERS).flatMap(subscriber -> Mono.<Void>create(connected -> {
                boolean[] first = {true};
                streams.add(ops.stream(null).subscribe(event -> {
                    if (first[0]) {
                        first[0] = false;
                        connected.success();
                    }
                    if (OpsStreams.isActivity(event)) {
                        lastActivity.accumulateAndGet(subscriber, OpsStreams.id(event), Math::max);
                    }
                }, failure -> {
                    failures.add(failure);
                    connected.success();
                }));
            }), 50).then().block(Duration.ofSeconds(90));
            assertThat(failures).as("every subscriber connected").isEmpty();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> feed.subscribers() >= subscribersBefore + SUBSCRIBERS + 2);

            var citizen = citizens.signUp("a thousand operators watch me");
            ProviderClient.demoBank(http, clock).payInto(citizen.token(), "5.00");
            long credited = System.nanoTime();
            long redeemed = jdbc.queryForObject("""
                    SELECT max(globalindex) FROM domainevententry WHERE payloadtype LIKE '%.PaymentCodeRedeemed'""",
                    Long.class);

            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() ->
                    IntStream.range(0, SUBSCRIBERS).allMatch(i -> lastActivity.get(i) >= redeemed));
            System.out.printf("%d ops stream subscribers had the credited payment within %d ms of its commit%n",
                    SUBSCRIBERS, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - credited));
            assertThat(failures).isEmpty();
        } finally {
            silent.close();
            streams.dispose();
            connections.disposeLater().block(Duration.ofSeconds(10));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.subscribers() <= subscribersBefore);
    }
}

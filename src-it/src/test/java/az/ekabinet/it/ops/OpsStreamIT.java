package az.ekabinet.it.ops;

import static az.ekabinet.it.support.OpsStreams.id;
import static az.ekabinet.it.support.OpsStreams.isActivity;
import static az.ekabinet.it.support.OpsStreams.isCounters;
import static az.ekabinet.it.support.OpsStreams.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.OpsStreams;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.query.ops.OpsFeed;
import java.io.InputStream;
import java.net.Socket;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * GET /api/ops/stream: live activity without personal data, counters, Last-Event-ID, the fan-out from the event
 * store woken by PostgreSQL notifications (from any node), and global-index order across holes.
 */
@IntegrationTest
class OpsStreamIT {

    static final long CONNECTED = -1;

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    TestClock clock;
    @Autowired
    OpsFeed feed;
    @LocalServerPort
    int port;

    CitizenClient citizens;
    ProviderClient bank;
    OpsStreams ops;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
        ops = OpsStreams.of(port, citizens);
    }

    /** A payment made with the citizen's document and credited by the citizen: returns its code. */
    private String payAndCredit(CitizenClient.SignedUp citizen, String amount) {
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, amount, citizen.document())).expectStatus().isCreated();
        http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(citizen.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange().expectStatus().isCreated();
        return code;
    }

    private static boolean activityOf(ServerSentEvent<String> event, String type) {
        return isActivity(event) && json(event).get("type").asText().equals(type);
    }

    @Test
    void aCreditedPaymentIsShownWithoutPersonalDataCountedAndResumedAfterAReconnect() {
        var citizen = citizens.signUp("an operator watches me pay");
        List<ServerSentEvent<String>> received = new ArrayList<>();
        AtomicLong creditedBefore = new AtomicLong();
        String[] code = new String[1];

        StepVerifier.create(ops.stream(null).filter(e -> e.data() != null))
                .assertNext(first -> {
                    assertThat(isCounters(first)).as("the latest counters come first").isTrue();
                    creditedBefore.set(json(first).at("/paymentsCredited/count").asLong());
                })
                .then(() -> Schedulers.boundedElastic().schedule(() -> code[0] = payAndCredit(citizen, "37.00")))
                .thenConsumeWhile(e -> !activityOf(e, "PaymentCodeRedeemed"), received::add)
                .consumeNextWith(redeemed -> {
                    received.add(redeemed);
                    assertThat(json(redeemed).get("amount").asText()).isEqualTo("37.00");
                    assertThat(json(redeemed).get("id").asLong()).isEqualTo(id(redeemed));
                })
                .thenConsumeWhile(e -> !(isCounters(e)
                        && json(e).at("/paymentsCredited/count").asLong() > creditedBefore.get()), received::add)
                .consumeNextWith(counters -> assertThat(json(counters).at("/paymentsCredited/amount").asText())
                        .isNotEmpty())
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        List<String> activities = received.stream().filter(OpsStreams::isActivity).map(ServerSentEvent::data).toList();
        assertThat(activities).anySatisfy(a -> assertThat(a)
                .contains("\"type\":\"PaymentReceived\"", "\"provider\":\"demo-bank\""));
        assertThat(activities).anySatisfy(a -> assertThat(a)
                .contains("\"type\":\"FundsCredited\"", "\"causeKind\":\"PAYMENT_CODE\""));
        assertThat(String.join("\n", activities)).as("no personal data on the ops stream")
                .doesNotContain(citizen.fin(), citizen.cabinetNumber(), citizen.document(),
                        citizen.document().substring(3), code[0], "cabinet:", "wallet:");

        // offline: another payment happens; back online with the last id seen, exactly the missed ones come first
        long lastSeen = received.stream().filter(OpsStreams::isActivity).mapToLong(OpsStreams::id).max().orElseThrow();
        payAndCredit(citizen, "12.00");
        List<Long> missed = jdbc.queryForList("""
                SELECT globalindex FROM domainevententry WHERE globalindex > ? AND payloadtype LIKE 'az.ekabinet.domain.%'
                  AND substring(payloadtype FROM '[^.]+$') = ANY(?) ORDER BY globalindex""", Long.class,
                lastSeen, OpsStreams.SHOWN_TYPES.toArray(String[]::new));
        assertThat(missed).hasSizeGreaterThanOrEqualTo(3); // received, redeemed, credited

        StepVerifier.create(ops.stream(lastSeen).filter(OpsStreams::isActivity).map(OpsStreams::id))
                .expectNextSequence(missed)
                .then(() -> Schedulers.boundedElastic().schedule(() -> payAndCredit(citizen, "1.00")))
                .assertNext(live -> assertThat(live).as("then live, no duplicate")
                        .isGreaterThan(missed.get(missed.size() - 1)))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    @Test
    void anEventAppendedByAnyoneIsDeliveredOnTheNotificationOfItsCommit() {
        // the poll interval of the tests is 30 s: delivery within 10 s is the doing of the event table's trigger,
        // since the appending transaction sends no notification of its own
        StepVerifier.create(transferIds())
                .expectNext(CONNECTED)
                .then(() -> Schedulers.boundedElastic().schedule(this::appendAndCommit))
                .assertNext(id -> assertThat(id).isPositive())
                .thenCancel()
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void eventsKeepIndexOrderAcrossALateCommitAndARolledBackHole() throws Exception {
        try (Connection late = dataSource.getConnection()) {
            late.setAutoCommit(false);
            long[] index = new long[3];
            StepVerifier.create(transferIds())
                    .expectNext(CONNECTED)
                    .then(() -> index[0] = append(late))
                    .then(() -> index[1] = appendAndCommit())
                    .as("nothing passes the hole of a transaction still running")
                    .expectNoEvent(Duration.ofMillis(1500))
                    .then(() -> commit(late))
                    .assertNext(first -> assertThat(first).isEqualTo(index[0]))
                    .assertNext(second -> assertThat(second).isEqualTo(index[1]))
                    .then(() -> {
                        jdbc.queryForObject("SELECT nextval('domainevententry_globalindex_seq')", Long.class);
                        index[2] = appendAndCommit(); // after a hole nobody will ever fill
                    })
                    .assertNext(third -> assertThat(third).isEqualTo(index[2]))
                    .thenCancel()
                    .verify(Duration.ofSeconds(20));
        }
    }

    @Test
    void aClientThatDoesNotReadIsCutOffWhileOneThatReadsMissesNothing() throws Exception {
        long cutOffBefore = feed.cutOff();
        AtomicLong lastSeen = new AtomicLong(feed.position());
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        // a client that reads, and like the dashboard resumes with Last-Event-ID should it fall behind in the burst
        Disposable reader = Flux.defer(() -> ops.stream(lastSeen.get()))
                .filter(OpsStreams::isActivity)
                .doOnNext(event -> {
                    seen.add(id(event));
                    lastSeen.set(id(event));
                })
                .retry(10) // a dropped connection ends the stream with an error or without one
                .repeat(10)
                .subscribe();
        try (Socket silent = ops.silentClient(port)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> feed.subscribers() >= 2);
            String burst = "ops-it-burst-" + UUID.randomUUID();
            // bursts of 3,000 events in one transaction each, at least two and until someone is cut off: more than
            // the silent client's socket, its connection's outbound buffer and its mailbox of 256 messages hold (the
            // kernel sizes the socket's buffers itself). The reader may be cut off too, and resumes.
            for (int round = 0; round < 10 && (round < 2 || feed.cutOff() == cutOffBefore); round++) {
                long head = appendBurst(burst + "-" + round + "-");
                await().atMost(Duration.ofSeconds(30)).until(() -> feed.position() >= head);
            }
            List<Long> burstIds = jdbc.queryForList(
                    "SELECT globalindex FROM domainevententry WHERE aggregateidentifier LIKE ?", Long.class,
                    "transfer:" + burst + "-%");

            await().atMost(Duration.ofSeconds(30)).until(() -> feed.cutOff() > cutOffBefore);
            silent.setSoTimeout(10_000);
            InputStream fromServer = silent.getInputStream();
            byte[] chunk = new byte[8192];
            assertThatThrownBy(() -> {
                while (fromServer.read(chunk) >= 0) {
                    // what was already on its way to the client; then the server's close
                }
                throw new java.io.EOFException("closed by the server");
            }).as("the silent client's connection was dropped").isNotInstanceOf(java.net.SocketTimeoutException.class);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seen.containsAll(burstIds))
                    .as("the reader has every event of the bursts: %d of %d", seen.stream().filter(burstIds::contains)
                            .count(), burstIds.size()).isTrue());
        } finally {
            reader.dispose();
        }
    }

    @Test
    void aMalformedLastEventIdIsABadRequest() {
        http.get().uri("/api/ops/stream").headers(h -> h.setBearerAuth(ops.operatorToken()))
                .header("Last-Event-ID", "yesterday").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
    }

    @Test
    void theStreamIsForOperatorsOnly() {
        http.get().uri("/api/ops/stream").exchange().expectStatus().isUnauthorized();
        String citizen = citizens.signUp("not an operator").token();
        http.get().uri("/api/ops/stream").headers(h -> h.setBearerAuth(citizen)).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void countersAndProcessorLagAreExposedToPrometheus() {
        assertThat(az.ekabinet.it.support.Prometheus.scrape(http, ops.operatorToken()))
                        .contains("ekabinet_ops_payments_credited ")
                        .contains("ekabinet_processor_lag{processor=\"ops-counters\"}")
                        .contains("ekabinet_processor_lag{processor=\"wallet\"} 0.0")
                        .contains("ekabinet_ops_stream_subscribers ");
    }

    /** 3,000 events appended in one transaction; returns the highest global index. */
    private long appendBurst(String prefix) {
        return jdbc.execute((ConnectionCallback<Long>) connection -> {
            connection.setAutoCommit(false);
            long head;
            try (var insert = connection.prepareStatement("""
                    INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                        payload, payloadrevision, payloadtype, timestamp)
                    SELECT ? || g, 0, 'Transfer', gen_random_uuid()::text, '{}'::bytea,
                        convert_to('{"transferId":"' || ? || g || '","completedAt":"' || ? || '"}', 'UTF8'), '1',
                        'az.ekabinet.domain.transfer.TransferCompleted', ?
                    FROM generate_series(1, 3000) g
                    RETURNING globalindex""")) {
                String now = java.time.Instant.now().toString();
                insert.setString(1, "transfer:" + prefix);
                insert.setString(2, prefix);
                insert.setString(3, now);
                insert.setString(4, now);
                head = 0;
                try (var inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        head = Math.max(head, inserted.getLong(1));
                    }
                }
            }
            connection.commit();
            return head;
        });
    }

    /** {@link #CONNECTED} once the stream's first message came (it is registered), then TransferCompleted ids. */
    private Flux<Long> transferIds() {
        return ops.stream(null).filter(e -> e.data() != null).index()
                .filter(numbered -> numbered.getT1() == 0 || activityOf(numbered.getT2(), "TransferCompleted"))
                .map(numbered -> numbered.getT1() == 0 ? CONNECTED : id(numbered.getT2()));
    }

    private long append(Connection connection) {
        try {
            return OpsStreams.appendElsewhere(connection);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void commit(Connection connection) {
        try {
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long appendAndCommit() {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            long index = OpsStreams.appendElsewhere(connection);
            connection.commit();
            return index;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

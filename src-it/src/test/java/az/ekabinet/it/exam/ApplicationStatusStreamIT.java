package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ResultClient;
import az.ekabinet.it.support.ResultClient.Applicant;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.query.plumbing.PostgresNotifications;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** GET /api/applications/{number}/status-stream: the status now, each change, heartbeats, a clean close. */
@IntegrationTest
class ApplicationStatusStreamIT {

    static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> EVENTS = new ParameterizedTypeReference<>() { };

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    QueryUpdateEmitter updateEmitter;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    CitizenClient citizens;
    ApplicationClient applications;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        applications = new ApplicationClient(http);
    }

    private Flux<ServerSentEvent<JsonNode>> stream(String token, String number) {
        return WebClient.create("http://localhost:" + port).get().uri("/api/applications/{n}/status-stream", number)
                .headers(h -> h.setBearerAuth(token)).accept(MediaType.TEXT_EVENT_STREAM)
                .retrieve().bodyToFlux(EVENTS);
    }

    @Test
    void aSubscriberConnectedBeforeTheConfirmationReceivesConfirmed() {
        String me = citizens.signUp("an applicant's password").token();
        ProviderClient.demoBank(http, clock).payInto(me, "50.00");
        String number = applications.start(me, DEMO_SESSION);
        applications.fillIn(me, number);
        int subscriptionsBefore = updateEmitter.activeSubscriptions().size();

        Flux<ServerSentEvent<JsonNode>> statuses = stream(me, number).filter(event -> event.data() != null);
        StepVerifier.create(statuses)
                .assertNext(event -> {
                    assertThat(event.event()).isEqualTo("status");
                    assertThat(event.data().get("status").asText()).isEqualTo("DRAFT");
                    assertThat(event.data().get("applicationNumber").asText()).isEqualTo(number);
                })
                .then(() -> Schedulers.boundedElastic().schedule(
                        () -> applications.confirm(me, number).expectStatus().isOk()))
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED"))
                .as("after CONFIRMED the stream stays open, for the result")
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(Duration.ofSeconds(30));

        // the client went: its subscription query is closed, nothing keeps emitting to it
        awaitSubscriptions(subscriptionsBefore);
        StepVerifier.create(statuses.take(1))
                .assertNext(event -> assertThat(event.data().get("status").asText())
                        .as("a late subscriber starts from the current status").isEqualTo("CONFIRMED"))
                .verifyComplete();
    }

    @Test
    void heartbeatsKeepAQuietStreamAlive() {
        String me = citizens.signUp("an applicant's password").token();
        String number = applications.start(me, DEMO_SESSION);
        StepVerifier.create(stream(me, number).filter(event -> event.data() == null).take(2))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
                .assertNext(event -> assertThat(event.comment()).isEqualTo("heartbeat"))
                .verifyComplete();
    }

    /**
     * Another node's confirmation reaches this node as its transaction's notification, not through this node's
     * memory: a stream here passes on what any node announces.
     */
    @Test
    void aChangeAnnouncedByAnotherNodeReachesAStreamHere() {
        String me = citizens.signUp("an applicant's password").token();
        String number = applications.start(me, DEMO_SESSION);
        Instant confirmedElsewhere = Instant.parse("2026-02-01T09:30:00.250Z");

        StepVerifier.create(stream(me, number).filter(event -> event.data() != null))
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("DRAFT"))
                .then(() -> jdbc.query("SELECT pg_notify('ekabinet_application_status', ?)", rs -> { },
                        number + " CONFIRMED " + confirmedElsewhere))
                .assertNext(event -> {
                    assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED");
                    assertThat(Instant.parse(event.data().get("since").asText())).isEqualTo(confirmedElsewhere);
                })
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    /**
     * A change announced while this node's listening connection was down is never heard; once it listens again,
     * every open stream reads its status again and passes on what changed.
     */
    @Test
    void aChangeMissedWhileNotListeningArrivesOnceListeningAgain() {
        String me = citizens.signUp("an applicant's password").token();
        String number = applications.start(me, DEMO_SESSION);

        StepVerifier.create(stream(me, number).filter(event -> event.data() != null))
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("DRAFT"))
                .then(() -> {
                    List<Integer> listeners = jdbc.queryForList(
                            "SELECT pid FROM pg_stat_activity WHERE application_name = ?", Integer.class,
                            PostgresNotifications.APPLICATION_NAME);
                    assertThat(listeners).isNotEmpty();
                    // the listener is gone before the change commits, and the change sends no notification
                    jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = ANY(?)",
                            Boolean.class, (Object) listeners.toArray(Integer[]::new));
                    jdbc.update("UPDATE readmodel.exam_application SET status = 'CONFIRMED', confirmed_at = now() "
                            + "WHERE application_number = ?", number);
                })
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("CONFIRMED"))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    /**
     * A result's publication is an instant nobody announces when it comes: a stream open before it hears
     * RESULT_PUBLISHED at that instant (the final status: the stream ends), and only an applicant with a result does.
     */
    @Test
    void theResultsPublicationInstantReachesTheStreamsOfApplicantsWithAResult() {
        var results = new ResultClient(http, clock);
        String session = results.sessionWithSheet();
        Applicant withResult = results.confirmedApplicant(session);
        Applicant absent = results.confirmedApplicant(session);
        results.imported(session, ResultClient.HEADER + ResultClient.line(withResult.number(), "40", "30", "70"));
        Instant publishAt = clock.instant().plusSeconds(3).truncatedTo(ChronoUnit.MICROS);
        results.publish(session, publishAt).expectStatus().isOk();

        Flux<ServerSentEvent<JsonNode>> others = stream(absent.token(), absent.number())
                .filter(event -> event.data() != null);
        StepVerifier.create(stream(withResult.token(), withResult.number()).filter(event -> event.data() != null))
                .assertNext(event -> assertThat(event.data().get("status").asText())
                        .as("before the instant").isEqualTo("CONFIRMED"))
                .assertNext(event -> {
                    assertThat(event.data().get("status").asText()).isEqualTo("RESULT_PUBLISHED");
                    assertThat(Instant.parse(event.data().get("since").asText())).isEqualTo(publishAt);
                    assertThat(clock.instant()).as("not before the instant").isAfterOrEqualTo(publishAt);
                })
                .as("RESULT_PUBLISHED is final: the stream ends")
                .expectComplete()
                .verify(Duration.ofSeconds(30));
        StepVerifier.create(others)
                .assertNext(event -> assertThat(event.data().get("status").asText())
                        .as("no result, nothing published for them").isEqualTo("CONFIRMED"))
                .expectNoEvent(Duration.ofSeconds(1))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
    }

    private void awaitSubscriptions(int expected) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(updateEmitter.activeSubscriptions()).hasSizeLessThanOrEqualTo(expected));
    }

    @Test
    void aClientThatGoesAwayClosesItsSubscription() {
        String me = citizens.signUp("an applicant's password").token();
        String number = applications.start(me, DEMO_SESSION);
        int subscriptionsBefore = updateEmitter.activeSubscriptions().size();
        StepVerifier.create(stream(me, number).filter(event -> event.data() != null))
                .assertNext(event -> assertThat(event.data().get("status").asText()).isEqualTo("DRAFT"))
                .then(() -> assertThat(updateEmitter.activeSubscriptions()).hasSize(subscriptionsBefore + 1))
                .thenCancel()
                .verify(Duration.ofSeconds(30));
        awaitSubscriptions(subscriptionsBefore);
    }
}

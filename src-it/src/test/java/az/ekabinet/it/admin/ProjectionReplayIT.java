package az.ekabinet.it.admin;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.AdminClient;
import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * POST /api/admin/projections/{name}/replay: a read model rebuilt from the event store is identical to the one
 * built live (a row changed by hand is repaired), and the API keeps answering meanwhile.
 */
@IntegrationTest
class ProjectionReplayIT {

    static final String PASSWORD = "an applicant's password";
    static final String FROM_EVENTS = "'payment:' || payment_code IN (SELECT aggregateidentifier FROM domainevententry "
            + "WHERE payloadtype LIKE '%.PaymentReceived')";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    CitizenClient citizens;
    ApplicationClient applications;
    ProviderClient bank;
    String admin;
    AdminClient admins;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        applications = new ApplicationClient(http);
        bank = ProviderClient.demoBank(http, clock);
        admins = AdminClient.demo(http);
        admin = admins.token();
    }

    private List<Map<String, Object>> table(String query) {
        return jdbc.queryForList(query);
    }

    /** Waits (bounded) until the replay is no longer running; its final status. */
    private JsonNode awaitReplay(String projection) {
        return admins.awaitReplay(projection, Duration.ofSeconds(60));
    }

    @Test
    void aSubscribingReadModelIsRebuiltIdenticallyWhileBalancesKeepAnswering() {
        var payer = citizens.signUp(PASSWORD);
        var other = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "80.00");
        String number = applications.start(payer.token(), DEMO_SESSION);
        applications.fillIn(payer.token(), number);
        applications.confirm(payer.token(), number).expectStatus().isOk();
        String transfer = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(payer.token()))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"7.50\",\"password\":\"%s\"}"
                        .formatted(other.cabinetNumber(), PASSWORD))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("transferId").asText();
        http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transfer).headers(h -> h.setBearerAuth(payer.token()))
                .exchange().expectStatus().isOk();

        String wallets = "SELECT * FROM readmodel.wallet ORDER BY wallet_id";
        String credits = "SELECT * FROM readmodel.wallet_credit ORDER BY wallet_id, event_sequence";
        String debits = "SELECT * FROM readmodel.wallet_debit ORDER BY wallet_id, event_sequence";
        String transfers = "SELECT * FROM readmodel.transfer ORDER BY transfer_id";
        List<List<Map<String, Object>>> live = List.of(table(wallets), table(credits), table(debits), table(transfers));
        jdbc.update("UPDATE readmodel.wallet SET balance_qepik = balance_qepik + 100000 WHERE cabinet_number = ?",
                payer.cabinetNumber());

        AtomicBoolean replaying = new AtomicBoolean(true);
        WebClient client = WebClient.create("http://localhost:" + port);
        var reads = Flux.defer(() -> client.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(other.token()))
                        .exchangeToMono(r -> r.bodyToMono(JsonNode.class).map(body -> r.statusCode().value() + " "
                                + body.path("balance").asText())))
                .repeat(replaying::get)
                .subscribeOn(Schedulers.boundedElastic())
                .collectList()
                .toFuture();
        JsonNode started = admins.startReplay("wallet");
        assertThat(started.get("kind").asText()).isEqualTo("SUBSCRIBING");
        JsonNode finished = awaitReplay("wallet");
        replaying.set(false);

        assertThat(finished.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(finished.get("eventsReplayed").asLong()).isPositive();
        assertThat(reads.join()).as("every read during the rebuild answered, with the balance").isNotEmpty()
                .containsOnly("200 7.50");
        assertThat(List.of(table(wallets), table(credits), table(debits), table(transfers)))
                .as("rebuilt from the event store: identical, the hand-made change repaired").isEqualTo(live);
        assertThat(applications.balance(payer.token())).isEqualTo("22.50");
    }

    @Test
    void aStreamingReadModelIsReplayedByResettingItsTokens() {
        var payer = citizens.signUp(PASSWORD);
        bank.payInto(payer.token(), "12.00");
        // rows of payments in the event store (a projector test elsewhere writes rows without events)
        String payments = "SELECT * FROM readmodel.provider_payment WHERE " + FROM_EVENTS + " ORDER BY payment_code";
        await().atMost(Duration.ofSeconds(30)).until(this::caughtUp); // the streaming projection, on its own time
        List<Map<String, Object>> live = table(payments);
        assertThat(live).isNotEmpty();
        jdbc.update("UPDATE readmodel.provider_payment SET provider = 'changed by hand'");

        assertThat(admins.startReplay("provider-payments").get("kind").asText()).isEqualTo("STREAMING");
        assertThat(awaitReplay("provider-payments").get("state").asText()).isEqualTo("COMPLETED");
        assertThat(table(payments)).isEqualTo(live);
    }

    /** Every payment received and every code redeemed in the event store is in the provider-payments table. */
    private boolean caughtUp() {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT (SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.PaymentReceived')"
                        + " = (SELECT count(*) FROM readmodel.provider_payment WHERE " + FROM_EVENTS + ")"
                        + " AND (SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.PaymentCodeRedeemed')"
                        + " = (SELECT count(*) FROM readmodel.provider_payment WHERE credited_at IS NOT NULL AND "
                        + FROM_EVENTS + ")", Boolean.class));
    }

    @Test
    void onlyReadModelsCanBeReplayedAndOnlyByAdministrators() {
        http.post().uri("/api/admin/projections/{name}/replay", "wallet-opening").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNotFound().expectBody().jsonPath("$.code").isEqualTo("PROJECTION_NOT_FOUND");
        http.post().uri("/api/admin/projections/{name}/replay", "no-such").headers(h -> h.setBearerAuth(admin))
                .exchange().expectStatus().isNotFound();
        String citizen = citizens.signUp(PASSWORD).token();
        http.post().uri("/api/admin/projections/{name}/replay", "wallet").headers(h -> h.setBearerAuth(citizen))
                .exchange().expectStatus().isForbidden();
        http.post().uri("/api/admin/projections/{name}/replay", "wallet").exchange().expectStatus().isUnauthorized();
        JsonNode all = http.get().uri("/api/admin/projections").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(all.findValuesAsText("projection")).contains("wallet", "cabinet-profile", "exam-applications",
                "provider-payments").doesNotContain("wallet-opening");
    }

    /**
     * Replays are the cluster's, not this node's: one running on another node (its heartbeat fresh) refuses a start
     * here; one whose node stopped renewing it (died) reads as failed and refuses nothing.
     */
    @Test
    void aReplayOnAnotherNodeRefusesAStartHereUntilItsNodeIsGone() {
        jdbc.update("""
                INSERT INTO command.projection_replay (projection, kind, state, events_replayed, started_at, node,
                    heartbeat_at) VALUES ('cabinet-profile', 'SUBSCRIBING', 'RUNNING', 0, now(), 'another-node', now())
                ON CONFLICT (projection) DO UPDATE SET state = 'RUNNING', node = 'another-node', heartbeat_at = now(),
                    finished_at = NULL, failure = NULL""");
        try {
            http.post().uri("/api/admin/projections/{name}/replay", "wallet").headers(h -> h.setBearerAuth(admin))
                    .exchange().expectStatus().isEqualTo(409).expectBody()
                    .jsonPath("$.code").isEqualTo("REPLAY_IN_PROGRESS");
            http.get().uri("/api/admin/projections/{name}/replay", "cabinet-profile")
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.state").isEqualTo("RUNNING");

            // the other node died: its lease (30 s) ran out without a heartbeat
            jdbc.update("UPDATE command.projection_replay SET heartbeat_at = now() - interval '31 seconds' "
                    + "WHERE projection = 'cabinet-profile'");
            http.get().uri("/api/admin/projections/{name}/replay", "cabinet-profile")
                    .headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.state").isEqualTo("FAILED").jsonPath("$.failure").isEqualTo("NODE_LOST");
            assertThat(admins.replay("wallet", Duration.ofSeconds(60)).get("state").asText()).isEqualTo("COMPLETED");
        } finally {
            jdbc.update("DELETE FROM command.projection_replay WHERE node = 'another-node'");
        }
    }
}

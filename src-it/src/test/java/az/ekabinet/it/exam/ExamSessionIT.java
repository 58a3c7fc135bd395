package az.ekabinet.it.exam;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Exam sessions: the demo session, publishing by administrators, and the citizen's services list. */
@IntegrationTest
class ExamSessionIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    String admin;
    String citizen;

    @BeforeEach
    void setUp() {
        var citizens = new CitizenClient(http);
        admin = citizens.token("admin", "demo-admin-2026");
        citizen = citizens.signUp("an applicant's password").token();
    }

    private JsonNode sessions() {
        return http.get().uri("/api/exam-sessions").headers(h -> h.setBearerAuth(citizen)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode session(String id) {
        return StreamSupport.stream(sessions().spliterator(), false).filter(s -> s.get("id").asText().equals(id))
                .findFirst().orElseThrow(() -> new AssertionError("no session " + id));
    }

    private WebTestClient.ResponseSpec publish(String token, String json) {
        return http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    private String sessionJson(String id, String fee, int deadlineDays) {
        return """
                {"id":"%s","title":"2025/2026 — magistraturaya qəbul, 2-ci cəhd","academicYear":"2025/2026","attempt":2,
                 "fee":"%s","opensAt":"%s","deadline":"%s"}""".formatted(id, fee,
                clock.instant().minus(Duration.ofHours(1)), clock.instant().plus(Duration.ofDays(deadlineDays)));
    }

    @Test
    void theDemoSessionIsOpenWithItsFee() {
        JsonNode demo = session("2025-2026-magistr-1");
        assertThat(demo.get("title").asText()).isEqualTo("2025/2026 — magistraturaya qəbul, 1-ci cəhd");
        assertThat(demo.get("fee").asText()).isEqualTo("50.00");
        assertThat(demo.get("attempt").asInt()).isEqualTo(1);
        assertThat(demo.get("open").asBoolean()).isTrue();
    }

    @Test
    void anAdministratorPublishesASecondAttemptOnce() {
        String id = "second-" + Ids.paymentCode().toLowerCase();
        publish(admin, sessionJson(id, "40.00", 30)).expectStatus().isCreated().expectBody().jsonPath("$.id").isEqualTo(id);
        assertThat(session(id).get("attempt").asInt()).isEqualTo(2);
        assertThat(session(id).get("fee").asText()).isEqualTo("40.00");
        publish(admin, sessionJson(id, "45.00", 30)).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_EXISTS");
        assertThat(session(id).get("fee").asText()).isEqualTo("40.00");
    }

    /**
     * The same session published at once by several callers (nodes of a cluster publishing the demo session as they
     * start together, administrators repeating a publish): each is told it is published, and it is published once.
     */
    @Test
    void aSessionPublishedByManyAtOnceIsPublishedOnce() {
        String id = "together-" + Ids.paymentCode().toLowerCase();
        String json = sessionJson(id, "35.00", 30);
        List<Integer> statuses = Flux.range(0, 8)
                .flatMap(i -> WebClient.create("http://localhost:" + port).post().uri("/api/admin/exam-sessions")
                        .headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON).bodyValue(json)
                        .exchangeToMono(response -> Mono.just(response.statusCode().value())), 8)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(statuses).hasSize(8).containsOnly(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Integer.class, "exam-session:" + id)).isEqualTo(1);
    }

    @Test
    void badSessionsAreRefusedAndOnlyAdministratorsPublish() {
        publish(admin, """
                {"id":"X!","title":"","academicYear":"2025/2027","attempt":3,"fee":"0","opensAt":"soon","deadline":"2020-01-01T00:00:00Z"}""")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'id')].code").isEqualTo("SESSION_ID_FORMAT")
                .jsonPath("$.errors[?(@.field == 'title')].code").isEqualTo("REQUIRED")
                .jsonPath("$.errors[?(@.field == 'academicYear')].code").isEqualTo("ACADEMIC_YEAR_FORMAT")
                .jsonPath("$.errors[?(@.field == 'attempt')].code").isEqualTo("ATTEMPT_VALUE")
                .jsonPath("$.errors[?(@.field == 'fee')].code").isEqualTo("AMOUNT_NOT_POSITIVE")
                .jsonPath("$.errors[?(@.field == 'opensAt')].code").isEqualTo("INSTANT_FORMAT")
                .jsonPath("$.errors[?(@.field == 'deadline')].code").isEqualTo("DEADLINE_PASSED_ALREADY");
        publish(admin, """
                {"id":"backwards","title":"Backwards","academicYear":"2025/2026","attempt":1,"fee":"1.00",
                 "opensAt":"%s","deadline":"%s"}""".formatted(clock.instant().plus(Duration.ofDays(9)),
                clock.instant().plus(Duration.ofDays(1))))
                .expectStatus().isEqualTo(422).expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_WINDOW_INVALID");
        publish(citizen, sessionJson("by-a-citizen", "1.00", 5)).expectStatus().isForbidden();
        http.post().uri("/api/admin/exam-sessions").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sessionJson("anonymous", "1.00", 5)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/exam-sessions").headers(h -> h.setBearerAuth(admin)).exchange().expectStatus().isForbidden();
    }
}

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

/** Starting an application: one per cabinet per session, a 6-digit number, only while open. */
@IntegrationTest
class ExamApplicationIT {

    static final String DEMO_SESSION = "2025-2026-magistr-1";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    CitizenClient citizens;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
    }

    private String citizen() {
        return citizens.signUp("an applicant's password").token();
    }

    private WebTestClient.ResponseSpec start(String token, String session) {
        return http.post().uri("/api/exam-sessions/{id}/applications", session).headers(h -> h.setBearerAuth(token)).exchange();
    }

    @Test
    void anApplicationGetsItsNumberOnceAndShowsInTheServicesList() {
        String me = citizen();
        String number = start(me, DEMO_SESSION).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("applicationNumber").asText();
        assertThat(number).matches("[0-9]{6}");
        assertThat(Integer.parseInt(number)).isGreaterThanOrEqualTo(100001);
        start(me, DEMO_SESSION).expectStatus().isOk().expectBody().jsonPath("$.applicationNumber").isEqualTo(number);

        http.get().uri("/api/applications/{n}", number).headers(h -> h.setBearerAuth(me)).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("DRAFT").jsonPath("$.sessionId").isEqualTo(DEMO_SESSION);
        JsonNode sessions = http.get().uri("/api/exam-sessions").headers(h -> h.setBearerAuth(me)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode demo = StreamSupport.stream(sessions.spliterator(), false)
                .filter(s -> s.get("id").asText().equals(DEMO_SESSION)).findFirst().orElseThrow();
        assertThat(demo.get("applicationNumber").asText()).isEqualTo(number);
        assertThat(demo.get("applicationStatus").asText()).isEqualTo("DRAFT");
    }

    @Test
    void tenConcurrentStartsMakeOneApplication() {
        String me = citizen();
        WebClient client = WebClient.create("http://localhost:" + port);
        List<JsonNode> answers = Flux.range(0, 10)
                .flatMap(i -> client.post().uri("/api/exam-sessions/{id}/applications", DEMO_SESSION)
                        .headers(h -> h.setBearerAuth(me))
                        .<JsonNode>exchangeToMono(r -> r.bodyToMono(com.fasterxml.jackson.databind.node.ObjectNode.class)
                                .map(body -> body.put("status", r.statusCode().value()))), 10)
                .collectList().block(Duration.ofSeconds(60));
        assertThat(answers).extracting(a -> a.get("status").asInt()).containsOnly(201, 200).filteredOn(s -> s == 201).hasSize(1);
        assertThat(answers).extracting(a -> a.get("applicationNumber").asText()).containsOnly(
                answers.get(0).get("applicationNumber").asText());
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.ApplicationStarted'
                AND convert_from(payload, 'UTF8') LIKE ?""", Integer.class,
                "%\"applicationNumber\":\"" + answers.get(0).get("applicationNumber").asText() + "\"%")).isEqualTo(1);
    }

    @Test
    void onlyTheOwnerSeesAnApplication() {
        String me = citizen();
        String someoneElse = citizen();
        String number = start(me, DEMO_SESSION).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("applicationNumber").asText();
        http.get().uri("/api/applications/{n}", number).headers(h -> h.setBearerAuth(someoneElse)).exchange()
                .expectStatus().isNotFound();
        http.get().uri("/api/applications/{n}", "12ab").headers(h -> h.setBearerAuth(me)).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void nothingStartsOutsideTheSessionsWindow() {
        String admin = citizens.token("admin", "demo-admin-2026");
        var registered = citizens.signUp("an applicant's password");
        String me = registered.token();
        String closing = "closing-" + Ids.paymentCode().toLowerCase();
        String later = "later-" + Ids.paymentCode().toLowerCase();
        publish(admin, closing, clock.instant().minus(Duration.ofDays(1)), clock.instant().plus(Duration.ofDays(1)));
        publish(admin, later, clock.instant().plus(Duration.ofDays(10)), clock.instant().plus(Duration.ofDays(20)));

        start(me, later).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_NOT_OPEN_YET");
        start(me, "no-such-session").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_NOT_FOUND");
        start(me, "Bad Id!").expectStatus().isNotFound();
        clock.advance(Duration.ofDays(2));
        String meAgain = citizens.token(registered.cabinetNumber(), registered.password()); // two days: a new session
        start(meAgain, closing).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("DEADLINE_PASSED");
    }

    private void publish(String admin, String id, java.time.Instant opensAt, java.time.Instant deadline) {
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"id":"%s","title":"Test session","academicYear":"2025/2026","attempt":2,"fee":"10.00",
                         "opensAt":"%s","deadline":"%s"}""".formatted(id, opensAt, deadline))
                .exchange().expectStatus().isCreated();
    }
}

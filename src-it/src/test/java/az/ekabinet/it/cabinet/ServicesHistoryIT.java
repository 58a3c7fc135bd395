package az.ekabinet.it.cabinet;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The citizen's services history ("İstifadə edilmiş xidmətlər"): every application, newest first, with its fee,
 * confirmation, result status and what can be done next; paged; the citizen's own only.
 */
@IntegrationTest
class ServicesHistoryIT {

    static final String PASSWORD = "a history password";

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;

    CitizenClient citizens;
    ApplicationClient applications;
    ProviderClient bank;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        applications = new ApplicationClient(http);
        bank = ProviderClient.demoBank(http, clock);
    }

    private WebTestClient.ResponseSpec services(String token, String query) {
        return http.get().uri("/api/me/services" + query).headers(h -> h.setBearerAuth(token)).exchange();
    }

    private JsonNode page(String token, String query) {
        return services(token, query).expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** A second session, open from a minute ago until {@code open} from now. */
    private String publishedSession(String title, Duration open) {
        String admin = citizens.token("admin", "demo-admin-2026");
        String session = "history-" + Ids.paymentCode().toLowerCase();
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("""
                        {"id":"%s","title":"%s","academicYear":"2026/2027","attempt":2,"fee":"10.00",
                         "opensAt":"%s","deadline":"%s"}""".formatted(session, title, clock.instant().minusSeconds(60),
                        clock.instant().plus(open)))
                .exchange().expectStatus().isCreated();
        return session;
    }

    @Test
    void aNewCitizenHasUsedNothing() {
        JsonNode empty = page(citizens.signUp(PASSWORD).token(), "");
        assertThat(empty.get("items")).isEmpty();
        assertThat(empty.get("hasMore").asBoolean()).isFalse();
        assertThat(empty.get("size").asInt()).isEqualTo(20);
    }

    @Test
    void aDraftCanBeContinuedAndAConfirmedApplicationShowsItsFeeAndAwaitsItsResult() {
        SignedUp me = citizens.signUp(PASSWORD);
        String number = applications.start(me.token(), DEMO_SESSION);

        JsonNode draft = page(me.token(), "").get("items").get(0);
        assertThat(draft.get("service").asText()).isEqualTo("MASTER_EXAM_APPLICATION");
        assertThat(draft.get("title").asText()).isEqualTo("2025/2026 — magistraturaya qəbul, 1-ci cəhd");
        assertThat(draft.get("sessionId").asText()).isEqualTo(DEMO_SESSION);
        assertThat(draft.get("applicationNumber").asText()).isEqualTo(number);
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");
        assertThat(draft.has("feeCharged")).isFalse();
        assertThat(draft.has("confirmedAt")).isFalse();
        assertThat(draft.has("resultStatus")).isFalse();
        assertThat(texts(draft.get("actions"))).containsExactly("CONTINUE");

        bank.payInto(me.token(), "60.00");
        applications.fillIn(me.token(), number);
        applications.confirm(me.token(), number).expectStatus().isOk();

        JsonNode confirmed = page(me.token(), "").get("items").get(0);
        assertThat(confirmed.get("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("feeCharged").asText()).isEqualTo("50.00");
        assertThat(Instant.parse(confirmed.get("confirmedAt").asText()))
                .isEqualTo(Instant.parse(confirmed.get("feeChargedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(confirmed.get("startedAt").asText()));
        assertThat(confirmed.get("resultStatus").asText()).isEqualTo("AWAITING");
        assertThat(texts(confirmed.get("actions"))).containsExactly("PRINT");
    }

    @Test
    void servicesComeNewestFirstAcrossSessionsInPagesAndADraftPastItsDeadlineOffersNothing() {
        SignedUp me = citizens.signUp(PASSWORD);
        String first = applications.start(me.token(), DEMO_SESSION);
        String closing = publishedSession("Closing soon", Duration.ofHours(1));
        String second = applications.start(me.token(), closing);

        JsonNode all = page(me.token(), "");
        assertThat(all.get("items")).extracting(item -> item.get("applicationNumber").asText())
                .containsExactly(second, first);
        JsonNode newest = page(me.token(), "?page=0&size=1");
        assertThat(newest.get("items")).extracting(item -> item.get("applicationNumber").asText()).containsExactly(second);
        assertThat(newest.get("hasMore").asBoolean()).isTrue();
        JsonNode older = page(me.token(), "?page=1&size=1");
        assertThat(older.get("items")).extracting(item -> item.get("applicationNumber").asText()).containsExactly(first);
        assertThat(older.get("hasMore").asBoolean()).isFalse();

        clock.advance(Duration.ofMinutes(61));
        String again = citizens.token(me.cabinetNumber(), PASSWORD); // an hour idle: a new session
        JsonNode closed = page(again, "?size=1").get("items").get(0);
        assertThat(closed.get("applicationNumber").asText()).isEqualTo(second);
        assertThat(closed.get("actions")).as("the deadline has passed").isEmpty();
    }

    @Test
    void aCitizenSeesOnlyTheirOwnServices() {
        SignedUp me = citizens.signUp(PASSWORD);
        SignedUp other = citizens.signUp(PASSWORD);
        applications.start(other.token(), DEMO_SESSION);
        assertThat(page(me.token(), "").get("items")).isEmpty();
        assertThat(page(other.token(), "").get("items")).hasSize(1);
    }

    @Test
    void badPagingIsA400AndOnlyCitizensAsk() {
        String me = citizens.signUp(PASSWORD).token();
        for (String query : List.of("?page=-1", "?size=0", "?size=101", "?page=abc", "?size=1.5")) {
            services(me, query).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                    .jsonPath("$.errors[0].field").value(field -> assertThat(field).isIn("page", "size"));
        }
        http.get().uri("/api/me/services").exchange().expectStatus().isUnauthorized();
        String operator = citizens.token("operator", "demo-operator-2026");
        services(operator, "").expectStatus().isForbidden();
    }
}

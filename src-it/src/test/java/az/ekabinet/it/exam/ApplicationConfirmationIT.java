package az.ekabinet.it.exam;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.WalletLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

/**
 * Confirmation charges the fee once and atomically: under concurrent confirmations, racing a transfer
 * that would empty the wallet, without enough money, and after the deadline.
 */
@IntegrationTest
class ApplicationConfirmationIT {

    static final String PASSWORD = "an applicant's password";

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

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        applications = new ApplicationClient(http);
        bank = ProviderClient.demoBank(http, clock);
    }

    /** Exam-fee debits of application {@code number} in the event store. */
    private int feeDebits(String number) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%.FundsDebited'
                AND convert_from(payload, 'UTF8') LIKE ?""", Integer.class, "%\"cause\":\"EXAM_FEE:" + number + "\"%");
    }

    private static Mono<JsonNode> post(WebClient client, String token, String uri, String body) {
        return client.post().uri(uri).headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchangeToMono(r -> r.bodyToMono(ObjectNode.class).defaultIfEmpty(new ObjectNode(null))
                        .map(answer -> (JsonNode) answer.put("httpStatus", r.statusCode().value())));
    }

    @Test
    void tenConcurrentConfirmationsChargeTheFeeOnce() {
        var citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "80.00");
        String number = applications.start(citizen.token(), DEMO_SESSION);
        applications.fillIn(citizen.token(), number);

        WebClient client = WebClient.create("http://localhost:" + port);
        List<JsonNode> answers = Flux.range(0, 10)
                .flatMap(i -> post(client, citizen.token(), "/api/applications/" + number + "/confirmation",
                        "{\"consentToDebit\":true}"), 10)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(answers).extracting(a -> a.get("httpStatus").asInt()).containsOnly(200);
        assertThat(answers).extracting(a -> a.get("balance").asText()).containsOnly("30.00");
        assertThat(answers).extracting(a -> a.get("confirmedAt").asText()).containsOnly(answers.get(0).get("confirmedAt").asText());
        assertThat(feeDebits(number)).isEqualTo(1);
        assertThat(applications.balance(citizen.token())).isEqualTo("30.00");
    }

    @Test
    void aConfirmationRacingATransferThatEmptiesTheWalletNeverOverdraws() {
        WebClient client = WebClient.create("http://localhost:" + port);
        var recipient = citizens.signUp(PASSWORD);
        for (int round = 0; round < 5; round++) {
            var citizen = citizens.signUp(PASSWORD);
            bank.payInto(citizen.token(), "60.00");
            String number = applications.start(citizen.token(), DEMO_SESSION);
            applications.fillIn(citizen.token(), number);
            String transferId = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(citizen.token()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"45.00\",\"password\":\"%s\"}"
                            .formatted(recipient.cabinetNumber(), PASSWORD))
                    .exchange().expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();

            List<JsonNode> answers = Flux.merge(
                            post(client, citizen.token(), "/api/applications/" + number + "/confirmation",
                                    "{\"consentToDebit\":true}"),
                            post(client, citizen.token(), "/api/me/wallet/transfers/" + transferId + "/confirmation", ""))
                    .collectList().block(Duration.ofSeconds(60));

            assertThat(answers).extracting(a -> a.get("httpStatus").asInt())
                    .as("one of the two wins, the other is told the money is not there")
                    .containsExactlyInAnyOrder(200, 409);
            assertThat(answers).filteredOn(a -> a.get("httpStatus").asInt() == 409)
                    .extracting(a -> a.get("code").asText()).containsOnly("INSUFFICIENT_FUNDS");
            String balance = applications.balance(citizen.token());
            assertThat(balance).isIn("10.00", "15.00");
            assertThat(feeDebits(number)).isEqualTo(balance.equals("10.00") ? 1 : 0);
            new WalletLedger(jdbc).assertReadModelEqualsReplay(List.of("wallet:" + cabinetIdOf(citizen.fin())));
        }
    }

    private String cabinetIdOf(String fin) {
        return jdbc.queryForObject("SELECT cabinet_id FROM command.cabinet_registry WHERE fin = ?", String.class, fin);
    }

    @Test
    void notEnoughMoneyTellsWhatIsMissingAndChargesNothing() {
        var citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "12.34");
        String number = applications.start(citizen.token(), DEMO_SESSION);
        applications.fillIn(citizen.token(), number);
        long before = new EventStore(jdbc).totalEvents();

        applications.confirm(citizen.token(), number).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("INSUFFICIENT_FUNDS")
                .jsonPath("$.missingAmount").isEqualTo("37.66");
        assertThat(new EventStore(jdbc).totalEvents()).isEqualTo(before);
        assertThat(applications.balance(citizen.token())).isEqualTo("12.34");
        assertThat(applications.view(citizen.token(), number).get("status").asText()).isEqualTo("DRAFT");
    }

    @Test
    void afterTheDeadlineNothingCanBeChangedOrConfirmed() {
        String admin = citizens.token("admin", "demo-admin-2026");
        String session = "closing-" + Ids.paymentCode().toLowerCase();
        Instant deadline = clock.instant().plus(Duration.ofHours(1));
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"id":"%s","title":"Closing soon","academicYear":"2025/2026","attempt":2,"fee":"10.00",
                         "opensAt":"%s","deadline":"%s"}""".formatted(session, clock.instant().minusSeconds(60), deadline))
                .exchange().expectStatus().isCreated();
        var citizen = citizens.signUp(PASSWORD);
        bank.payInto(citizen.token(), "20.00");
        String number = applications.start(citizen.token(), session);
        applications.fillIn(citizen.token(), number);

        clock.advance(Duration.ofMinutes(61));
        String me = citizens.token(citizen.cabinetNumber(), PASSWORD); // an hour idle: a new session
        applications.put(me, number, "residence", "{\"districtCode\":\"SHAKI\"}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("DEADLINE_PASSED");
        applications.confirm(me, number).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("DEADLINE_PASSED")
                .jsonPath("$.detail").isNotEmpty();
        assertThat(applications.balance(me)).isEqualTo("20.00");
        assertThat(feeDebits(number)).isZero();
    }
}

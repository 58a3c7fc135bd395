package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Idempotency-Key on money-moving POSTs: a retry gets the first answer, and nothing happens twice. */
@IntegrationTest
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class IdempotencyKeyIT {

    /** A replay must not run the handler again: any second run shows up as an unexpected failure in the log. */
    @org.junit.jupiter.api.AfterEach
    void nothingFailedBehindTheScenes(org.springframework.boot.test.system.CapturedOutput log) {
        assertThat(log.getAll()).doesNotContain("Unexpected failure");
    }

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    CitizenClient citizens;
    ProviderClient bank;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
    }

    private String citizen() {
        return citizens.signUp("an idempotent password").token();
    }

    private WebTestClient.ResponseSpec credit(String token, String key, String code) {
        return http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"paymentCode\":\"%s\"}".formatted(code)).exchange();
    }

    private String balance(String token) {
        return http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("balance").asText();
    }

    @Test
    void aRetryWithTheSameKeyGetsTheFirstAnswerAndCreditsOnce() {
        String token = citizen();
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "12.34", "AA1234567")).expectStatus().isCreated();

        byte[] first = credit(token, "retry-1", code).expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        byte[] again = credit(token, "retry-1", code).expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().returnResult().getResponseBody();

        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(balance(token)).isEqualTo("12.34");
        // the handler ran once: one credit attempt reached the wallet, the replay did not
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?""", Integer.class, "payment:" + code))
                .isEqualTo(2);
        credit(token, "retry-1", Ids.paymentCode()).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("IDEMPOTENCY_KEY_REUSED");
        // without the key, the same request is a second credit attempt: refused by the code itself
        http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                .exchange().expectStatus().isEqualTo(409);
    }

    @Test
    void aFailedFirstRequestLeavesTheKeyFreeForARetry() {
        String token = citizen();
        String code = Ids.paymentCode();
        credit(token, "not-yet-paid", code).expectStatus().isNotFound();
        bank.post(bank.notification(code, "5.00", "AA1234567")).expectStatus().isCreated();
        credit(token, "not-yet-paid", code).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed");
        assertThat(balance(token)).isEqualTo("5.00");
    }

    @Test
    void keysBelongToTheirCallerAndHaveAFormat() {
        String one = citizen();
        String other = citizen();
        String code = Ids.paymentCode();
        String otherCode = Ids.paymentCode();
        bank.post(bank.notification(code, "1.00", "AA1234567")).expectStatus().isCreated();
        bank.post(bank.notification(otherCode, "2.00", "AA1234567")).expectStatus().isCreated();
        credit(one, "shared-key", code).expectStatus().isCreated();
        credit(other, "shared-key", otherCode).expectStatus().isCreated()
                .expectBody().jsonPath("$.amount").isEqualTo("2.00");
        credit(one, "not a valid key!", code).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void aTransferConfirmationIsReplayed() {
        String sender = citizen();
        var recipient = citizens.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), "the recipient's password");
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "10.00", "AA1234567")).expectStatus().isCreated();
        credit(sender, "fund-it", code).expectStatus().isCreated();
        String transferId = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(sender))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"4.00\",\"password\":\"an idempotent password\"}"
                        .formatted(recipient.cabinetNumber()))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        for (String replayed : new String[] {null, "true"}) {
            var answer = http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transferId)
                    .headers(h -> h.setBearerAuth(sender)).header("Idempotency-Key", "confirm-" + transferId).exchange()
                    .expectStatus().isOk();
            if (replayed == null) {
                answer.expectHeader().doesNotExist("Idempotent-Replayed");
            } else {
                answer.expectHeader().valueEquals("Idempotent-Replayed", replayed);
            }
            answer.expectBody().jsonPath("$.balance").isEqualTo("6.00");
        }
        assertThat(balance(sender)).isEqualTo("6.00");
    }

    @Test
    void anApplicationConfirmationIsReplayed() {
        String me = citizen();
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "60.00", "AA1234567")).expectStatus().isCreated();
        credit(me, "fund-the-fee", code).expectStatus().isCreated();
        ApplicationClient applications = new ApplicationClient(http);
        String number = applications.start(me, ApplicationClient.DEMO_SESSION);
        applications.fillIn(me, number);
        for (String replayed : new String[] {null, "true"}) {
            var answer = http.post().uri("/api/applications/{n}/confirmation", number).headers(h -> h.setBearerAuth(me))
                    .header("Idempotency-Key", "confirm-" + number).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"consentToDebit\":true}").exchange()
                    .expectStatus().isOk();
            if (replayed == null) {
                answer.expectHeader().doesNotExist("Idempotent-Replayed");
            } else {
                answer.expectHeader().valueEquals("Idempotent-Replayed", replayed);
            }
        }
        assertThat(balance(me)).isEqualTo("10.00");
    }
}

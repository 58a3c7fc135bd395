package az.ekabinet.it.cluster;

import static az.ekabinet.it.support.ApplicationClient.DEMO_SESSION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Ids;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Citizens' and administrators' journeys with every request sent to another node than the one before, answered as
 * one node answers them.
 */
class ClusterJourneysIT extends ClusterTests {

    /**
     * Registration, login, profile, a provider's payment credited from the pending list, the histories, a transfer
     * previewed on one node and confirmed on the other, an exam application filled in, confirmed and printed, logout:
     * each request on the other node than the one before.
     */
    @Test
    void aCitizensWholeJourneyWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        CitizenClient citizens = new CitizenClient(http);
        String document = Ids.documentNumber();
        var registered = citizens.register("AZE", document, Ids.fin(), Ids.phone(), PASSWORD);
        String token = citizens.token(registered.cabinetNumber(), PASSWORD);
        SignedUp me = new SignedUp(registered.fin(), "AZE" + document, registered.cabinetNumber(), PASSWORD, token);
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.cabinetNumber").isEqualTo(me.cabinetNumber());

        // a payment made with my document: in my pending list, credited from it, then in my history
        String code = Ids.paymentCode();
        bank(http).post(bank(http).notification(code, "75.00", me.document())).expectStatus().isCreated();
        // the pending list is a streaming projection, a moment behind the notification as on one node
        await().atMost(Duration.ofSeconds(10)).until(() ->
                get(http, token, "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));
        http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"" + code + "\"}")
                .exchange().expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("75.00");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !get(http, token, "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));
        assertThat(get(http, token, "/api/me/wallet/credits").findValuesAsText("reference")).contains(code);
        bank(http).status(code).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("CREDITED");

        // a transfer: previewed on one node, confirmed on the other
        SignedUp recipient = new CitizenClient(nodeB).signUp(PASSWORD);
        String transfer = transfer(http, me, recipient, "20.00").expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        confirmTransfer(http, me, transfer).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("55.00");
        assertThat(get(http, token, "/api/me/wallet/debits").findValuesAsText("reference")).contains(transfer);
        assertThat(new ApplicationClient(http).balance(recipient.token())).isEqualTo("20.00");

        // the exam application
        ApplicationClient applications = new ApplicationClient(http);
        String number = applications.start(token, DEMO_SESSION);
        assertThat(applications.start(token, DEMO_SESSION)).as("a repeated start, on the other node").isEqualTo(number);
        applications.fillIn(token, number);
        assertThat(applications.view(token, number).get("problems")).isEmpty();
        applications.confirm(token, number).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("5.00");
        applications.confirm(token, number).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("5.00");
        http.get().uri("/api/applications/{n}/pdf", number).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF);
        assertThat(get(http, token, "/api/exam-sessions").findValuesAsText("applicationStatus")).contains("CONFIRMED");

        // logout on one node: the token is dead on both (the other hears it within milliseconds)
        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        awaitRefusedOnEveryNode(token);
    }

    /**
     * The cabinet's own screens with each request on the other node: a second session, a new phone verified by its
     * code, a password change (the other session ends on both nodes), logout, a second cabinet for the same FIN
     * refused.
     */
    @Test
    void aCitizensCabinetWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        CitizenClient citizens = new CitizenClient(http);
        var registered = citizens.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), PASSWORD);
        String token = citizens.token(registered.cabinetNumber(), PASSWORD);
        String otherSession = citizens.token(registered.fin(), PASSWORD);

        String newPhone = Ids.phone();
        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\",\"currentPassword\":\"%s\"}".formatted(newPhone, PASSWORD))
                .exchange().expectStatus().isOk();
        http.post().uri("/api/me/contact/phone-verification").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":\"%s\"}".formatted(citizens.lastCode(newPhone)))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.contact.mobilePhone").isEqualTo(newPhone);

        String changed = PASSWORD + " changed";
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(PASSWORD, changed))
                .exchange().expectStatus().isNoContent();
        awaitRefusedOnEveryNode(otherSession);
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        citizens.login(registered.cabinetNumber(), PASSWORD).expectStatus().isUnauthorized();

        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        awaitRefusedOnEveryNode(token);
        citizens.login(registered.cabinetNumber(), changed).expectStatus().isOk();

        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}"
                        .formatted(Ids.documentNumber(), registered.fin()))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code")
                .isEqualTo("CABINET_ALREADY_EXISTS");
    }

    /** An administrator publishes a session through one node; citizens of the other see it; a repeat is the same. */
    @Test
    void anAdministratorsSessionWithEveryRequestOnTheOtherNode() {
        WebTestClient http = cluster.alternating();
        String admin = new CitizenClient(http).token("admin", "demo-admin-2026");
        String citizen = new CitizenClient(http).signUp(PASSWORD).token();
        String id = "cluster-" + Ids.paymentCode().toLowerCase();
        String session = """
                {"id":"%s","title":"Sınaq sessiyası","academicYear":"2025/2026","attempt":2,"fee":"%s",
                 "opensAt":"%s","deadline":"%s"}""";
        Instant now = Instant.now();
        for (int repeat = 0; repeat < 2; repeat++) {
            http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(session.formatted(id, "30.00", now.minusSeconds(3600), now.plus(Duration.ofDays(9))))
                    .exchange().expectStatus().isCreated();
            assertThat(get(http, citizen, "/api/exam-sessions").findValuesAsText("id")).contains(id);
        }
        http.post().uri("/api/admin/exam-sessions").headers(h -> h.setBearerAuth(admin))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(session.formatted(id, "35.00", now.minusSeconds(3600), now.plus(Duration.ofDays(9))))
                .exchange().expectStatus().isEqualTo(409).expectBody().jsonPath("$.code")
                .isEqualTo("EXAM_SESSION_EXISTS");
        String number = new ApplicationClient(http).start(citizen, id);
        assertThat(new ApplicationClient(http).view(citizen, number).get("fee").asText()).isEqualTo("30.00");
    }
}

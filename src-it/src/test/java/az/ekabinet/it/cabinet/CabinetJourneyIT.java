package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A demo citizen's whole life with the cabinet over HTTP, as a client would live it: register with
 * the code from the SMS outbox, log in by cabinet number and by FIN, read the profile, change contact and
 * password, renew the document, log out. Afterwards no password, hash or code is in the event store or the log.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CabinetJourneyIT {

    /**
     * The service's own lines about each request and command, which are DEBUG: on for the journey, so that no secret
     * is in them either (and the log checked is not empty: refusals leave nothing above DEBUG).
     */
    static final List<String> REQUEST_LOGGERS = List.of("az.ekabinet.config.web",
            "az.ekabinet.command.shared.CommandDispatcher");

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    LoggingSystem logging;

    @BeforeEach
    void requestLinesOn() {
        REQUEST_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void requestLinesOff() {
        REQUEST_LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void aDemoCitizenRegistersLogsInAndManagesTheCabinet(CapturedOutput log) {
        var citizen = new CitizenClient(http);
        List<String> secrets = new ArrayList<>();
        String phone = Ids.phone();
        String localPhone = "0" + phone.substring(4);

        // 1. identify: the registry confirms Elvin's card and FIN (typed in lower case)
        JsonNode started = http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"aze\",\"documentNumber\":\"12345678\",\"fin\":\"5zk3m7p\"}")
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(started.at("/person/surname").asText()).isEqualTo("Məmmədov");
        assertThat(started.at("/person/patronymic").asText()).isEqualTo("Əli oğlu");
        assertThat(started.at("/person/birthDate").asText()).isEqualTo("1999-03-14");
        String registrationId = started.get("registrationId").asText();

        // 2. contact, 3. the SMS code
        http.put().uri("/api/registrations/{id}/contact", registrationId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\",\"email\":\"elvin@example.az\"}".formatted(localPhone))
                .exchange().expectStatus().isAccepted()
                .expectBody().jsonPath("$.phone").isEqualTo(maskOf(phone))
                .jsonPath("$.codeValidForSeconds").isEqualTo(300);
        String code = citizen.lastCode(phone);
        secrets.add(code);
        citizen.verifyPhone(registrationId, code).expectStatus().isNoContent();

        // 4. password → the cabinet number (9 digits with a valid Luhn check digit)
        String password = "Xəzər dənizi 2026";
        secrets.add(password);
        String cabinetNumber = citizen.setPassword(registrationId, password).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("cabinetNumber").asText();
        assertThat(CabinetNumber.parse(cabinetNumber).value()).isEqualTo(cabinetNumber);

        // the cabinet's wallet opens with it
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'wallet:cabinet:5ZK3M7P'"
                        + " AND payloadtype LIKE '%WalletOpened'", Integer.class) == 1);

        // log in by cabinet number and by FIN
        String token = citizen.token(cabinetNumber, password);
        String otherSession = citizen.token("5zk3m7p", password);

        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cabinetNumber").isEqualTo(cabinetNumber)
                .jsonPath("$.fin").isEqualTo("5ZK3M7P")
                .jsonPath("$.surname").isEqualTo("Məmmədov")
                .jsonPath("$.name").isEqualTo("Elvin")
                .jsonPath("$.document.series").isEqualTo("AZE")
                .jsonPath("$.document.number").isEqualTo("12345678")
                .jsonPath("$.contact.mobilePhone").isEqualTo(phone)
                .jsonPath("$.contact.phoneVerified").isEqualTo(true)
                .jsonPath("$.contact.email").isEqualTo("elvin@example.az");

        // change contact: the new phone counts only after its own code, and only with the current password
        String newPhone = Ids.phone();
        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\",\"email\":\"elvin@example.az\",\"currentPassword\":\"wrong password\"}"
                        .formatted(newPhone))
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("CURRENT_PASSWORD_WRONG");
        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\",\"email\":\"e.mammadov@example.az\",\"currentPassword\":\"%s\"}"
                        .formatted(newPhone, password))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.phoneVerificationSentTo").isEqualTo(maskOf(newPhone));
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.contact.mobilePhone").isEqualTo(phone)
                .jsonPath("$.contact.email").isEqualTo("e.mammadov@example.az");
        String phoneCode = citizen.lastCode(newPhone);
        secrets.add(phoneCode);
        http.post().uri("/api/me/contact/phone-verification").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"%s\"}".formatted(phoneCode))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.contact.mobilePhone").isEqualTo(newPhone);

        // change password: this session stays, the other ends, the old password is dead
        String newPassword = "Şuşa qalası 1752!";
        secrets.add(newPassword);
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"%s\",\"newPassword\":\"%s\"}".formatted(password, newPassword))
                .exchange().expectStatus().isNoContent();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(otherSession)).exchange().expectStatus().isUnauthorized();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk();
        citizen.login(cabinetNumber, password).expectStatus().isUnauthorized();
        citizen.login(cabinetNumber, newPassword).expectStatus().isOk();

        // "Sənədim yenilənib": the renewed card is re-read from the registry
        http.post().uri("/api/me/identity-document").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"55667788\"}")
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.document.number").isEqualTo("55667788");
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange()
                .expectBody().jsonPath("$.document.number").isEqualTo("55667788")
                .jsonPath("$.document.validUntil").isEqualTo("2035-02-10");
        http.post().uri("/api/me/identity-document").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"87654321\"}") // Aygün's card
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("DOCUMENT_NOT_RENEWED");

        // log out: the token is dead at once
        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isNoContent();
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isUnauthorized();

        // a second cabinet for the same FIN is refused and points to login
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"12345678\",\"fin\":\"5ZK3M7P\"}")
                .exchange().expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("CABINET_ALREADY_EXISTS");

        assertNoSecretIn(eventStoreText(), secrets);
        assertNoSecretIn(log.getAll(), secrets);
        assertThat(eventStoreText()).doesNotContain("$2a$").doesNotContain("$2b$");
        assertThat(log.getAll()).doesNotContain("$2a$");
    }

    private String eventStoreText() {
        StringBuilder text = new StringBuilder();
        jdbc.query("SELECT payload, metadata FROM domainevententry UNION ALL SELECT payload, metadata FROM snapshotevententry",
                rs -> {
                    text.append(new String(rs.getBytes(1), StandardCharsets.UTF_8));
                    byte[] meta = rs.getBytes(2);
                    if (meta != null) {
                        text.append(new String(meta, StandardCharsets.UTF_8));
                    }
                });
        return text.toString();
    }

    /**
     * Passwords must not appear at all; a 6-digit code must not appear as a number of its own (six digits also
     * occur inside microsecond timestamps and document numbers, which are not leaks).
     */
    private static void assertNoSecretIn(String text, List<String> secrets) {
        assertThat(text).isNotEmpty();
        for (String secret : secrets) {
            if (secret.matches("[0-9]{6}")) {
                assertThat(text).as("an SMS code leaked").doesNotContainPattern("(?<![0-9.])" + secret + "(?![0-9])");
            } else {
                assertThat(text).as("a password leaked").doesNotContain(secret);
            }
        }
    }

    private static String maskOf(String e164) {
        return "+994 " + e164.substring(4, 6) + " *** ** " + e164.substring(11);
    }
}

package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ApplicationClient;
import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import az.ekabinet.it.support.TestIdentityRegistry;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What an operator reads in the log on ordinary paths (docs/operations.md, "Logs"). A refusal is an answer the service
 * meant to give: it leaves no warning and no stack trace, however deep in Axon it was decided (a command that loads an
 * aggregate and finds none). What is truly the server's fault still leaves its stack trace, at ERROR, with the id of
 * the request.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LogLinesIT {

    /** A frame of a stack trace, as Logback writes it ("\tat org.…(File.java:12)"). */
    static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(");
    /** A log line at WARN or ERROR in the plain format ("2026-…Z  WARN 4711 --- [ekabinet] …"). */
    static final Pattern WARNING = Pattern.compile("^\\S+\\s+(WARN|ERROR)\\s+\\d+ --- ");
    static final String PASSWORD = "a quiet citizen's password";

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    CitizenClient citizens;
    ProviderClient bank;
    ApplicationClient applications;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
        applications = new ApplicationClient(http);
    }

    @Test
    void ordinaryRefusalsLeaveNoWarningAndNoStackTrace(CapturedOutput output) {
        var a = citizens.signUp(PASSWORD);
        var b = citizens.signUp(PASSWORD);
        bank.payInto(a.token(), "10.00");

        // a citizen's first application start: the command loads the application, finds none and creates it
        applications.start(a.token(), ApplicationClient.DEMO_SESSION);
        // a session that does not exist: loaded, not found
        http.post().uri("/api/exam-sessions/{id}/applications", "no-such-session").headers(h -> h.setBearerAuth(a.token()))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("EXAM_SESSION_NOT_FOUND");
        // a payment code nobody notified: loaded, not found
        credit(a.token(), Ids.paymentCode()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("PAYMENT_CODE_NOT_FOUND");
        // a code credited already
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "5.00", "AA1234567")).expectStatus().isCreated();
        credit(a.token(), code).expectStatus().isCreated();
        credit(b.token(), code).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("PAYMENT_CODE_ALREADY_CREDITED");
        // a transfer that does not exist: loaded, not found
        confirmTransfer(a.token(), UUID.randomUUID().toString()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("TRANSFER_NOT_FOUND");
        // not enough money
        String transfer = http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(a.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"500.00\",\"password\":\"%s\"}"
                        .formatted(b.cabinetNumber(), PASSWORD))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
        confirmTransfer(a.token(), transfer).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("INSUFFICIENT_FUNDS");
        // input the command refuses (an application confirmed without consent) and input refused before any command
        String number = applications.start(b.token(), ApplicationClient.DEMO_SESSION);
        http.post().uri("/api/applications/{n}/confirmation", number).headers(h -> h.setBearerAuth(b.token()))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"consentToDebit\":false}")
                .exchange().expectStatus().isBadRequest();
        credit(a.token(), "not a code").expectStatus().isBadRequest();
        // a wrong password, a dead token
        citizens.login(a.cabinetNumber(), "not the password").expectStatus().isUnauthorized();
        http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth("not-a-token")).exchange()
                .expectStatus().isUnauthorized();

        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).as("stack traces in the log").noneMatch(line -> STACK_FRAME.matcher(line).find());
        assertThat(lines).as("warnings in the log").noneMatch(line -> WARNING.matcher(line).find());
    }

    @Test
    void anUnexpectedFailureStillLeavesItsStackTraceAtError(CapturedOutput output) {
        // over plain HTTP: a 500 is in no API document, and the documented client would fail the exchange for it
        WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build()
                .post().uri("/api/registrations").header("X-Request-Id", "it-breaks-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}"
                        .formatted(Ids.documentNumber(), TestIdentityRegistry.BREAKS_THE_REGISTRY))
                .exchange().expectStatus().isEqualTo(500)
                .expectHeader().valueEquals("X-Request-Id", "it-breaks-1")
                .expectBody().jsonPath("$.code").isEqualTo("INTERNAL_ERROR");

        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).anyMatch(line -> WARNING.matcher(line).find() && line.contains(" ERROR ")
                && line.contains("[it-breaks-1]") && line.contains("Unexpected failure on POST /api/registrations"));
        assertThat(lines).anyMatch(line -> line.contains("IllegalStateException: the test identity registry breaks on"));
        assertThat(lines).anyMatch(line -> STACK_FRAME.matcher(line).find());
    }

    private WebTestClient.ResponseSpec credit(String token, String code) {
        return http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code)).exchange();
    }

    private WebTestClient.ResponseSpec confirmTransfer(String token, String id) {
        return http.post().uri("/api/me/wallet/transfers/{id}/confirmation", id).headers(h -> h.setBearerAuth(token))
                .exchange();
    }
}

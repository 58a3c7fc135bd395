package az.ekabinet.it.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.config.security.ProviderSignatureFilter;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import java.nio.charset.StandardCharsets;
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

/** The platform's end-to-end slice: signed notification → command → aggregate → event → projection → R2DBC read. */
@IntegrationTest
class ProviderPaymentIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;
    @Autowired
    JdbcTemplate jdbc;
    @LocalServerPort
    int port;

    ProviderClient bank;
    EventStore events;

    @BeforeEach
    void setUp() {
        bank = ProviderClient.demoBank(http, clock);
        events = new EventStore(jdbc);
    }

    @Test
    void firstNoticeIsCreatedAndAnIdenticalRepeatGetsTheSameAnswer() {
        String code = Ids.paymentCode();
        String body = bank.notification(code, "50.00", "AZE12345678");

        byte[] first = bank.post(body).expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.paymentCode").isEqualTo(code)
                .jsonPath("$.amount").isEqualTo("50.00")
                .jsonPath("$.payerDocumentNumber").isEqualTo("AZE12345678")
                .jsonPath("$.paidAt").isEqualTo("2026-01-15T06:00:00Z")
                .jsonPath("$.provider").isEqualTo("demo-bank")
                .jsonPath("$.receivedAt").exists()
                .returnResult().getResponseBody();

        byte[] repeat = bank.post(body).expectStatus().isOk().expectBody().returnResult().getResponseBody();

        assertThat(new String(repeat, StandardCharsets.UTF_8)).isEqualTo(new String(first, StandardCharsets.UTF_8));
        assertThat(events.eventsOf("payment:" + code)).isEqualTo(1);
    }

    @Test
    void codesAreCaseInsensitive() {
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "12.30", "AA1234567")).expectStatus().isCreated();

        bank.post(bank.notification(code.toLowerCase(), "12.3", "aa1234567")).expectStatus().isOk()
                .expectBody().jsonPath("$.paymentCode").isEqualTo(code).jsonPath("$.amount").isEqualTo("12.30");
    }

    @Test
    void sameCodeWithOtherContentIsAConflictAndChangesNothing() {
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "50.00", "AZE12345678")).expectStatus().isCreated();

        bank.post(bank.notification(code, "60.00", "AZE12345678"))
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("PAYMENT_NOTIFICATION_CONFLICT")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(code));

        assertThat(events.eventsOf("payment:" + code)).isEqualTo(1);
    }

    @Test
    void theNotifiedPaymentIsReadBackFromTheReadModel() {
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "7.05", "AZE87654321")).expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bank.status(code)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.paymentCode").isEqualTo(code)
                .jsonPath("$.amount").isEqualTo("7.05")
                .jsonPath("$.payerDocumentNumber").isEqualTo("AZE87654321")
                .jsonPath("$.status").isEqualTo("RECEIVED"));
    }

    @Test
    void aProviderSeesOnlyItsOwnPayments() {
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "7.05", "AZE87654321")).expectStatus().isCreated();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> bank.status(code).expectStatus().isOk());

        var other = new ProviderClient(http, "other-bank", "other-bank-secret-for-tests-only", clock);
        other.status(code).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("NOT_FOUND");
    }

    @Test
    void unsignedWronglySignedStaleOrUnknownNotificationsAre401AndStoreNothing() {
        String code = Ids.paymentCode();
        String body = bank.notification(code, "50.00", "AZE12345678");
        long now = clock.instant().getEpochSecond();

        new ProviderClient(http, "demo-bank", "not-the-secret", clock).post(body)
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("PROVIDER_SIGNATURE_INVALID");
        new ProviderClient(http, "unknown-bank", "demo-bank-secret", clock).post(body).expectStatus().isUnauthorized();
        bank.post(body, now - 301).expectStatus().isUnauthorized();
        // a few seconds past the limit: whole seconds and the time the requests above took must not bring it back in
        bank.post(body, clock.instant().getEpochSecond() + 305).expectStatus().isUnauthorized();
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        // A valid signature over one body does not cover another.
        String signature = bank.sign(now, body.getBytes(StandardCharsets.UTF_8));
        http.post().uri("/api/payments").contentType(MediaType.APPLICATION_JSON)
                .header(ProviderSignatureFilter.PROVIDER_HEADER, "demo-bank")
                .header(ProviderSignatureFilter.TIMESTAMP_HEADER, Long.toString(now))
                .header(ProviderSignatureFilter.SIGNATURE_HEADER, signature)
                .bodyValue(body.replace("50.00", "5000.00")).exchange()
                .expectStatus().isUnauthorized();

        assertThat(events.eventsOf("payment:" + code)).isZero();
    }

    @Test
    void invalidFieldsAreAllListedAndNothingIsStored() {
        long before = events.totalEvents();
        String body = ProviderClient.notification("short", "-5", "XX123", "yesterday", "other-bank");

        bank.post(body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[?(@.field == 'paymentCode')].code").isEqualTo(List.of("PAYMENT_CODE_FORMAT"))
                .jsonPath("$.errors[?(@.field == 'amount')].code").isEqualTo(List.of("MONEY_FORMAT"))
                .jsonPath("$.errors[?(@.field == 'payerDocumentNumber')].code").isEqualTo(List.of("DOCUMENT_NUMBER_FORMAT"))
                .jsonPath("$.errors[?(@.field == 'paidAt')].code").isEqualTo(List.of("INSTANT_FORMAT"))
                .jsonPath("$.errors[?(@.field == 'provider')].code").isEqualTo(List.of("PROVIDER_MISMATCH"));

        bank.post(bank.notification(Ids.paymentCode(), "0.00", "AZE12345678"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("AMOUNT_NOT_POSITIVE");
        bank.post(ProviderClient.notification(Ids.paymentCode(), "1.00", "AZE12345678",
                        clock.instant().plus(Duration.ofHours(1)).toString(), "demo-bank"))
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("PAID_AT_IN_FUTURE");
        bank.post("{\"paymentCode\":\"" + Ids.paymentCode() + "\",\"amount\":50.1,\"payerDocumentNumber\":\"AZE12345678\","
                        + "\"paidAt\":\"2026-01-15T10:00:00Z\",\"provider\":\"demo-bank\"}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("amount")
                .jsonPath("$.errors[0].code").isEqualTo("WRONG_TYPE");
        bank.post("{}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(5);

        assertThat(events.totalEvents()).isEqualTo(before);
    }

    @Test
    void concurrentIdenticalNotificationsRecordTheCodeOnce() {
        String code = Ids.paymentCode();
        String body = bank.notification(code, "50.00", "AZE12345678");
        WebClient client = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.range(0, 20)
                .flatMap(i -> {
                    long ts = clock.instant().getEpochSecond();
                    return client.post().uri("/api/payments")
                            .contentType(MediaType.APPLICATION_JSON)
                            .header(ProviderSignatureFilter.PROVIDER_HEADER, "demo-bank")
                            .header(ProviderSignatureFilter.TIMESTAMP_HEADER, Long.toString(ts))
                            .header(ProviderSignatureFilter.SIGNATURE_HEADER,
                                    bank.sign(ts, body.getBytes(StandardCharsets.UTF_8)))
                            .bodyValue(body)
                            .<Integer>exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()));
                }, 20)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(statuses).hasSize(20);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(19);
        assertThat(events.eventsOf("payment:" + code)).isEqualTo(1);
    }
}

package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
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
import reactor.core.scheduler.Schedulers;

/** Crediting payment codes: picked from the pending list or typed, the histories, and exactly once under a crowd. */
@IntegrationTest
class PaymentCodeCreditIT {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;

    CitizenClient citizens;
    ProviderClient bank;

    @BeforeEach
    void setUp() {
        citizens = new CitizenClient(http);
        bank = ProviderClient.demoBank(http, clock);
    }

    record Citizen(String document, String token) {
    }

    private Citizen newCitizen() {
        var signedUp = citizens.signUp("citizen's own password");
        return new Citizen(signedUp.document(), signedUp.token());
    }

    private WebTestClient.ResponseSpec credit(String token, String code) {
        return http.post().uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code)).exchange();
    }

    private JsonNode get(String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    @Test
    void aPaymentMadeWithMyDocumentIsPendingUntilICreditIt() {
        Citizen me = newCitizen();
        assertThat(get(me.token(), "/api/me/wallet").get("balance").asText()).isEqualTo("0.00");
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "50.00", me.document())).expectStatus().isCreated();

        await().atMost(Duration.ofSeconds(10)).until(() ->
                get(me.token(), "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));

        credit(me.token(), code.toLowerCase()).expectStatus().isCreated()
                .expectBody().jsonPath("$.paymentCode").isEqualTo(code)
                .jsonPath("$.amount").isEqualTo("50.00").jsonPath("$.balance").isEqualTo("50.00");
        // read-your-writes: the GET right after agrees with the answer
        assertThat(get(me.token(), "/api/me/wallet").get("balance").asText()).isEqualTo("50.00");
        JsonNode credits = get(me.token(), "/api/me/wallet/credits");
        assertThat(credits.at("/items/0/kind").asText()).isEqualTo("PAYMENT_CODE");
        assertThat(credits.at("/items/0/reference").asText()).isEqualTo(code);
        assertThat(credits.at("/items/0/amount").asText()).isEqualTo("50.00");
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !get(me.token(), "/api/me/wallet/pending-payments").findValuesAsText("paymentCode").contains(code));

        credit(me.token(), code).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("PAYMENT_CODE_ALREADY_CREDITED");
        assertThat(get(me.token(), "/api/me/wallet").get("balance").asText()).isEqualTo("50.00");
    }

    @Test
    void anyCodeCanBeTypedInAndBalancesAddUpExactly() {
        Citizen me = newCitizen();
        String first = Ids.paymentCode();
        String second = Ids.paymentCode();
        bank.post(bank.notification(first, "0.10", "AA1234567")).expectStatus().isCreated();
        bank.post(bank.notification(second, "0.20", "AZE87654321")).expectStatus().isCreated();

        credit(me.token(), first).expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("0.10");
        credit(me.token(), second).expectStatus().isCreated().expectBody().jsonPath("$.balance").isEqualTo("0.30");
        JsonNode credits = get(me.token(), "/api/me/wallet/credits?size=1");
        assertThat(credits.at("/items").size()).isEqualTo(1);
        assertThat(credits.at("/hasMore").asBoolean()).isTrue();
        assertThat(credits.at("/items/0/reference").asText()).isEqualTo(second);
        assertThat(credits.at("/items/0/balanceAfter").asText()).isEqualTo("0.30");
    }

    @Test
    void unknownAndMalformedCodesAreRefused() {
        Citizen me = newCitizen();
        credit(me.token(), Ids.paymentCode()).expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("PAYMENT_CODE_NOT_FOUND");
        credit(me.token(), "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("PAYMENT_CODE_FORMAT");
        http.get().uri("/api/me/wallet/credits?page=-1&size=1000").headers(h -> h.setBearerAuth(me.token())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        http.post().uri("/api/me/wallet/credits").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"paymentCode\":\"ABCDEFGHIJ\"}").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void twoHundredAttemptsFromTwentyCabinetsCreditACodeOnce() {
        List<Citizen> crowd = Flux.range(0, 20)
                .flatMap(i -> Mono.fromCallable(this::newCitizen).subscribeOn(Schedulers.boundedElastic()), 10)
                .collectList().block(Duration.ofSeconds(120));
        String code = Ids.paymentCode();
        bank.post(bank.notification(code, "50.00", "AZE12345678")).expectStatus().isCreated();
        WebClient client = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.range(0, 200)
                .flatMap(i -> client.post().uri("/api/me/wallet/credits")
                        .headers(h -> h.setBearerAuth(crowd.get(i % crowd.size()).token()))
                        .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"paymentCode\":\"%s\"}".formatted(code))
                        .<Integer>exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value())), 64)
                .collectList().block(Duration.ofSeconds(120));

        assertThat(statuses).hasSize(200).doesNotContain(500, 502, 503);
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(199);
        List<String> balances = crowd.stream().map(c -> get(c.token(), "/api/me/wallet").get("balance").asText()).toList();
        assertThat(balances).filteredOn("50.00"::equals).hasSize(1);
        assertThat(balances).filteredOn("0.00"::equals).hasSize(19);
        assertThat(new EventStore(jdbc).eventsOf("payment:" + code)).isEqualTo(2); // received + redeemed once
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE payloadtype LIKE '%FundsCredited'
                AND convert_from(payload, 'UTF8') LIKE ?""", Integer.class, "%PAYMENT_CODE:" + code + "%")).isEqualTo(1);
    }
}

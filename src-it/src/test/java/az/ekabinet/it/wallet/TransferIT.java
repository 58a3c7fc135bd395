package az.ekabinet.it.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.domain.cabinet.CabinetNumber;
import az.ekabinet.it.support.CitizenClient;
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
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Transfers between cabinets: preview, confirmation, the histories, and money conserved. */
@IntegrationTest
class TransferIT {

    static final String PASSWORD = "a sender's password";

    @Autowired
    WebTestClient http;
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

    record Citizen(String cabinetNumber, String token) {
    }

    private Citizen citizenWith(String money) {
        var signedUp = citizens.signUp(PASSWORD);
        var citizen = new Citizen(signedUp.cabinetNumber(), signedUp.token());
        if (!money.equals("0.00")) {
            bank.payInto(citizen.token(), money);
        }
        return citizen;
    }

    private WebTestClient.ResponseSpec prepare(Citizen from, String to, String amount, String password) {
        return http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}".formatted(to, amount, password))
                .exchange();
    }

    private String prepared(Citizen from, Citizen to, String amount) {
        return prepare(from, to.cabinetNumber(), amount, PASSWORD).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("transferId").asText();
    }

    private WebTestClient.ResponseSpec confirm(Citizen from, String transferId) {
        return http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transferId)
                .headers(h -> h.setBearerAuth(from.token())).exchange();
    }

    private JsonNode get(Citizen citizen, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(citizen.token())).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private String balance(Citizen citizen) {
        return get(citizen, "/api/me/wallet").get("balance").asText();
    }

    @Test
    void aPreviewedTransferMovesTheMoneyOnceWhenConfirmed() {
        Citizen a = citizenWith("100.00");
        Citizen b = citizenWith("0.00");
        JsonNode preview = prepare(a, b.cabinetNumber(), "30.00", PASSWORD).expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(preview.get("recipientName").asText()).isEqualTo("Testov T. S.");
        assertThat(preview.get("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(balance(a)).isEqualTo("100.00"); // a preview moves nothing
        String id = preview.get("transferId").asText();

        confirm(a, id).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("COMPLETED").jsonPath("$.balance").isEqualTo("70.00");
        confirm(a, id).expectStatus().isOk().expectBody().jsonPath("$.balance").isEqualTo("70.00");
        assertThat(balance(a)).isEqualTo("70.00");
        assertThat(balance(b)).isEqualTo("30.00");

        JsonNode debit = get(a, "/api/me/wallet/debits").at("/items/0");
        assertThat(debit.get("kind").asText()).isEqualTo("TRANSFER_OUT");
        assertThat(debit.get("counterpartyCabinetNumber").asText()).isEqualTo(b.cabinetNumber());
        assertThat(debit.get("amount").asText()).isEqualTo("30.00");
        JsonNode credit = get(b, "/api/me/wallet/credits").at("/items/0");
        assertThat(credit.get("kind").asText()).isEqualTo("TRANSFER_IN");
        assertThat(credit.get("counterpartyCabinetNumber").asText()).isEqualTo(a.cabinetNumber());
    }

    @Test
    void notEnoughMoneyChargesNothingAndSaysWhatIsMissing() {
        Citizen a = citizenWith("70.00");
        Citizen b = citizenWith("0.00");
        confirm(a, prepared(a, b, "80.00")).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.code").isEqualTo("INSUFFICIENT_FUNDS").jsonPath("$.missingAmount").isEqualTo("10.00");
        assertThat(balance(a)).isEqualTo("70.00");
        assertThat(balance(b)).isEqualTo("0.00");
    }

    @Test
    void mistakesAreRefusedBeforeAnyMoneyMoves() {
        Citizen a = citizenWith("10.00");
        Citizen b = citizenWith("0.00");
        String number = b.cabinetNumber();
        String typo = number.substring(0, 8) + (char) ('0' + (number.charAt(8) - '0' + 1) % 10);
        prepare(a, typo, "1.00", PASSWORD).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("CABINET_NUMBER_CHECK_DIGIT");
        prepare(a, number, "1.00", "not my password").expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("CURRENT_PASSWORD_WRONG");
        prepare(a, a.cabinetNumber(), "1.00", PASSWORD).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("TRANSFER_TO_SELF");
        prepare(a, CabinetNumber.issue(99_999_998).value(), "1.00", PASSWORD).expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("RECIPIENT_NOT_FOUND");
        for (String amount : List.of("0", "1.234", "-1", "1000.01")) {
            prepare(a, number, amount, PASSWORD).expectStatus().isBadRequest();
        }
        confirm(b, prepared(a, b, "1.00")).expectStatus().isNotFound(); // only the sender confirms
        confirm(a, "no-such-transfer").expectStatus().isNotFound();
        assertThat(balance(a)).isEqualTo("10.00");
    }

    @Test
    void anUnconfirmedTransferExpires() {
        Citizen a = citizenWith("10.00");
        Citizen b = citizenWith("0.00");
        String id = prepared(a, b, "5.00");
        clock.advance(Duration.ofMinutes(11));
        confirm(a, id).expectStatus().isEqualTo(409).expectBody().jsonPath("$.code").isEqualTo("TRANSFER_EXPIRED");
        assertThat(balance(a)).isEqualTo("10.00");
    }

    @Test
    void concurrentTransfersNeverOverdrawAndConserveMoney() {
        Citizen a = citizenWith("100.00");
        Citizen b = citizenWith("50.00");
        List<String> outgoing = Flux.range(0, 10).map(i -> prepared(a, b, "20.00")).collectList().block();
        List<String> incoming = Flux.range(0, 5).map(i -> prepared(b, a, "10.00")).collectList().block();
        WebClient client = WebClient.create("http://localhost:" + port);

        List<Integer> statuses = Flux.merge(
                        Flux.fromIterable(outgoing).map(id -> confirmation(client, a, id)),
                        Flux.fromIterable(incoming).map(id -> confirmation(client, b, id)))
                .flatMap(call -> call, 15)
                .collectList().block(Duration.ofSeconds(60));

        assertThat(statuses).hasSize(15).allMatch(s -> s == 200 || s == 409);
        long aCents = cents(balance(a));
        long bCents = cents(balance(b));
        assertThat(aCents).isNotNegative();
        assertThat(bCents).isNotNegative();
        assertThat(aCents + bCents).isEqualTo(15_000);
        // the histories tell the same story as the balances
        long outOfA = get(a, "/api/me/wallet/debits?size=100").get("items").findValuesAsText("amount").stream()
                .mapToLong(TransferIT::cents).sum();
        long intoA = get(a, "/api/me/wallet/credits?size=100").get("items").findValuesAsText("amount").stream()
                .mapToLong(TransferIT::cents).sum();
        assertThat(intoA - outOfA).isEqualTo(aCents);
    }

    private static Mono<Integer> confirmation(WebClient client, Citizen from, String id) {
        return client.post().uri("/api/me/wallet/transfers/{id}/confirmation", id)
                .headers(h -> h.setBearerAuth(from.token()))
                .exchangeToMono(r -> r.releaseBody().thenReturn(r.statusCode().value()));
    }

    private static long cents(String amount) {
        return new java.math.BigDecimal(amount).movePointRight(2).longValueExact();
    }
}

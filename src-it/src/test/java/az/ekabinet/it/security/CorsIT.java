package az.ekabinet.it.security;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.ProviderClient;
import az.ekabinet.it.support.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The citizens' web front-end on an origin of its own (https://kabinet.example.az, allowed in the tests' settings): a
 * browser's preflight and its requests are let through with the headers the front-end needs; any other origin is
 * refused before anything runs.
 */
@IntegrationTest
class CorsIT {

    static final String FRONT_END = "https://kabinet.example.az";
    static final String ELSEWHERE = "https://kabinet.example.com";

    @Autowired
    TestClock clock;
    @LocalServerPort
    int port;
    /** Over real HTTP: the test client bound to the application has no host for an origin to differ from. */
    WebTestClient http;

    @BeforeEach
    void overHttp() {
        http = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    /** What a browser asks before it lets a page on {@code origin} credit a payment code. */
    private WebTestClient.ResponseSpec preflightOfACredit(String origin) {
        return http.options().uri("/api/me/wallet/credits")
                .header(HttpHeaders.ORIGIN, origin)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, content-type, idempotency-key, accept-language")
                .exchange();
    }

    @Test
    void theAllowedFrontEndsPreflightIsAnswered() {
        preflightOfACredit(FRONT_END).expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONT_END)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("POST"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers -> assertThat(headers.toLowerCase())
                        .contains("authorization", "content-type", "idempotency-key", "accept-language"))
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "3600")
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }

    @Test
    void theAllowedFrontEndsRequestsShowItTheHeadersItNeeds() {
        String token = new CitizenClient(http).signUp("a browser citizen's password").token();
        ProviderClient.demoBank(http, clock).payInto(token, "5.00");
        http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).header(HttpHeaders.ORIGIN, FRONT_END)
                .exchange().expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, FRONT_END)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, exposed -> assertThat(exposed)
                        .contains("Retry-After", "Idempotent-Replayed", "WWW-Authenticate"))
                .expectBody().jsonPath("$.balance").isEqualTo("5.00");
    }

    @Test
    void anyOtherOriginIsRefusedBeforeAnythingRuns() {
        preflightOfACredit(ELSEWHERE).expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);

        String token = new CitizenClient(http).signUp("a browser citizen's password").token();
        String code = Ids.paymentCode();
        ProviderClient bank = ProviderClient.demoBank(http, clock);
        bank.post(bank.notification(code, "3.00", "AA1234567")).expectStatus().isCreated();
        http.method(HttpMethod.POST).uri("/api/me/wallet/credits").headers(h -> h.setBearerAuth(token))
                .header(HttpHeaders.ORIGIN, ELSEWHERE).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"paymentCode\":\"" + code + "\"}")
                .exchange().expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
        http.get().uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.balance").isEqualTo("0.00");
    }
}

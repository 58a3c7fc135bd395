package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Bad input on every cabinet endpoint is a 4xx problem that changes nothing, and my endpoints need a citizen. */
@IntegrationTest
class CabinetInputIT extends CabinetTests {

    @Test
    void badInputOnEveryCabinetEndpointIsA4xxAndStoresNothing() {
        long before = events.totalEvents();
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"XX\",\"documentNumber\":\"12\",\"fin\":\"IOIOIOI\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'documentSeries')].code").isEqualTo("DOCUMENT_SERIES_UNKNOWN")
                .jsonPath("$.errors[?(@.field == 'fin')].code").isEqualTo("FIN_FORMAT");
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"123\",\"fin\":\"5ZK3M7P\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("DOCUMENT_NUMBER_FORMAT");
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON).bodyValue("[1,2]")
                .exchange().expectStatus().isBadRequest();
        http.put().uri("/api/registrations/{id}/contact", "any").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"+74951234567\",\"email\":\"not an email\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'mobilePhone')].code").isEqualTo("PHONE_FORMAT")
                .jsonPath("$.errors[?(@.field == 'email')].code").isEqualTo("EMAIL_FORMAT");
        http.put().uri("/api/registrations/{id}/contact", "x".repeat(300)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"0501234567\"}").exchange().expectStatus().isNotFound();
        http.post().uri("/api/registrations/{id}/phone-verification", "any").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"code\":12}").exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("WRONG_TYPE");
        http.post().uri("/api/registrations/{id}/password", "any").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"password\":\"whatever it is\"}").exchange().expectStatus().isNotFound();
        http.post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isBadRequest();
        http.post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"5ZK3M7P\",\"code\":\"abc\"}").exchange().expectStatus().isBadRequest();
        assertThat(events.totalEvents()).isEqualTo(before);
    }

    @Test
    void badInputOnMyEndpointsIsA4xxAndChangesNothing() {
        var registered = citizen.signUp("my own password 1");
        String token = registered.token();
        String cabinet = "cabinet:" + registered.fin();
        int before = events.eventsOf(cabinet);

        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"+994124987654\",\"email\":\"x@\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'mobilePhone')].code").isEqualTo("PHONE_NOT_MOBILE") // a Baku landline
                .jsonPath("$.errors[?(@.field == 'email')].code").isEqualTo("EMAIL_FORMAT")
                .jsonPath("$.errors[?(@.field == 'currentPassword')].code").isEqualTo("REQUIRED");
        http.post().uri("/api/me/contact/phone-verification").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"code\":\"123456\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("NO_PENDING_PHONE_CHANGE");
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"my own password 1\",\"newPassword\":\"qwerty\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[*].code").value(codes -> assertThat(codes.toString())
                        .contains("PASSWORD_TOO_SHORT"));
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"currentPassword\":\"not my password\",\"newPassword\":\"a brand new password\"}").exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("CURRENT_PASSWORD_WRONG");
        http.post().uri("/api/me/identity-document").headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"x\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("DOCUMENT_NUMBER_FORMAT");
        http.put().uri("/api/me/contact").headers(h -> h.setBearerAuth(token)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":{\"a\":1}}").exchange().expectStatus().isBadRequest();

        assertThat(events.eventsOf(cabinet)).isEqualTo(before);
        citizen.login(registered.fin(), registered.password()).expectStatus().isOk();
    }

    @Test
    void controlCharactersAndMalformedLanguageHeadersAreClientMistakes() {
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"5ZK3M7P\\u0000\",\"password\":\"whatever password\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("CONTROL_CHARACTERS");
        http.post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"\\u0000\"}").exchange().expectStatus().isBadRequest();
        http.post().uri("/api/auth/login").header("Accept-Language", "en;q=2").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void myEndpointsNeedACitizen() {
        http.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
        String operator = citizen.token("operator", "demo-operator-2026");
        http.get().uri("/api/me").headers(h -> h.setBearerAuth(operator)).exchange().expectStatus().isForbidden();
        http.put().uri("/api/me/password").headers(h -> h.setBearerAuth(operator)).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}").exchange().expectStatus().isForbidden();
    }
}

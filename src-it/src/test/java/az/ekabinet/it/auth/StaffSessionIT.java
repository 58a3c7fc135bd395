package az.ekabinet.it.auth;

import az.ekabinet.it.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Bearer tokens backed by server-side sessions: issued at login, checked on every call, dead after logout. */
@IntegrationTest
class StaffSessionIT {

    @Autowired
    WebTestClient http;

    private String login(String username, String password) {
        return http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\",\"password\":\"%s\"}".formatted(username, password))
                .exchange().expectStatus().isOk()
                .expectBody(LoginAnswer.class).returnResult().getResponseBody().accessToken();
    }

    record LoginAnswer(String accessToken, String tokenType, long expiresIn) {
    }

    @Test
    void loginGivesAnOpaqueTokenThatLogoutRevokes() {
        String token = login("operator", "demo-operator-2026");

        http.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk();
        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isNoContent();
        http.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHENTICATED");
        http.post().uri("/api/auth/logout").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void wrongPasswordsAndUnknownUsersAreRefusedAlike() {
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"operator\",\"password\":\"demo-auditor-2026\"}")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_CREDENTIALS");
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"nobody\",\"password\":\"demo-operator-2026\"}")
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("INVALID_CREDENTIALS");
        http.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"\",\"password\":\"" + "p".repeat(513) + "\"}")
                .exchange().expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'username')].code").isEqualTo("REQUIRED")
                .jsonPath("$.errors[?(@.field == 'password')].code").isEqualTo("TOO_LONG");
    }

    @Test
    void eachRoleReachesOnlyItsOwnArea() {
        String auditor = login("auditor", "demo-auditor-2026");
        http.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.code").isEqualTo("FORBIDDEN");
        http.get().uri("/api/ops/stream").headers(h -> h.setBearerAuth(auditor)).exchange()
                .expectStatus().isForbidden();
        // Staff are not payment providers, whatever their token.
        String admin = login("admin", "demo-admin-2026");
        http.get().uri("/api/payments/ABCDEFGHIJ").headers(h -> h.setBearerAuth(admin)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("PROVIDER_SIGNATURE_INVALID");
    }

    @Test
    void malformedAndForgedTokensAreRefused() {
        http.get().uri("/actuator/metrics").header("Authorization", "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/actuator/metrics")
                .header("Authorization", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").exchange()
                .expectStatus().isUnauthorized();
        http.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer");
    }
}

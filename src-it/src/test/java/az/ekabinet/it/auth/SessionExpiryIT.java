package az.ekabinet.it.auth;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Sessions end after 30 minutes without use, and after 8 hours whatever the use. */
@IntegrationTest
class SessionExpiryIT {

    @Autowired
    WebTestClient http;
    @Autowired
    TestClock clock;

    private WebTestClient.ResponseSpec use(String token) {
        return http.get().uri("/actuator/metrics").headers(h -> h.setBearerAuth(token)).exchange();
    }

    @Test
    void aSessionUnusedForThirtyMinutesIsOver() {
        String token = new CitizenClient(http).token("operator", "demo-operator-2026");
        clock.advance(Duration.ofMinutes(29));
        use(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(29)); // 58 minutes after login, but only 29 after last use
        use(token).expectStatus().isOk();
        clock.advance(Duration.ofMinutes(31));
        use(token).expectStatus().isUnauthorized();
    }

    @Test
    void aSessionInUseEndsAfterEightHours() {
        String token = new CitizenClient(http).token("admin", "demo-admin-2026");
        for (int minutes = 25; minutes < 8 * 60; minutes += 25) {
            clock.advance(Duration.ofMinutes(25));
            use(token).expectStatus().isOk();
        }
        clock.advance(Duration.ofMinutes(25));
        use(token).expectStatus().isUnauthorized();
    }
}

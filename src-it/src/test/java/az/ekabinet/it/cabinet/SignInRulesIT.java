package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Logging in and getting back in: wrong passwords throttled per account, guessing identities from one place slowed,
 * a reset by SMS code ending every session.
 */
@IntegrationTest
class SignInRulesIT extends CabinetTests {

    @Test
    void wrongPasswordsAreThrottledPerAccount() {
        var registered = citizen.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), "the right password 1");
        for (int i = 0; i < 5; i++) {
            citizen.login(registered.cabinetNumber(), "a wrong password " + i).expectStatus().isUnauthorized();
        }
        citizen.login(registered.cabinetNumber(), "a wrong password 5").expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 61))
                .expectBody().jsonPath("$.code").isEqualTo("TOO_MANY_LOGIN_ATTEMPTS");
        // While blocked even the right password waits; the block is short (a minute at first).
        citizen.login(registered.fin(), registered.password()).expectStatus().isEqualTo(429);
        java.sql.Timestamp blockedUntil = jdbc.queryForObject(
                "SELECT blocked_until FROM command.login_throttle WHERE throttle_key LIKE ?", java.sql.Timestamp.class,
                "account-address:cabinet:" + registered.fin() + "|%");
        assertThat(Duration.between(clock.instant(), blockedUntil.toInstant())).isBetween(Duration.ZERO, Duration.ofSeconds(60));
    }

    @Test
    void guessingIdentitiesFromOnePlaceIsSlowedDown() {
        clock.advance(Duration.ofMinutes(16)); // a fresh window: earlier tests' failures from this address are past
        try {
            for (int i = 0; i < 30; i++) {
                http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"2HBX9QD\"}"
                                .formatted(Ids.documentNumber()))
                        .exchange().expectStatus().isEqualTo(422);
            }
            http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"87654321\",\"fin\":\"2HBX9QD\"}")
                    .exchange().expectStatus().isEqualTo(429)
                    .expectHeader().exists("Retry-After")
                    .expectBody().jsonPath("$.code").isEqualTo("TOO_MANY_ATTEMPTS");
        } finally {
            clock.advance(Duration.ofMinutes(16)); // the block and the window are over for the tests that follow
        }
        citizen.start("AZE", Ids.documentNumber(), Ids.fin());
    }

    @Test
    void passwordResetByACodeToTheVerifiedPhoneEndsEverySession() {
        var registered = citizen.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), "forgotten password 1");
        String token = citizen.token(registered.cabinetNumber(), registered.password());
        clock.advance(Duration.ofSeconds(61)); // the registration code went to this phone less than a minute ago

        http.post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\"}".formatted(registered.fin())).exchange().expectStatus().isAccepted();
        // an unknown username gets the same answer: nobody learns who has a cabinet
        http.post().uri("/api/auth/password-reset").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\"}".formatted(Ids.fin())).exchange().expectStatus().isAccepted();
        String code = citizen.lastCode(registered.phone());
        // a wrong code for a real account and any code for no account answer exactly alike
        String wrong = code.equals("000000") ? "111111" : "000000";
        byte[] known = http.post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\",\"code\":\"%s\",\"newPassword\":\"remembered password 2\"}"
                        .formatted(registered.cabinetNumber(), wrong))
                .exchange().expectStatus().isEqualTo(422).expectBody().returnResult().getResponseBody();
        byte[] unknown = http.post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\",\"code\":\"%s\",\"newPassword\":\"remembered password 2\"}"
                        .formatted(Ids.fin(), wrong))
                .exchange().expectStatus().isEqualTo(422).expectBody().returnResult().getResponseBody();
        assertThat(new String(known).replace("/confirm", "")).isEqualTo(new String(unknown).replace("/confirm", ""));
        http.post().uri("/api/auth/password-reset/confirm").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"username\":\"%s\",\"code\":\"%s\",\"newPassword\":\"remembered password 2\"}"
                        .formatted(registered.cabinetNumber(), code))
                .exchange().expectStatus().isNoContent();

        http.get().uri("/api/me").headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isUnauthorized();
        citizen.login(registered.cabinetNumber(), registered.password()).expectStatus().isUnauthorized();
        citizen.login(registered.cabinetNumber(), "remembered password 2").expectStatus().isOk();
    }
}

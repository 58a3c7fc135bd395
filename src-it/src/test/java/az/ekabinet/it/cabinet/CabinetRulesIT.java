package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.EventStore;
import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import az.ekabinet.it.support.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The cabinet's rules over HTTP: identity, step order, codes, throttling, races and bad input. */
@IntegrationTest
class CabinetRulesIT {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    CitizenClient citizen;
    EventStore events;

    @BeforeEach
    void setUp() {
        citizen = new CitizenClient(http);
        events = new EventStore(jdbc);
    }

    @Test
    void aDocumentThatIsNotTheFinsIsRefused() {
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"12345678\",\"fin\":\"2HBX9QD\"}")
                .exchange().expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.code").isEqualTo("IDENTITY_NOT_CONFIRMED");
        assertThat(events.eventsOf("cabinet:2HBX9QD")).isZero();
    }

    @Test
    void stepsMustComeInOrder() {
        String fin = Ids.fin();
        String registrationId = citizen.start("AZE", Ids.documentNumber(), fin);
        citizen.setPassword(registrationId, "a good long password").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("REGISTRATION_STEP_OUT_OF_ORDER")
                .jsonPath("$.missingStep").isEqualTo("CONTACT");
        citizen.contact(registrationId, Ids.phone(), null);
        citizen.setPassword(registrationId, "a good long password").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.missingStep").isEqualTo("PHONE_VERIFICATION");
        citizen.verifyPhone("no-such-registration", "123456").expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("REGISTRATION_NOT_FOUND");
    }

    @Test
    void passwordsFollowThePolicy() {
        String fin = Ids.fin();
        String phone = Ids.phone();
        String registrationId = citizen.start("AZE", Ids.documentNumber(), fin);
        citizen.contact(registrationId, phone, null);
        citizen.verifyPhone(registrationId, citizen.lastCode(phone)).expectStatus().isNoContent();

        citizen.setPassword(registrationId, "short").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("PASSWORD_TOO_SHORT");
        citizen.setPassword(registrationId, "my-" + fin.toLowerCase() + "-pass").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("PASSWORD_CONTAINS_FIN");
        citizen.setPassword(registrationId, "Password123").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("PASSWORD_TOO_COMMON");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM command.credential WHERE cabinet_id = ?", Integer.class,
                "cabinet:" + fin)).isZero();
        citizen.setPassword(registrationId, "a good long password").expectStatus().isCreated();
    }

    @Test
    void fiveWrongCodesBurnTheCode() {
        String phone = Ids.phone();
        String registrationId = citizen.start("AZE", Ids.documentNumber(), Ids.fin());
        citizen.contact(registrationId, phone, null);
        String code = citizen.lastCode(phone);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int left = 4; left >= 0; left--) {
            citizen.verifyPhone(registrationId, wrong).expectStatus().isEqualTo(422)
                    .expectBody().jsonPath("$.code").isEqualTo("VERIFICATION_CODE_INVALID")
                    .jsonPath("$.attemptsLeft").isEqualTo(left);
        }
        citizen.verifyPhone(registrationId, code).expectStatus().isEqualTo(422);
        citizen.verifyPhone(registrationId, "12a456").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].code").isEqualTo("CODE_FORMAT");
    }

    @Test
    void aCodeWorksOnce() {
        String phone = Ids.phone();
        String registrationId = citizen.start("AZE", Ids.documentNumber(), Ids.fin());
        citizen.contact(registrationId, phone, null);
        String code = citizen.lastCode(phone);
        citizen.verifyPhone(registrationId, code).expectStatus().isNoContent();
        citizen.verifyPhone(registrationId, code).expectStatus().isEqualTo(422);
    }

    @Test
    void codesAreNotResentWithinAMinute() {
        String phone = Ids.phone();
        String registrationId = citizen.start("AZE", Ids.documentNumber(), Ids.fin());
        citizen.contact(registrationId, phone, null);
        http.put().uri("/api/registrations/{id}/contact", registrationId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"mobilePhone\":\"%s\"}".formatted(phone))
                .exchange().expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", value -> assertThat(Integer.parseInt(value)).isBetween(1, 60))
                .expectBody().jsonPath("$.code").isEqualTo("CODE_RESEND_TOO_SOON");
    }

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

    @Test
    void twentyConcurrentRegistrationsOfOneFinEndWithOneCabinet() {
        String fin = Ids.fin();
        String document = Ids.documentNumber();
        List<String> phones = IntStream.range(0, 20).mapToObj(i -> Ids.phone()).toList();

        List<String> cabinetNumbers = Flux.fromIterable(phones)
                .flatMap(phone -> Mono.fromCallable(() -> tryToRegister(document, fin, phone))
                        .subscribeOn(Schedulers.boundedElastic()), 20)
                .filter(Objects::nonNull)
                .collectList()
                .block(Duration.ofSeconds(120));

        assertThat(cabinetNumbers).hasSizeLessThanOrEqualTo(1);
        if (cabinetNumbers.isEmpty()) { // every racer was overtaken by a later start: the next one completes
            cabinetNumbers = List.of(citizen.register("AZE", document, fin, Ids.phone(), "one cabinet only").cabinetNumber());
        }
        http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}".formatted(document, fin))
                .exchange().expectStatus().isEqualTo(409);
        assertThat(jdbc.queryForList("SELECT cabinet_number FROM command.cabinet_registry WHERE fin = ?", String.class, fin))
                .containsExactly(cabinetNumbers.get(0));
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? AND payloadtype LIKE '%CabinetActivated'""",
                Integer.class, "cabinet:" + fin)).isEqualTo(1);
    }

    /** One racer's whole registration; null when a later start overtook it (404/409 on a later step). */
    private String tryToRegister(String document, String fin, String phone) {
        var started = http.post().uri("/api/registrations").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"documentSeries\":\"AZE\",\"documentNumber\":\"%s\",\"fin\":\"%s\"}".formatted(document, fin))
                .exchange().returnResult(com.fasterxml.jackson.databind.JsonNode.class);
        if (started.getStatus().value() == 409) { // another racer already completed the cabinet
            return null;
        }
        String registrationId = started.getResponseBody().blockFirst().get("registrationId").asText();
        var contact = http.put().uri("/api/registrations/{id}/contact", registrationId)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"mobilePhone\":\"%s\"}".formatted(phone))
                .exchange().returnResult(String.class);
        if (contact.getStatus().value() != 202) {
            return null;
        }
        if (citizen.verifyPhone(registrationId, citizen.lastCode(phone)).returnResult(String.class).getStatus().value() != 204) {
            return null;
        }
        var activated = citizen.setPassword(registrationId, "racing password 1").returnResult(String.class);
        if (activated.getStatus().value() != 201) {
            assertThat(activated.getStatus().value()).isIn(404, 409);
            return null;
        }
        return activated.getResponseBody().blockFirst().replaceAll("\\D", "");
    }

    @Test
    void concurrentRegistrationsNeverShareACabinetNumber() {
        List<String> numbers = Flux.range(0, 20)
                .flatMap(i -> Mono.fromCallable(() -> citizen.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(),
                        "a distinct password " + i).cabinetNumber()).subscribeOn(Schedulers.boundedElastic()), 20)
                .collectList()
                .block(Duration.ofSeconds(120));
        assertThat(numbers).hasSize(20).doesNotHaveDuplicates();
    }

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
    void longPasswordsInAzerbaijaniLettersWork() {
        String password = "Şəkidə göyərçinlər uçur, Qəbələdə çinarlar böyüyür; ". repeat(2).strip();
        assertThat(password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(72);
        var registered = citizen.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(), password);
        citizen.login(registered.cabinetNumber(), password).expectStatus().isOk();
        // bcrypt reads 72 bytes: a password differing only after them must still be refused
        citizen.login(registered.cabinetNumber(), password.substring(0, password.length() - 1) + "x")
                .expectStatus().isUnauthorized();
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

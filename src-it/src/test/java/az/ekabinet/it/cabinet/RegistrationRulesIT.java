package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Creating a cabinet: the identity must match, the steps come in order, passwords follow the policy, and racing
 * registrations of one FIN end with one cabinet.
 */
@IntegrationTest
class RegistrationRulesIT extends CabinetTests {

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

    @Test
    void concurrentRegistrationsNeverShareACabinetNumber() {
        List<String> numbers = Flux.range(0, 20)
                .flatMap(i -> Mono.fromCallable(() -> citizen.register("AZE", Ids.documentNumber(), Ids.fin(), Ids.phone(),
                        "a distinct password " + i).cabinetNumber()).subscribeOn(Schedulers.boundedElastic()), 20)
                .collectList()
                .block(Duration.ofSeconds(120));
        assertThat(numbers).hasSize(20).doesNotHaveDuplicates();
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
}

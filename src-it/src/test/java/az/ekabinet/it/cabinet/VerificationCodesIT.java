package az.ekabinet.it.cabinet;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.Ids;
import az.ekabinet.it.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** One-time SMS codes: used once, burnt after five wrong tries, not resent within a minute. */
@IntegrationTest
class VerificationCodesIT extends CabinetTests {

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
}

package az.ekabinet.it.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import az.ekabinet.command.sms.OutboxSmsGateway;
import az.ekabinet.command.sms.SmsGateway;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.it.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The demo's SMS outbox: what the default adapter "sends" is stored and can be read back by number. */
@IntegrationTest
class SmsOutboxIT {

    private static final Duration BLOCK = Duration.ofSeconds(10);

    @Autowired
    SmsGateway sms;

    @Autowired
    WebTestClient http;

    record Message(String phone, String text, String sentAt) {
    }

    /** A mobile number in operator range 50 that no other test uses, as its 7 subscriber digits. */
    private static String subscriberDigits() {
        return "%07d".formatted(ThreadLocalRandom.current().nextInt(10_000_000));
    }

    @Test
    void theDemoRunsOnTheOutboxAdapter() {
        assertThat(sms).isInstanceOf(OutboxSmsGateway.class);
    }

    @Test
    void messagesToOneNumberAreReadBackNewestFirstWhateverSpellingOfTheNumberIsAsked() {
        String digits = subscriberDigits();
        PhoneNumber phone = PhoneNumber.parse("+99450" + digits);
        PhoneNumber other = PhoneNumber.parse("+99455" + digits);
        sms.send(phone, "Təsdiq kodu: 111111").block(BLOCK);
        sms.send(other, "Təsdiq kodu: 222222").block(BLOCK);
        sms.send(phone, "Təsdiq kodu: 333333").block(BLOCK);

        List<Message> messages = http.get().uri("/api/dev/sms-outbox?phone={phone}", "050" + digits)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(new ParameterizedTypeReference<List<Message>>() { })
                .returnResult().getResponseBody();

        assertThat(messages).extracting(Message::phone, Message::text).containsExactly(
                tuple("+99450" + digits, "Təsdiq kodu: 333333"),
                tuple("+99450" + digits, "Təsdiq kodu: 111111"));
        assertThat(messages).allSatisfy(m -> assertThat(m.sentAt()).endsWith("Z"));
        assertThat(Instant.parse(messages.get(0).sentAt())).isAfterOrEqualTo(Instant.parse(messages.get(1).sentAt()));
    }

    @Test
    void aMissingNumberIsAValidationProblem() {
        http.get().uri("/api/dev/sms-outbox").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo("phone")
                .jsonPath("$.errors[0].code").isEqualTo("REQUIRED");
    }

    @Test
    void aMalformedNumberIsAValidationProblem() {
        http.get().uri("/api/dev/sms-outbox?phone=12").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo("phone")
                .jsonPath("$.errors[0].code").isEqualTo(PhoneNumber.FORMAT_RULE);
    }
}

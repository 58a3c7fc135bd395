package az.ekabinet.command.exam.graduate;

import static az.ekabinet.command.shared.http.HttpAdapterTesting.LENIENT_BREAKER;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.RESPONSE_TIMEOUT;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.VERIFY_LIMIT;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.verifyUnavailable;
import static az.ekabinet.command.shared.http.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.exam.graduate.GraduateRegistryProperties.Mode;
import az.ekabinet.command.shared.http.CircuitBreakerSettings;
import az.ekabinet.command.shared.http.StubServer;
import az.ekabinet.domain.exam.application.BachelorEducation;
import az.ekabinet.domain.exam.application.BachelorSource;
import az.ekabinet.domain.exam.application.Gpa;
import az.ekabinet.domain.identity.Fin;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The HTTP adapter against a stub graduate registry on 127.0.0.1: the records it maps, what it retries, what it
 * gives up on at once, and its circuit breaker. Like the application, it never reads a JSON number as text.
 */
class HttpGraduateRegistryTest {

    private static final Fin ELVIN = Fin.of("5ZK3M7P");
    private static final String ELVINS_PATH = "/v1/graduates/5ZK3M7P/bachelor-records";
    /** The service name clients see in the 503 problem document. */
    private static final String UNAVAILABLE_AS = "graduate-registry";
    /** Both records, the first with a field this adapter does not know (the registry may add fields). */
    private static final String BOTH_RECORDS = "[" + WireRecords.TMMS.replace("\"gpa\":null",
            "\"gpa\":null,\"registryRecordVersion\":7") + "," + WireRecords.ABROAD + "]";

    @RegisterExtension
    final StubServer stub = new StubServer();

    @Test
    void a200IsThePersonsRecordsAtHomeAndAbroadWithABlankGpaKeptBlank() {
        stub.answer((hit, response) -> json(response, BOTH_RECORDS));

        StepVerifier.create(registry(2, LENIENT_BREAKER).recordsOf(ELVIN))
                .assertNext(records -> assertThat(records).containsExactly(
                        new BachelorEducation(BachelorSource.REGISTRY, "TMMS-2019-0451", "TMMS", "11703",
                                "Azərbaycan Texniki Universiteti", 2015, 2019, "50632",
                                "İnformasiya texnologiyaları və sistemləri mühəndisliyi", "2015-11703-0451", "TA",
                                "123456", "AZ", null),
                        new BachelorEducation(BachelorSource.REGISTRY, "ABROAD-2021-TR-0042", "ABROAD",
                                "ABR-TR-0042", "İstanbul Texniki Universiteti (Türkiyə)", 2017, 2021, "50633",
                                "Kompüter mühəndisliyi", null, "ITU", "2021-00451", "EN",
                                new Gpa("4", "3.42"))))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.paths()).containsExactly(ELVINS_PATH);
        assertThat(stub.accepts()).singleElement().asString().contains("application/json");
    }

    @Test
    void aGpaValueGivenAsAStringIsReadExactly() {
        String gpaAsText = "\"gpa\":{\"scale\":\"100\",\"value\":\"87.5\"}";
        stub.answer((hit, response) -> json(response, "[" + WireRecords.TMMS.replace("\"gpa\":null", gpaAsText) + "]"));

        StepVerifier.create(registry(2, LENIENT_BREAKER).recordsOf(ELVIN))
                .assertNext(records -> assertThat(records).singleElement().extracting(BachelorEducation::gpa)
                        .isEqualTo(new Gpa("100", "87.5")))
                .expectComplete()
                .verify(VERIFY_LIMIT);
    }

    @Test
    void a404MeansNoRecords() {
        stub.answer((hit, response) -> response.status(404).send());

        StepVerifier.create(registry(2, LENIENT_BREAKER).recordsOf(Fin.of("2hbx9qd")))
                .assertNext(records -> assertThat(records).isEmpty())
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.paths()).containsExactly("/v1/graduates/2HBX9QD/bachelor-records");
    }

    @Test
    void anEmptyArrayMeansNoRecords() {
        stub.answer((hit, response) -> json(response, "[]"));

        StepVerifier.create(registry(2, LENIENT_BREAKER).recordsOf(ELVIN))
                .assertNext(records -> assertThat(records).isEmpty())
                .expectComplete()
                .verify(VERIFY_LIMIT);
    }

    @Test
    void serverErrorsAreRetriedUntilTheRegistryAnswers() {
        stub.answer((hit, response) -> hit <= 2 ? response.status(502).send() : json(response, BOTH_RECORDS));

        StepVerifier.create(registry(2, LENIENT_BREAKER).recordsOf(ELVIN))
                .assertNext(records -> assertThat(records).hasSize(2))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.hits()).hasValue(3);
        assertThat(stub.paths()).containsOnly(ELVINS_PATH);
    }

    @Test
    void aRegistryThatKeepsFailingIsUnavailableAfterTheRetries() {
        stub.answer((hit, response) -> response.status(503).send());

        verifyUnavailable(registry(2, LENIENT_BREAKER).recordsOf(ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(3);
    }

    @Test
    void aRegistrySlowerThanTheResponseTimeoutIsUnavailable() {
        stub.answer((hit, response) -> Mono.delay(Duration.ofSeconds(3))
                .then(Mono.defer(() -> Mono.from(json(response, BOTH_RECORDS)))));
        var properties = new GraduateRegistryProperties(Mode.HTTP, stub.baseUrl(), Duration.ofMillis(300),
                Duration.ofMillis(300), 1, Duration.ofMillis(20), LENIENT_BREAKER);

        verifyUnavailable(new HttpGraduateRegistry(strictJsonClient(), properties).recordsOf(ELVIN),
                UNAVAILABLE_AS, Duration.ofSeconds(2));

        // A timeout is worth a retry, like a 5xx.
        assertThat(stub.hits()).hasValue(2);
    }

    @Test
    void aBadRequestIsUnavailableAtOnceWithoutRetries() {
        stub.answer((hit, response) -> response.status(400).send());

        verifyUnavailable(registry(2, LENIENT_BREAKER).recordsOf(ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void anUnusableRecordIsUnavailableAtOnceWithoutRetries() {
        // Admitted after graduating: the registry is off, and no half of its answer is shown.
        stub.answer((hit, response) -> json(response,
                BOTH_RECORDS.replace("\"admissionYear\":2017", "\"admissionYear\":2022")));

        verifyUnavailable(registry(2, LENIENT_BREAKER).recordsOf(ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void anUnreadable200IsUnavailableWithoutRetries() {
        stub.answer((hit, response) -> json(response, "[{\"recordId\": \"TMMS-2019-0451\", \"admissionYear\": "));

        verifyUnavailable(registry(2, LENIENT_BREAKER).recordsOf(ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheRegistry() {
        stub.answer((hit, response) -> response.status(500).send());
        HttpGraduateRegistry registry = registry(1, new CircuitBreakerSettings(50, 4, 4, Duration.ofMinutes(1)));

        // Two calls of 2 failed attempts each fill the window of 4: the breaker opens.
        for (int call = 0; call < 2; call++) {
            verifyUnavailable(registry.recordsOf(ELVIN), UNAVAILABLE_AS);
        }
        assertThat(registry.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(stub.hits()).hasValue(4);

        verifyUnavailable(registry.recordsOf(ELVIN), UNAVAILABLE_AS);
        assertThat(stub.hits()).hasValue(4);
    }

    private HttpGraduateRegistry registry(int maxRetries, CircuitBreakerSettings breaker) {
        return new HttpGraduateRegistry(strictJsonClient(), new GraduateRegistryProperties(Mode.HTTP,
                stub.baseUrl(), Duration.ofMillis(500), RESPONSE_TIMEOUT, maxRetries, Duration.ofMillis(20), breaker));
    }

    /**
     * A client that, like the application's web JSON (config's {@code JsonConfiguration}), never coerces a number
     * into text: the wire format must not depend on that leniency.
     */
    private static WebClient.Builder strictJsonClient() {
        ObjectMapper mapper = Jackson2ObjectMapperBuilder.json().build();
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return WebClient.builder().codecs(codecs -> codecs.defaultCodecs().jackson2JsonDecoder(
                new Jackson2JsonDecoder(mapper)));
    }
}

package az.ekabinet.command.cabinet.identity;

import static az.ekabinet.command.shared.http.HttpAdapterTesting.LENIENT_BREAKER;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.RESPONSE_TIMEOUT;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.VERIFY_LIMIT;
import static az.ekabinet.command.shared.http.HttpAdapterTesting.verifyUnavailable;
import static az.ekabinet.command.shared.http.StubServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.command.cabinet.identity.IdentityRegistryProperties.Mode;
import az.ekabinet.command.shared.http.CircuitBreakerSettings;
import az.ekabinet.command.shared.http.StubServer;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The HTTP adapter against a stub registry on 127.0.0.1 (Reactor Netty, a fresh port per test): the answers it
 * maps, what it retries, what it gives up on, and its circuit breaker. The stub counts and records every request.
 */
class HttpIdentityRegistryTest {

    private static final DocumentNumber ELVINS_DOCUMENT = DocumentNumber.parse("AZE12345678");
    private static final Fin ELVIN = Fin.of("5ZK3M7P");
    private static final String ELVINS_PATH = "/v1/persons/5ZK3M7P/documents/AZE12345678";
    /** The service name clients see in the 503 problem document. */
    private static final String UNAVAILABLE_AS = "identity-registry";

    private static final String ELVIN_JSON = """
            {"fin":"5ZK3M7P","documentSeries":"AZE","documentNumber":"12345678",
             "surname":"Məmmədov","name":"Elvin","patronymic":"Əli oğlu","birthDate":"1999-03-14","gender":"M",
             "citizenship":"Azərbaycan Respublikası",
             "registeredAddress":"Bakı şəhəri, Nəsimi rayonu, Azadlıq prospekti, ev 45, mənzil 12",
             "documentIssuedOn":"2019-04-01","documentValidUntil":"2029-04-01","documentIssuedBy":"ASAN xidmət",
             "registryRecordVersion":3}""";

    @RegisterExtension
    final StubServer stub = new StubServer();

    @Test
    void a200IsThePersonWithAzerbaijaniLettersIntact() {
        stub.answer((hit, response) -> json(response, ELVIN_JSON));

        StepVerifier.create(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN))
                .assertNext(person -> assertThat(person).isEqualTo(new PersonRecord("5ZK3M7P", "AZE", "12345678",
                        "Məmmədov", "Elvin", "Əli oğlu", LocalDate.of(1999, 3, 14), "M", "Azərbaycan Respublikası",
                        "Bakı şəhəri, Nəsimi rayonu, Azadlıq prospekti, ev 45, mənzil 12",
                        LocalDate.of(2019, 4, 1), LocalDate.of(2029, 4, 1), "ASAN xidmət")))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.paths()).containsExactly(ELVINS_PATH);
        assertThat(stub.accepts()).singleElement().asString().contains("application/json");
    }

    @Test
    void aBaseUrlWithAPathAndATrailingSlashKeepsItsPath() {
        stub.answer((hit, response) -> json(response, ELVIN_JSON));
        var properties = new IdentityRegistryProperties(Mode.HTTP, baseUrl() + "/registry/", Duration.ofMillis(500),
                RESPONSE_TIMEOUT, 0, Duration.ofMillis(20), LENIENT_BREAKER);

        StepVerifier.create(new HttpIdentityRegistry(WebClient.builder(), properties).find(ELVINS_DOCUMENT, ELVIN))
                .assertNext(person -> assertThat(person.surname()).isEqualTo("Məmmədov"))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.paths()).containsExactly("/registry" + ELVINS_PATH);
    }

    @Test
    void a404MeansTheDocumentAndTheFinDoNotBelongTogether() {
        stub.answer((hit, response) -> response.status(404).send());

        StepVerifier.create(registry(2, LENIENT_BREAKER).find(DocumentNumber.parse("AA1234567"), Fin.of("2hbx9qd")))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.paths()).containsExactly("/v1/persons/2HBX9QD/documents/AA1234567");
    }

    @Test
    void serverErrorsAreRetriedUntilTheRegistryAnswers() {
        stub.answer((hit, response) -> hit <= 2 ? response.status(503).send() : json(response, ELVIN_JSON));

        StepVerifier.create(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN))
                .assertNext(person -> assertThat(person.fin()).isEqualTo("5ZK3M7P"))
                .expectComplete()
                .verify(VERIFY_LIMIT);

        assertThat(stub.hits()).hasValue(3);
        assertThat(stub.paths()).containsOnly(ELVINS_PATH);
    }

    @Test
    void aRegistryThatKeepsFailingIsUnavailableAfterTheRetries() {
        stub.answer((hit, response) -> response.status(500).send());

        verifyUnavailable(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(3);
    }

    @Test
    void aRegistrySlowerThanTheResponseTimeoutIsUnavailable() {
        stub.answer((hit, response) -> Mono.delay(Duration.ofSeconds(3))
                .then(Mono.defer(() -> Mono.from(json(response, ELVIN_JSON)))));
        var properties = new IdentityRegistryProperties(Mode.HTTP, baseUrl(), Duration.ofMillis(300),
                Duration.ofMillis(300), 1, Duration.ofMillis(20), LENIENT_BREAKER);

        verifyUnavailable(new HttpIdentityRegistry(WebClient.builder(), properties).find(ELVINS_DOCUMENT, ELVIN),
                UNAVAILABLE_AS, Duration.ofSeconds(2));

        // A timeout is worth a retry, like a 5xx.
        assertThat(stub.hits()).hasValue(2);
    }

    @Test
    void aRegistryThatIsNotListeningIsUnavailable() {
        var properties = new IdentityRegistryProperties(Mode.HTTP, StubServer.notListeningUrl(),
                Duration.ofMillis(300), RESPONSE_TIMEOUT, 1, Duration.ofMillis(20), LENIENT_BREAKER);

        verifyUnavailable(new HttpIdentityRegistry(WebClient.builder(), properties).find(ELVINS_DOCUMENT, ELVIN),
                UNAVAILABLE_AS);
    }

    @Test
    void anUnexpectedStatusIsUnavailableAtOnceWithoutRetries() {
        stub.answer((hit, response) -> response.status(401).send());

        verifyUnavailable(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void anUnreadable200IsUnavailableWithoutRetries() {
        stub.answer((hit, response) -> json(response, "{\"fin\": \"5ZK3M7P\", \"birthDate\": "));

        verifyUnavailable(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void aPersonWithAMissingOrOversizedFieldIsNeverReturned() {
        stub.answer((hit, response) ->
                json(response, ELVIN_JSON.replace("\"Məmmədov\"", "\"" + "M".repeat(101) + "\"")));

        verifyUnavailable(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void aPersonOtherThanTheOneAskedForIsNeverReturned() {
        stub.answer((hit, response) -> json(response, ELVIN_JSON.replace("\"5ZK3M7P\"", "\"2HBX9QD\"")));

        verifyUnavailable(registry(2, LENIENT_BREAKER).find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);

        assertThat(stub.hits()).hasValue(1);
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndThenFailsFastWithoutCallingTheRegistry() {
        stub.answer((hit, response) -> response.status(500).send());
        HttpIdentityRegistry registry = registry(2, new CircuitBreakerSettings(50, 4, 4, Duration.ofMinutes(1)));

        // 3 failed attempts, then a 4th: the window is full and all failed, so the breaker opens and stops the retries.
        for (int call = 0; call < 2; call++) {
            verifyUnavailable(registry.find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);
        }
        assertThat(registry.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
        int hitsWhenOpened = stub.hits().get();
        assertThat(hitsWhenOpened).isEqualTo(4);

        for (int call = 0; call < 3; call++) {
            verifyUnavailable(registry.find(ELVINS_DOCUMENT, ELVIN), UNAVAILABLE_AS);
        }
        assertThat(stub.hits()).hasValue(hitsWhenOpened);
    }

    @Test
    void notFoundAnswersDoNotOpenTheCircuit() {
        stub.answer((hit, response) -> response.status(404).send());
        HttpIdentityRegistry registry = registry(2, new CircuitBreakerSettings(50, 4, 4, Duration.ofMinutes(1)));

        for (int call = 0; call < 6; call++) {
            StepVerifier.create(registry.find(ELVINS_DOCUMENT, ELVIN)).expectComplete().verify(VERIFY_LIMIT);
        }

        assertThat(registry.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(stub.hits()).hasValue(6);
    }

    private HttpIdentityRegistry registry(int maxRetries, CircuitBreakerSettings breaker) {
        return new HttpIdentityRegistry(WebClient.builder(), new IdentityRegistryProperties(Mode.HTTP, baseUrl(),
                Duration.ofMillis(500), RESPONSE_TIMEOUT, maxRetries, Duration.ofMillis(20), breaker));
    }

    private String baseUrl() {
        return stub.baseUrl();
    }
}

package az.ekabinet.command.cabinet.identity;

import static az.ekabinet.command.shared.http.UnusableAnswer.present;
import static az.ekabinet.command.shared.http.UnusableAnswer.within;

import az.ekabinet.command.shared.http.OutsideServiceClient;
import az.ekabinet.command.shared.http.UnusableAnswer;
import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Locale;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The real state identity registry over HTTP. The registry's API as this adapter assumes it:
 * <pre>
 * GET {base-url}/v1/persons/{fin}/documents/{series}{number}      e.g. /v1/persons/5ZK3M7P/documents/AZE12345678
 * Accept: application/json
 *   200  the person, a JSON object with the field names of {@link PersonRecord}, dates as ISO yyyy-MM-dd
 *   404  the document and the FIN do not belong together (or either is unknown)
 * </pre>
 * Anything else means the registry cannot answer now, never that the citizen is wrong, so it ends as
 * {@link ExternalServiceUnavailableException}: 5xx, timeouts and connection failures after
 * {@code max-retries} jittered retries; other statuses (400, 401, 403, …), an empty or unreadable 200, or a 200
 * about another person at once, logged as an integration error. Timeouts, retries and the circuit breaker are
 * {@link OutsideServiceClient}'s; a 404 is a normal answer and counts as a success for the breaker.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.identity-registry.mode", havingValue = "http")
public class HttpIdentityRegistry implements IdentityRegistry {

    static final String PATH = "/v1/persons/{fin}/documents/{document}";

    private final OutsideServiceClient client;

    public HttpIdentityRegistry(WebClient.Builder webClientBuilder, IdentityRegistryProperties properties) {
        this.client = new OutsideServiceClient(SERVICE, IdentityRegistryProperties.PREFIX, properties,
                webClientBuilder);
    }

    @Override
    public Mono<PersonRecord> find(DocumentNumber document, Fin fin) {
        return client.call(web -> web.get()
                .uri(PATH, fin.value(), document.value())
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> read(response, document, fin)));
    }

    /** The breaker's state, for tests and diagnostics. */
    CircuitBreaker.State circuitState() {
        return client.circuitState();
    }

    private static Mono<PersonRecord> read(ClientResponse response, DocumentNumber document, Fin fin) {
        int status = response.statusCode().value();
        if (status == HttpStatus.OK.value()) {
            return response.bodyToMono(PersonRecord.class)
                    .switchIfEmpty(Mono.error(() -> new UnusableAnswer("200 without a body")))
                    .map(person -> sameDocument(person, document, fin));
        }
        if (status == HttpStatus.NOT_FOUND.value()) {
            return response.releaseBody().then(Mono.empty());
        }
        return OutsideServiceClient.unexpectedStatus(response);
    }

    /**
     * The registry must answer about the person and document asked for; anything else would attach a stranger's
     * identity to a cabinet. The answer is returned in our canonical spelling (upper-case FIN and series).
     */
    private static PersonRecord sameDocument(PersonRecord person, DocumentNumber document, Fin fin) {
        boolean same = person.fin() != null && fin.value().equals(person.fin().strip().toUpperCase(Locale.ROOT))
                && person.documentSeries() != null
                && document.series().name().equals(person.documentSeries().strip().toUpperCase(Locale.ROOT))
                && document.number().equals(person.documentNumber());
        if (!same) {
            throw new UnusableAnswer("200 about another FIN or document than asked");
        }
        requireFits(person);
        return new PersonRecord(fin.value(), document.series().name(), document.number(), person.surname(),
                person.name(), person.patronymic(), person.birthDate(), person.gender(), person.citizenship(),
                person.registeredAddress(), person.documentIssuedOn(), person.documentValidUntil(),
                person.documentIssuedBy());
    }

    /**
     * A person the cabinet can keep: names and birth date present, every text within what the cabinet stores. A
     * registry answering otherwise is off, and the citizen must not get a 500 for it.
     */
    private static void requireFits(PersonRecord person) {
        boolean fits = present(person.surname(), 100) && present(person.name(), 100) && person.birthDate() != null
                && within(person.patronymic(), 100) && within(person.gender(), 8) && within(person.citizenship(), 100)
                && within(person.registeredAddress(), 300) && within(person.documentIssuedBy(), 200);
        if (!fits) {
            throw new UnusableAnswer("200 with a missing or oversized field");
        }
    }
}

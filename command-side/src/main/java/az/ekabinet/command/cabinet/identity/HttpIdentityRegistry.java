package az.ekabinet.command.cabinet.identity;

import az.ekabinet.domain.cabinet.PersonRecord;
import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.Fin;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.netty.channel.ChannelOption;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

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
 * about another person at once, logged as an integration error. A Resilience4j circuit breaker around each attempt
 * fails calls fast while the registry keeps failing; a 404 is a normal answer and counts as a success for it.
 *
 * <p>Everything is non-blocking (Reactor Netty with its asynchronous DNS resolver, delays on Reactor's parallel
 * scheduler). Logs never carry the FIN or the document number: they are personal data.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.identity-registry.mode", havingValue = "http")
public class HttpIdentityRegistry implements IdentityRegistry {

    private static final Logger log = LoggerFactory.getLogger(HttpIdentityRegistry.class);

    static final String PATH = "/v1/persons/{fin}/documents/{document}";

    private final WebClient client;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;
    /**
     * A backstop per attempt: the response timeout only runs once the request is written, so waiting for a pooled
     * connection or a stalled write would otherwise have no bound.
     */
    private final Duration attemptTimeout;

    public HttpIdentityRegistry(WebClient.Builder webClientBuilder, IdentityRegistryProperties properties) {
        String baseUrl = requireBaseUrl(properties.baseUrl());
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        this.client = webClientBuilder.clone()
                .baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
        this.attemptTimeout = properties.connectTimeout().plus(properties.responseTimeout());
        var breaker = properties.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of(SERVICE, CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .build());
        this.retry = Retry.backoff(properties.maxRetries(), properties.retryBackoff())
                .jitter(0.5)
                .filter(HttpIdentityRegistry::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    @Override
    public Mono<PersonRecord> find(DocumentNumber document, Fin fin) {
        return Mono.defer(() -> client.get()
                        .uri(PATH, fin.value(), document.value())
                        .accept(MediaType.APPLICATION_JSON)
                        .exchangeToMono(response -> read(response, document, fin)))
                .timeout(attemptTimeout)
                // Inside the retry: every attempt counts for the breaker, and an open breaker stops the retries.
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .retryWhen(retry)
                .onErrorMap(failure -> !(failure instanceof ExternalServiceUnavailableException),
                        HttpIdentityRegistry::unavailable);
    }

    /** The breaker's state, for tests and diagnostics. */
    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    private static Mono<PersonRecord> read(ClientResponse response, DocumentNumber document, Fin fin) {
        HttpStatusCode status = response.statusCode();
        if (status.value() == HttpStatus.OK.value()) {
            return response.bodyToMono(PersonRecord.class)
                    .switchIfEmpty(Mono.error(() -> new UnusableAnswer("200 without a body")))
                    .map(person -> sameDocument(person, document, fin));
        }
        if (status.value() == HttpStatus.NOT_FOUND.value()) {
            return response.releaseBody().then(Mono.empty());
        }
        if (status.is5xxServerError()) {
            return response.releaseBody().then(Mono.error(new RegistryServerError(status.value())));
        }
        return response.releaseBody().then(Mono.error(new UnusableAnswer("unexpected status " + status.value())));
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

    /** Worth another try: the registry or the way to it is struggling, the question itself is fine. */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof RegistryServerError || failure instanceof WebClientRequestException) {
            return true;
        }
        if (failure instanceof UnusableAnswer || failure instanceof CodecException) {
            // An unreadable body stays unreadable (Jackson's errors are IOExceptions too, hence this comes first).
            return false;
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException || t instanceof TimeoutException
                    || t instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ExternalServiceUnavailableException unavailable(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            log.debug("Identity registry circuit is open; failing fast");
        } else if (failure instanceof UnusableAnswer || failure instanceof CodecException) {
            // Not the citizen's fault and not a passing outage: our configuration or the registry's API is off.
            // A codec error is named by type only: its message may quote the person's data.
            log.error("Identity registry gave an unusable answer ({}); check ekabinet.identity-registry.base-url, "
                    + "credentials and the registry's API version", failure instanceof UnusableAnswer
                    ? failure.getMessage() : "unreadable body: " + failure.getClass().getSimpleName());
        } else {
            log.warn("Identity registry unavailable: {}", describe(failure));
        }
        return new ExternalServiceUnavailableException(SERVICE);
    }

    /**
     * The innermost cause, without the wrapping exceptions: those repeat the request URL, which carries the FIN and
     * the document number.
     */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof RegistryServerError) {
            return root.getMessage();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private static String requireBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalStateException(
                    "ekabinet.identity-registry.base-url (EKABINET_IDENTITY_REGISTRY_BASE_URL) is required in http mode");
        }
        URI uri = URI.create(baseUrl.strip());
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException("ekabinet.identity-registry.base-url must be an absolute http(s) URL");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A 5xx answer: the registry is up but failing; retried. */
    static final class RegistryServerError extends RuntimeException {
        RegistryServerError(int status) {
            super("status " + status, null, false, false);
        }
    }

    /** An answer we cannot use whatever we do; not retried. */
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

    private static boolean present(String text, int max) {
        return text != null && !text.isBlank() && text.length() <= max;
    }

    private static boolean within(String text, int max) {
        return text == null || text.length() <= max;
    }

    static final class UnusableAnswer extends RuntimeException {
        UnusableAnswer(String reason) {
            super(reason, null, false, false);
        }
    }
}

package az.ekabinet.command.shared.http;

import az.ekabinet.command.shared.RequestId;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.CodecException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * The resilient way to ask another organisation's system a question over HTTP, shared by the adapters that read
 * from registries. {@link #call} runs one question as up to 1 + {@code max-retries} attempts:
 * <ul>
 *   <li>each attempt is bounded by the connect and response timeouts of Reactor Netty, and by their sum as a
 *       backstop (the response timeout only starts once the request is written);</li>
 *   <li>a Resilience4j circuit breaker counts every attempt and, while the service keeps failing, fails calls fast
 *       and stops the retries;</li>
 *   <li>5xx answers ({@link #unexpectedStatus}), timeouts and connection failures are retried after a jittered,
 *       doubling backoff; an {@link UnusableAnswer} or an unreadable body is not;</li>
 *   <li>whatever still fails ends as {@link ExternalServiceUnavailableException} for the service: nothing was decided
 *       about the citizen, who may simply try again.</li>
 * </ul>
 * Everything is non-blocking (Reactor Netty with its asynchronous DNS resolver, delays on Reactor's parallel
 * scheduler). Logs never carry the request URL or the body: both hold personal data (FIN, document numbers).
 */
public final class OutsideServiceClient {

    private static final Logger log = LoggerFactory.getLogger(OutsideServiceClient.class);

    private final String service;
    private final String propertyPrefix;
    private final WebClient client;
    private final Duration attemptTimeout;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    /**
     * @param service        the name an {@link ExternalServiceUnavailableException} carries, e.g. the registry's
     * @param propertyPrefix where the settings come from, e.g. {@code ekabinet.identity-registry}; named in errors
     *                       and logs, and the source of the environment variable's name
     * @throws IllegalStateException when the base URL is missing or not an absolute http(s) URL
     */
    public OutsideServiceClient(String service, String propertyPrefix, OutsideServiceSettings settings,
                                WebClient.Builder webClientBuilder) {
        this.service = service;
        this.propertyPrefix = propertyPrefix;
        HttpClient httpClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(settings.connectTimeout().toMillis()))
                .responseTimeout(settings.responseTimeout());
        this.client = webClientBuilder.clone()
                .baseUrl(requireBaseUrl(settings.baseUrl()))
                .clientConnector(new ReactorClientHttpConnector(httpClient))
                .build();
        this.attemptTimeout = settings.connectTimeout().plus(settings.responseTimeout());
        CircuitBreakerSettings breaker = settings.circuitBreaker();
        this.circuitBreaker = CircuitBreaker.of(service, CircuitBreakerConfig.custom()
                .failureRateThreshold(breaker.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindowSize())
                .minimumNumberOfCalls(breaker.minimumNumberOfCalls())
                .waitDurationInOpenState(breaker.waitInOpenState())
                .build());
        this.retry = Retry.backoff(settings.maxRetries(), settings.retryBackoff())
                .jitter(0.5)
                .filter(OutsideServiceClient::isTransient)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure());
    }

    /**
     * Asks one question. {@code attempt} builds one request on the client (base URL applied) and reads its answer;
     * it is called again for each retry. An answer the adapter treats as normal, such as a 404 "not known", counts
     * as a success for the circuit breaker.
     */
    public <T> Mono<T> call(Function<WebClient, Mono<T>> attempt) {
        return Mono.defer(() -> attempt.apply(client))
                .timeout(attemptTimeout)
                // Inside the retry: every attempt counts for the breaker, and an open breaker stops the retries.
                .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                .retryWhen(retry)
                // logged with the id of the request that asked (the failure arrives on the client's thread)
                .transformDeferredContextual((call, context) -> call.onErrorMap(
                        failure -> !(failure instanceof ExternalServiceUnavailableException),
                        failure -> RequestId.inMdc(RequestId.in(context), () -> unavailable(failure))));
    }

    /** The answer to a status the adapter does not expect: a 5xx is retried, anything else is unusable at once. */
    public static <T> Mono<T> unexpectedStatus(ClientResponse response) {
        HttpStatusCode status = response.statusCode();
        RuntimeException failure = status.is5xxServerError()
                ? new ServerError(status.value())
                : new UnusableAnswer("unexpected status " + status.value());
        return response.releaseBody().then(Mono.error(failure));
    }

    /** The breaker's state, for tests and diagnostics. */
    public CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    /** Worth another try: the service or the way to it is struggling, the question itself is fine. */
    private static boolean isTransient(Throwable failure) {
        if (failure instanceof ServerError || failure instanceof WebClientRequestException) {
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

    private ExternalServiceUnavailableException unavailable(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            log.debug("{}: circuit is open; failing fast", service);
        } else if (failure instanceof UnusableAnswer || failure instanceof CodecException) {
            // Not the citizen's fault and not a passing outage: our configuration or the service's API is off.
            // A codec error is named by type only: its message may quote the person's data.
            log.error("{} gave an unusable answer ({}); check {}.base-url, credentials and the service's API version",
                    service, failure instanceof UnusableAnswer
                            ? failure.getMessage() : "unreadable body: " + failure.getClass().getSimpleName(),
                    propertyPrefix);
        } else {
            log.warn("{} unavailable: {}", service, describe(failure));
        }
        return new ExternalServiceUnavailableException(service);
    }

    /**
     * The innermost cause, without the wrapping exceptions: those repeat the request URL, which carries personal
     * data such as the FIN.
     */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ServerError) {
            return root.getMessage();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    private String requireBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            String variable = propertyPrefix.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
                    + "_BASE_URL";
            throw new IllegalStateException(
                    propertyPrefix + ".base-url (" + variable + ") is required in http mode");
        }
        URI uri = URI.create(baseUrl.strip());
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalStateException(propertyPrefix + ".base-url must be an absolute http(s) URL");
        }
        String text = uri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** A 5xx answer: the service is up but failing; retried. */
    private static final class ServerError extends RuntimeException {
        ServerError(int status) {
            super("status " + status, null, false, false);
        }
    }
}

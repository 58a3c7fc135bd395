package az.ekabinet.command.sms;

import az.ekabinet.command.shared.RequestId;
import az.ekabinet.domain.contact.PhoneNumber;
import az.ekabinet.domain.shared.ExternalServiceUnavailableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.util.retry.Retry;

/**
 * The adapter for the real SMS gateway ({@code ekabinet.sms.mode=http}). The gateway's API as assumed here:
 * <pre>
 * POST {baseUrl}/v1/messages
 * Authorization: Bearer {apiKey}
 * Content-Type: application/json
 * {"from": "{sender}", "to": "+994501234567", "text": "..."}
 * → 202 (or 200) accepted; any other status is a refusal
 * </pre>
 * Each attempt has a connect and a response timeout. 5xx answers, timeouts and connection errors are retried
 * {@code maxRetries} times with jittered exponential backoff (a retried POST may deliver an SMS twice; for one-time
 * codes a duplicate is harmless, a lost one is not). 4xx answers are not retried. A circuit breaker around the whole
 * retried send stops calling a gateway that keeps failing and fails fast while it is open. Every failure reaches
 * the caller as {@link ExternalServiceUnavailableException}; logs name the masked number, never the text.
 */
@Component
@ConditionalOnProperty(name = "ekabinet.sms.mode", havingValue = "http")
public class HttpSmsGateway implements SmsGateway {

    static final String SERVICE = "sms-gateway";
    private static final Logger log = LoggerFactory.getLogger(HttpSmsGateway.class);

    private final SmsProperties properties;
    private final WebClient http;
    private final CircuitBreaker circuitBreaker;
    private final URI messagesUri;

    public HttpSmsGateway(SmsProperties properties, WebClient.Builder builder) {
        this.properties = properties;
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(properties.connectTimeout().toMillis()))
                .responseTimeout(properties.responseTimeout());
        this.http = builder.clientConnector(new ReactorClientHttpConnector(client)).build();
        this.circuitBreaker = CircuitBreaker.of(SERVICE, circuitBreakerConfig(properties.circuitBreaker()));
        if (properties.hasBaseUrl()) {
            this.messagesUri = UriComponentsBuilder.fromUriString(properties.baseUrl()).path("/v1/messages")
                    .build().toUri();
        } else {
            // The production profile must still start (and report health) without it; every send then fails.
            this.messagesUri = null;
            log.warn("ekabinet.sms.base-url (EKABINET_SMS_BASE_URL) is not set: every SMS will fail");
        }
        if (properties.apiKey() == null || properties.apiKey().isBlank() || properties.apiKey().contains("${")) {
            log.warn("ekabinet.sms.api-key (EKABINET_SMS_API_KEY) is not set: the gateway will refuse every SMS");
        }
    }

    @Override
    public Mono<Void> send(PhoneNumber to, String text) {
        // its lines are logged with the id of the request that sends (they are written on the client's threads)
        return Mono.deferContextual(context -> {
            String requestId = RequestId.in(context);
            SmsText.requireSendable(to, text);
            if (messagesUri == null) {
                return Mono.error(new ExternalServiceUnavailableException(SERVICE));
            }
            return attempt(to, text)
                    .retryWhen(Retry.backoff(properties.maxRetries(), properties.retryBackoff())
                            .jitter(0.5)
                            .filter(HttpSmsGateway::isTransient)
                            .doBeforeRetry(retry -> RequestId.inMdc(requestId, () -> log.debug(
                                    "SMS to {}: retry {} after {}", to.masked(), retry.totalRetries() + 1,
                                    describe(retry.failure()))))
                            .onRetryExhaustedThrow((spec, retry) -> retry.failure()))
                    // Outside the retries: one send is one outcome, and an open circuit is never retried.
                    .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
                    .doOnSuccess(done -> RequestId.inMdc(requestId,
                            () -> log.debug("SMS to {} accepted by the gateway", to.masked())))
                    .onErrorMap(failure -> {
                        RequestId.inMdc(requestId,
                                () -> log.warn("SMS to {} not sent: {}", to.masked(), describe(failure)));
                        return new ExternalServiceUnavailableException(SERVICE);
                    });
        });
    }

    private Mono<Void> attempt(PhoneNumber to, String text) {
        return http.post().uri(messagesUri)
                .headers(h -> h.setBearerAuth(properties.apiKey() == null ? "" : properties.apiKey()))
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .bodyValue(new OutgoingMessage(properties.sender(), to.e164(), text))
                .retrieve()
                .toBodilessEntity()
                .flatMap(answer -> answer.getStatusCode().value() == 200 || answer.getStatusCode().value() == 202
                        // Some other 2xx (e.g. 204) is not the documented acceptance: do not assume delivery.
                        ? Mono.<Void>empty()
                        : Mono.error(new UnexpectedAnswer(answer.getStatusCode().value())));
    }

    /** Worth another attempt: the gateway or the way to it failed, rather than refused this message. */
    static boolean isTransient(Throwable failure) {
        if (failure instanceof WebClientResponseException answer) {
            return answer.getStatusCode().is5xxServerError();
        }
        // Connect failures, connect and response timeouts: WebClient wraps everything before an answer this way.
        return failure instanceof WebClientRequestException || failure instanceof TimeoutException;
    }

    /** What went wrong, without the request body (the text) and without the API key. */
    private static String describe(Throwable failure) {
        if (failure instanceof WebClientResponseException answer) {
            return "gateway answered " + answer.getStatusCode().value();
        }
        if (failure instanceof UnexpectedAnswer unexpected) {
            return "gateway answered " + unexpected.status;
        }
        if (failure instanceof CallNotPermittedException) {
            return "circuit open, gateway not called";
        }
        Throwable cause = failure instanceof WebClientRequestException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    private static CircuitBreakerConfig circuitBreakerConfig(SmsProperties.CircuitBreaker settings) {
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                // A refusal of one message (4xx) says nothing about the gateway's health: neither failure nor success.
                .recordException(HttpSmsGateway::isTransient)
                .ignoreException(failure -> !isTransient(failure))
                .build();
    }

    /** The circuit's state, for tests and diagnostics. */
    CircuitBreaker.State circuitState() {
        return circuitBreaker.getState();
    }

    record OutgoingMessage(String from, String to, String text) {
    }

    /** A 2xx other than the documented 200/202. */
    static final class UnexpectedAnswer extends RuntimeException {

        final int status;

        UnexpectedAnswer(int status) {
            super("unexpected status " + status, null, false, false);
            this.status = status;
        }
    }
}

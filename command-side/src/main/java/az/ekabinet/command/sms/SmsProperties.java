package az.ekabinet.command.sms;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ekabinet.sms.*}: which adapter sends SMS and how the HTTP one treats the real gateway. Every value has a
 * default, so the demo needs none of them; production sets {@code mode: http}, the base URL and the API key.
 *
 * @param mode           {@code outbox} (default: messages are stored and never leave) or {@code http}
 * @param baseUrl        the gateway's base URL, e.g. {@code https://sms.example.az}
 * @param apiKey         its Bearer API key (never logged, see {@link #toString()})
 * @param sender         the sender name the citizen sees
 * @param connectTimeout TCP connect timeout of one attempt
 * @param responseTimeout time allowed for the gateway's answer to one attempt
 * @param maxRetries     retries after a 5xx, a timeout or a connection error (so 1 + maxRetries attempts)
 * @param retryBackoff   first backoff between attempts, doubled each retry, with jitter
 * @param circuitBreaker when to stop calling a failing gateway for a while
 * @param maxPerAddressPerHour codes one client address may have sent in an hour (many citizens may share one)
 */
@ConfigurationProperties("ekabinet.sms")
public record SmsProperties(Mode mode, String baseUrl, String apiKey, String sender, Duration connectTimeout,
                            Duration responseTimeout, Integer maxRetries, Duration retryBackoff,
                            CircuitBreaker circuitBreaker, Integer maxPerAddressPerHour) {

    public enum Mode { OUTBOX, HTTP }

    public SmsProperties {
        mode = mode == null ? Mode.OUTBOX : mode;
        sender = sender == null || sender.isBlank() ? "DIM" : sender;
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(2), "connect-timeout");
        responseTimeout = positive(responseTimeout, Duration.ofSeconds(3), "response-timeout");
        maxRetries = maxRetries == null ? 2 : maxRetries;
        if (maxRetries < 0) {
            throw new IllegalArgumentException("ekabinet.sms.max-retries must not be negative");
        }
        retryBackoff = positive(retryBackoff, Duration.ofMillis(200), "retry-backoff");
        circuitBreaker = circuitBreaker == null ? new CircuitBreaker(null, null, null, null) : circuitBreaker;
        maxPerAddressPerHour = maxPerAddressPerHour == null ? 100 : maxPerAddressPerHour;
        if (maxPerAddressPerHour < 1) {
            throw new IllegalArgumentException("ekabinet.sms.max-per-address-per-hour must be at least 1");
        }
    }

    /**
     * @param failureRateThreshold percentage of failed sends in the window that opens the circuit
     * @param slidingWindowSize    how many recent sends are counted
     * @param minimumNumberOfCalls sends needed before the rate means anything
     * @param waitInOpenState      how long an open circuit fails fast before a few trial sends
     */
    public record CircuitBreaker(Float failureRateThreshold, Integer slidingWindowSize, Integer minimumNumberOfCalls,
                                 Duration waitInOpenState) {

        public CircuitBreaker {
            failureRateThreshold = failureRateThreshold == null ? 50f : failureRateThreshold;
            slidingWindowSize = slidingWindowSize == null ? 20 : slidingWindowSize;
            minimumNumberOfCalls = minimumNumberOfCalls == null ? 10 : minimumNumberOfCalls;
            waitInOpenState = positive(waitInOpenState, Duration.ofSeconds(30), "circuit-breaker.wait-in-open-state");
        }
    }

    /** The base URL when one is really configured; an unset {@code ${EKABINET_SMS_BASE_URL}} binds as its literal. */
    public boolean hasBaseUrl() {
        return baseUrl != null && !baseUrl.isBlank() && !baseUrl.contains("${");
    }

    /** Keeps the API key out of logs and error messages. */
    @Override
    public String toString() {
        return "SmsProperties[mode=" + mode + ", baseUrl=" + baseUrl + ", apiKey=" + (apiKey == null ? null : "***")
                + ", sender=" + sender + ", connectTimeout=" + connectTimeout + ", responseTimeout=" + responseTimeout
                + ", maxRetries=" + maxRetries + ", retryBackoff=" + retryBackoff
                + ", circuitBreaker=" + circuitBreaker + ", maxPerAddressPerHour=" + maxPerAddressPerHour + "]";
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("ekabinet.sms." + name + " must be positive");
        }
        return value;
    }
}

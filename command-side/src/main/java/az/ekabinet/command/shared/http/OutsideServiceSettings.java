package az.ekabinet.command.shared.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How an HTTP adapter reaches another organisation's system: the settings every {@code ekabinet.<service>.*} block
 * has besides its {@code mode}. The defaults each block gives keep a citizen's request well under the time a client
 * waits: at most 1 + {@code max-retries} attempts, each bounded by the connect and response timeouts. Implemented by
 * the services' {@code @ConfigurationProperties} records, which call {@link #requireSane} in their constructors so
 * that nonsense stops the start in any mode.
 */
public interface OutsideServiceSettings {

    /** The service's base URL; required in http mode only, hence checked by {@link OutsideServiceClient}. */
    String baseUrl();

    Duration connectTimeout();

    Duration responseTimeout();

    int maxRetries();

    /** The first backoff between attempts, doubled each retry, with jitter. */
    Duration retryBackoff();

    CircuitBreakerSettings circuitBreaker();

    /** Refuses settings no outside service could work with; messages name the property under {@code prefix}. */
    static void requireSane(String prefix, Duration connectTimeout, Duration responseTimeout, int maxRetries,
                            Duration retryBackoff, CircuitBreakerSettings circuitBreaker) {
        requirePositive(connectTimeout, prefix + ".connect-timeout");
        requirePositive(responseTimeout, prefix + ".response-timeout");
        requirePositive(retryBackoff, prefix + ".retry-backoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException(prefix + ".max-retries must not be negative");
        }
        Objects.requireNonNull(circuitBreaker, prefix + ".circuit-breaker");
    }

    static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}

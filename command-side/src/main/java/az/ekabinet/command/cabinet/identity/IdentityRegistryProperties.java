package az.ekabinet.command.cabinet.identity;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the identity registry is reached ({@code ekabinet.identity-registry.*}). {@code mode} picks the adapter:
 * {@code demo} (the default, no outside service) or {@code http}, which needs {@code base-url}. The remaining
 * settings only matter in {@code http} mode; their defaults keep a citizen's request well under the time a client
 * waits: at most 1 + {@code max-retries} attempts, each bounded by the connect and response timeouts.
 */
@ConfigurationProperties("ekabinet.identity-registry")
public record IdentityRegistryProperties(
        @DefaultValue("demo") Mode mode,
        String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("3s") Duration responseTimeout,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue CircuitBreakerSettings circuitBreaker) {

    public IdentityRegistryProperties {
        Objects.requireNonNull(mode, "ekabinet.identity-registry.mode");
        requirePositive(connectTimeout, "connect-timeout");
        requirePositive(responseTimeout, "response-timeout");
        requirePositive(retryBackoff, "retry-backoff");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("ekabinet.identity-registry.max-retries must not be negative");
        }
        Objects.requireNonNull(circuitBreaker, "ekabinet.identity-registry.circuit-breaker");
    }

    public enum Mode {
        /** Demo citizens from {@code demo-data/identity-registry.json}. */
        DEMO,
        /** The real registry over HTTP at {@code base-url}. */
        HTTP
    }

    /**
     * Resilience4j circuit breaker over the last {@code sliding-window-size} calls: once at least
     * {@code minimum-number-of-calls} were made and {@code failure-rate-threshold} percent of them failed, calls fail
     * fast for {@code wait-in-open-state} instead of piling up on a registry that is down.
     */
    public record CircuitBreakerSettings(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindowSize,
            @DefaultValue("10") int minimumNumberOfCalls,
            @DefaultValue("30s") Duration waitInOpenState) {

        public CircuitBreakerSettings {
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new IllegalArgumentException(
                        "ekabinet.identity-registry.circuit-breaker.failure-rate-threshold must be in (0, 100]");
            }
            if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
                throw new IllegalArgumentException("ekabinet.identity-registry.circuit-breaker.sliding-window-size"
                        + " and minimum-number-of-calls must be at least 1");
            }
            requirePositive(waitInOpenState, "circuit-breaker.wait-in-open-state");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("ekabinet.identity-registry." + name + " must be a positive duration");
        }
    }
}

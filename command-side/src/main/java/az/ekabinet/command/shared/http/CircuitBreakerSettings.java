package az.ekabinet.command.shared.http;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Resilience4j circuit breaker over the last {@code sliding-window-size} calls to an outside service: once at least
 * {@code minimum-number-of-calls} were made and {@code failure-rate-threshold} percent of them failed, calls fail
 * fast for {@code wait-in-open-state} instead of piling up on a service that is down.
 */
public record CircuitBreakerSettings(
        @DefaultValue("50") float failureRateThreshold,
        @DefaultValue("20") int slidingWindowSize,
        @DefaultValue("10") int minimumNumberOfCalls,
        @DefaultValue("30s") Duration waitInOpenState) {

    public CircuitBreakerSettings {
        if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("circuit-breaker.failure-rate-threshold must be in (0, 100]");
        }
        if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
            throw new IllegalArgumentException(
                    "circuit-breaker.sliding-window-size and minimum-number-of-calls must be at least 1");
        }
        OutsideServiceSettings.requirePositive(waitInOpenState, "circuit-breaker.wait-in-open-state");
    }
}

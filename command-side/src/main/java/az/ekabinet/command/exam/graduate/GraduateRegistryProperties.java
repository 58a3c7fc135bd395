package az.ekabinet.command.exam.graduate;

import az.ekabinet.command.shared.http.CircuitBreakerSettings;
import az.ekabinet.command.shared.http.OutsideServiceSettings;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the graduate registry is reached ({@code ekabinet.graduate-registry.*}). {@code mode} picks the adapter:
 * {@code demo} (the default, no outside service) or {@code http}, which needs {@code base-url}. The remaining
 * settings only matter in {@code http} mode (see {@link OutsideServiceSettings}).
 */
@ConfigurationProperties(GraduateRegistryProperties.PREFIX)
public record GraduateRegistryProperties(
        @DefaultValue("demo") Mode mode,
        String baseUrl,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("3s") Duration responseTimeout,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue CircuitBreakerSettings circuitBreaker) implements OutsideServiceSettings {

    static final String PREFIX = "ekabinet.graduate-registry";

    public GraduateRegistryProperties {
        Objects.requireNonNull(mode, PREFIX + ".mode");
        OutsideServiceSettings.requireSane(PREFIX, connectTimeout, responseTimeout, maxRetries, retryBackoff,
                circuitBreaker);
    }

    public enum Mode {
        /** Demo graduates from {@code demo-data/graduate-registry.json}. */
        DEMO,
        /** The real registry over HTTP at {@code base-url}. */
        HTTP
    }
}

package az.ekabinet.command.cabinet.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.command.cabinet.identity.IdentityRegistryProperties.Mode;
import az.ekabinet.command.shared.http.CircuitBreakerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/** The settings bind as docs/configuration.md documents them, and http mode refuses to start without a usable base URL. */
class IdentityRegistryPropertiesTest {

    @Test
    void nothingConfiguredMeansDemoWithTheDocumentedDefaults() {
        IdentityRegistryProperties properties = bind(Map.of());

        assertThat(properties.mode()).isEqualTo(Mode.DEMO);
        assertThat(properties.baseUrl()).isNull();
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.maxRetries()).isEqualTo(2);
        assertThat(properties.retryBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(properties.circuitBreaker().failureRateThreshold()).isEqualTo(50f);
        assertThat(properties.circuitBreaker().slidingWindowSize()).isEqualTo(20);
        assertThat(properties.circuitBreaker().minimumNumberOfCalls()).isEqualTo(10);
        assertThat(properties.circuitBreaker().waitInOpenState()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everySettingCanBeGiven() {
        IdentityRegistryProperties properties = bind(Map.of(
                "ekabinet.identity-registry.mode", "http",
                "ekabinet.identity-registry.base-url", "https://registry.example.az",
                "ekabinet.identity-registry.connect-timeout", "500ms",
                "ekabinet.identity-registry.response-timeout", "1s",
                "ekabinet.identity-registry.max-retries", "0",
                "ekabinet.identity-registry.retry-backoff", "50ms",
                "ekabinet.identity-registry.circuit-breaker.failure-rate-threshold", "25",
                "ekabinet.identity-registry.circuit-breaker.sliding-window-size", "40",
                "ekabinet.identity-registry.circuit-breaker.minimum-number-of-calls", "5",
                "ekabinet.identity-registry.circuit-breaker.wait-in-open-state", "10s"));

        assertThat(properties.mode()).isEqualTo(Mode.HTTP);
        assertThat(properties.baseUrl()).isEqualTo("https://registry.example.az");
        assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(properties.maxRetries()).isZero();
        assertThat(properties.retryBackoff()).isEqualTo(Duration.ofMillis(50));
        assertThat(properties.circuitBreaker())
                .isEqualTo(new CircuitBreakerSettings(25, 40, 5, Duration.ofSeconds(10)));
    }

    @Test
    void httpModeNeedsAnAbsoluteBaseUrl() {
        for (String baseUrl : new String[] {null, " ", "registry.example.az/v1", "ftp://registry.example.az"}) {
            var properties = new IdentityRegistryProperties(Mode.HTTP, baseUrl, Duration.ofSeconds(2),
                    Duration.ofSeconds(3), 2, Duration.ofMillis(200),
                    new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(30)));
            assertThatThrownBy(() -> new HttpIdentityRegistry(WebClient.builder(), properties))
                    .as("base URL %s", baseUrl)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("base-url");
        }
    }

    @Test
    void nonsenseSettingsAreRefused() {
        var breaker = new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(30));
        assertThatThrownBy(() -> new IdentityRegistryProperties(Mode.HTTP, "http://127.0.0.1", Duration.ZERO,
                Duration.ofSeconds(3), 2, Duration.ofMillis(200), breaker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect-timeout");
        assertThatThrownBy(() -> new IdentityRegistryProperties(Mode.HTTP, "http://127.0.0.1", Duration.ofSeconds(2),
                Duration.ofSeconds(3), -1, Duration.ofMillis(200), breaker))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max-retries");
        assertThatThrownBy(() -> new CircuitBreakerSettings(0, 20, 10, Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("failure-rate-threshold");
    }

    private static IdentityRegistryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ekabinet.identity-registry", IdentityRegistryProperties.class);
    }
}

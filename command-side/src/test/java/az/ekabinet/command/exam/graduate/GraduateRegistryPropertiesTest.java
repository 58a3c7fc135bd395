package az.ekabinet.command.exam.graduate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import az.ekabinet.command.exam.graduate.GraduateRegistryProperties.Mode;
import az.ekabinet.command.shared.http.CircuitBreakerSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The settings bind under {@code ekabinet.graduate-registry} as docs/configuration.md documents them. Their checks are the
 * identity registry's ({@code IdentityRegistryPropertiesTest}); here only what is the graduate registry's own.
 */
class GraduateRegistryPropertiesTest {

    @Test
    void nothingConfiguredMeansTheDemoGraduatesWithTheDocumentedDefaults() {
        GraduateRegistryProperties properties = bind(Map.of());

        assertThat(properties).isEqualTo(new GraduateRegistryProperties(Mode.DEMO, null, Duration.ofSeconds(2),
                Duration.ofSeconds(3), 2, Duration.ofMillis(200),
                new CircuitBreakerSettings(50, 20, 10, Duration.ofSeconds(30))));
    }

    @Test
    void everySettingCanBeGiven() {
        GraduateRegistryProperties properties = bind(Map.of(
                "ekabinet.graduate-registry.mode", "http",
                "ekabinet.graduate-registry.base-url", "https://tmms.example.az/api",
                "ekabinet.graduate-registry.connect-timeout", "500ms",
                "ekabinet.graduate-registry.response-timeout", "1s",
                "ekabinet.graduate-registry.max-retries", "0",
                "ekabinet.graduate-registry.retry-backoff", "50ms",
                "ekabinet.graduate-registry.circuit-breaker.failure-rate-threshold", "25",
                "ekabinet.graduate-registry.circuit-breaker.sliding-window-size", "40",
                "ekabinet.graduate-registry.circuit-breaker.minimum-number-of-calls", "5",
                "ekabinet.graduate-registry.circuit-breaker.wait-in-open-state", "10s"));

        assertThat(properties).isEqualTo(new GraduateRegistryProperties(Mode.HTTP, "https://tmms.example.az/api",
                Duration.ofMillis(500), Duration.ofSeconds(1), 0, Duration.ofMillis(50),
                new CircuitBreakerSettings(25, 40, 5, Duration.ofSeconds(10))));
    }

    @Test
    void httpModeWithoutABaseUrlNamesTheGraduateRegistrysSetting() {
        GraduateRegistryProperties properties = bind(Map.of("ekabinet.graduate-registry.mode", "http"));

        assertThatThrownBy(() -> new HttpGraduateRegistry(WebClient.builder(), properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ekabinet.graduate-registry.base-url (EKABINET_GRADUATE_REGISTRY_BASE_URL)");
    }

    @Test
    void nonsenseIsRefusedUnderTheGraduateRegistrysName() {
        assertThatThrownBy(() -> bind(Map.of("ekabinet.graduate-registry.max-retries", "-1")))
                .hasRootCauseMessage("ekabinet.graduate-registry.max-retries must not be negative");
    }

    private static GraduateRegistryProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("ekabinet.graduate-registry", GraduateRegistryProperties.class);
    }
}

package az.ekabinet.config.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payment providers allowed to notify payments, each with its HMAC secret ({@code ekabinet.providers.<name>.secret},
 * e.g. from {@code EKABINET_PROVIDERS_<NAME>_SECRET}).
 */
@ConfigurationProperties("ekabinet")
public record ProvidersProperties(Map<String, Provider> providers) {

    public ProvidersProperties {
        providers = providers == null ? Map.of() : Map.copyOf(providers);
    }

    public record Provider(String secret) {
    }
}

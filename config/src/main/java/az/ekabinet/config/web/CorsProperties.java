package az.ekabinet.config.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser clients on other origins (the citizens' web front-end, served from its own origin): the origins allowed to
 * call the API ({@code ekabinet.cors.allowed-origins}, e.g. {@code EKABINET_CORS_ALLOWED_ORIGINS=https://kabinet.dim.gov.az}),
 * empty by default: no other origin may. Each is {@code scheme://host[:port]}; {@code *} (any origin) is refused in
 * production. {@code max-age} is how long a browser may keep a preflight's answer.
 */
@ConfigurationProperties("ekabinet.cors")
public record CorsProperties(List<String> allowedOrigins, Duration maxAge) {

    public CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        maxAge = maxAge == null ? Duration.ofHours(1) : maxAge;
        for (String origin : allowedOrigins) {
            if (!origin.equals("*") && !isOrigin(origin)) {
                throw new IllegalArgumentException("ekabinet.cors.allowed-origins: not an origin "
                        + "(scheme://host[:port], nothing after it): " + origin);
            }
        }
    }

    /** Whether any origin at all is allowed. */
    public boolean allowsAnyOrigin() {
        return allowedOrigins.contains("*");
    }

    private static boolean isOrigin(String text) {
        try {
            URI uri = new URI(text);
            return (uri.getScheme().equals("https") || uri.getScheme().equals("http")) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null;
        } catch (Exception e) {
            return false;
        }
    }
}

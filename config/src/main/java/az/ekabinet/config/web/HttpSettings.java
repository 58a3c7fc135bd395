package az.ekabinet.config.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.http.*} (docs/configuration.md).
 *
 * @param maxBodyBytes the largest request body read; a larger one is 413
 */
@ConfigurationProperties("ekabinet.http")
public record HttpSettings(@DefaultValue("65536") int maxBodyBytes) {

    public HttpSettings {
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("ekabinet.http.max-body-bytes must be at least 1024");
        }
    }
}

package az.ekabinet.query.streams;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.sse.*}: the server-sent-event streams (docs/configuration.md).
 *
 * @param heartbeat how often an idle stream sends a comment, so that proxies and clients see it is alive
 */
@ConfigurationProperties("ekabinet.sse")
public record StreamSettings(@DefaultValue("15s") Duration heartbeat) {

    public StreamSettings {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("ekabinet.sse.heartbeat must be positive");
        }
    }
}

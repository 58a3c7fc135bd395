package az.ekabinet.config.cluster;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.cluster.*} (docs/configuration.md).
 *
 * @param drainTime how long a stopping node keeps serving after it reports itself not ready, so that the load
 *                  balancer stops sending it requests first; 0 when nothing balances in front of it
 */
@ConfigurationProperties("ekabinet.cluster")
public record ClusterSettings(@DefaultValue("0s") Duration drainTime) {

    public ClusterSettings {
        if (drainTime.isNegative()) {
            throw new IllegalArgumentException("ekabinet.cluster.drain-time must not be negative");
        }
    }
}

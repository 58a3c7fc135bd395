package az.ekabinet.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.audit.*}: how much of a node the auditors' work may take (docs/configuration.md).
 *
 * @param parallelism                  threads that run reconciliations, off the Netty threads
 * @param maxConcurrentReconciliations reconciliations running at once on a node; more are refused with 503
 */
@ConfigurationProperties("ekabinet.audit")
public record AuditSettings(@DefaultValue("2") int parallelism, @DefaultValue("2") int maxConcurrentReconciliations) {

    public AuditSettings {
        if (parallelism < 1 || maxConcurrentReconciliations < 1) {
            throw new IllegalArgumentException("ekabinet.audit.parallelism and "
                    + "ekabinet.audit.max-concurrent-reconciliations must be at least 1");
        }
    }
}

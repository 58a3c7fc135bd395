package az.ekabinet.command.auth.session;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ekabinet.sessions.*}: how long a login lasts and how many sessions a node keeps in memory
 * (docs/configuration.md). Checked at start-up.
 *
 * @param idleTimeout     a session unused this long ends
 * @param absoluteTimeout a session ends this long after its login, used or not
 * @param cache           sessions each node keeps in memory
 */
@ConfigurationProperties("ekabinet.sessions")
public record SessionSettings(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("8h") Duration absoluteTimeout,
                              @DefaultValue Cache cache) {

    public SessionSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("ekabinet.sessions.idle-timeout must be positive and at most "
                    + "ekabinet.sessions.absolute-timeout");
        }
    }

    /** @param maxEntries most sessions kept; 0: every request reads the session table */
    public record Cache(@DefaultValue("50000") long maxEntries) {

        public Cache {
            if (maxEntries < 0) {
                throw new IllegalArgumentException("ekabinet.sessions.cache.max-entries must not be negative");
            }
        }
    }
}

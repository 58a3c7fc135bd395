package az.ekabinet.config.web.admission;

import az.ekabinet.config.RuntimeSettings;
import az.ekabinet.domain.shared.RequestClass;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;

/**
 * The slots of each request class on a node: the settings where given, otherwise derived from what bounds that work
 * anyway — a request holds a connection of one pool or the other at a time (a command reads over R2DBC, then writes
 * over JDBC), a password check a hashing thread — with as many again waiting a moment for one, so that a burst is not refused while the node keeps up (a password check waits at
 * most one round of hashing, about half a second on two cores). More at once would only wait inside the node, where
 * no client can tell a slow answer from a lost one.
 */
public record AdmissionLimits(int browsing, int critical, int password) {

    public static AdmissionLimits of(AdmissionSettings settings, HikariDataSource jdbc, R2dbcProperties r2dbc,
                                     RuntimeSettings runtime) {
        int jdbcPool = jdbc.getMaximumPoolSize();
        int r2dbcPool = r2dbc.getPool().getMaxSize();
        return new AdmissionLimits(
                settings.browsing() != null ? settings.browsing() : 2 * (jdbcPool + r2dbcPool),
                settings.critical() != null ? settings.critical() : 2 * (jdbcPool + r2dbcPool),
                settings.password() != null ? settings.password() : 2 * runtime.passwords().parallelism());
    }

    public int of(RequestClass requestClass) {
        return switch (requestClass) {
            case BROWSING -> browsing;
            case CRITICAL -> critical;
            case PASSWORD -> password;
        };
    }
}

package az.ekabinet.config.web.admission;

import az.ekabinet.config.RuntimeSettings;
import az.ekabinet.domain.shared.RequestClass;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;

/**
 * The slots of each request class on a node: the settings where given, otherwise derived from what bounds that work
 * anyway — a command holds a JDBC connection, a read an R2DBC one, a password check a hashing thread. Requests and
 * commands may have as many again waiting a moment for a connection (a burst is not refused while the node keeps
 * up); a password check takes a hashing thread for a quarter of a second, so nothing waits for one. More at once
 * would only wait inside the node, where no client can tell a slow answer from a lost one.
 */
public record AdmissionLimits(int browsing, int critical, int password) {

    public static AdmissionLimits of(AdmissionSettings settings, HikariDataSource jdbc, R2dbcProperties r2dbc,
                                     RuntimeSettings runtime) {
        int jdbcPool = jdbc.getMaximumPoolSize();
        int r2dbcPool = r2dbc.getPool().getMaxSize();
        return new AdmissionLimits(
                settings.browsing() != null ? settings.browsing() : 2 * (jdbcPool + r2dbcPool),
                settings.critical() != null ? settings.critical() : 2 * jdbcPool,
                settings.password() != null ? settings.password() : runtime.passwords().parallelism());
    }

    public int of(RequestClass requestClass) {
        return switch (requestClass) {
            case BROWSING -> browsing;
            case CRITICAL -> critical;
            case PASSWORD -> password;
        };
    }
}

package az.ekabinet.config.web.admission;

import az.ekabinet.config.RuntimeSettings;
import az.ekabinet.domain.shared.RequestClass;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.autoconfigure.r2dbc.R2dbcProperties;

/**
 * The slots of each request class on a node: the settings where given, otherwise derived from what bounds that work
 * anyway. A request holds a connection of one pool or the other at a time (a command reads over R2DBC, then writes
 * over JDBC): twice the two pools, as many again waiting a moment for one, so that a burst is not refused while the
 * node keeps up. A password check holds a hashing thread: three per thread, so that a check waits for at most two
 * others (about a quarter of a second at bcrypt's cost 11) — with two per thread, logins arriving at random were
 * refused at a load the node sustained. More at once would only wait inside the node, where no client can tell a slow
 * answer from a lost one. {@code hashing} is the number of hashing threads: the password limit, where it follows
 * congestion, never falls below it, since fewer checks at once would leave a thread idle and help nothing.
 */
public record AdmissionLimits(int browsing, int critical, int password, int hashing) {

    public static AdmissionLimits of(AdmissionSettings settings, HikariDataSource jdbc, R2dbcProperties r2dbc,
                                     RuntimeSettings runtime) {
        int jdbcPool = jdbc.getMaximumPoolSize();
        int r2dbcPool = r2dbc.getPool().getMaxSize();
        return new AdmissionLimits(
                settings.browsing() != null ? settings.browsing() : 2 * (jdbcPool + r2dbcPool),
                settings.critical() != null ? settings.critical() : 2 * (jdbcPool + r2dbcPool),
                settings.password() != null ? settings.password() : 3 * runtime.passwords().parallelism(),
                runtime.passwords().parallelism());
    }

    public int of(RequestClass requestClass) {
        return switch (requestClass) {
            case BROWSING -> browsing;
            case CRITICAL -> critical;
            case PASSWORD -> password;
        };
    }
}

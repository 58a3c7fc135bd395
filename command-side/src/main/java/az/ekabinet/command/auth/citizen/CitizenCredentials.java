package az.ekabinet.command.auth.citizen;

import az.ekabinet.command.auth.Role;
import az.ekabinet.command.auth.login.CredentialsLookup;
import az.ekabinet.command.auth.session.SessionPrincipal;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Citizens log in with their cabinet number or their FIN. Only active cabinets with a stored
 * password can. Runs on the password scheduler, so plain JDBC is fine here.
 */
@Component
public class CitizenCredentials implements CredentialsLookup {

    private final JdbcTemplate jdbc;

    public CitizenCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Credentials> find(String username) {
        String key = username.strip().toUpperCase(Locale.ROOT);
        if (!key.matches("[0-9A-Z]{7}|[0-9]{9}")) {
            return Optional.empty();
        }
        return jdbc.query("""
                        SELECT r.cabinet_id, c.password_hash FROM command.cabinet_registry r
                        JOIN command.credential c ON c.cabinet_id = r.cabinet_id
                        WHERE r.status = 'ACTIVE' AND (r.fin = ? OR r.cabinet_number = ?)""",
                (rs, i) -> new Credentials(new SessionPrincipal(rs.getString(1), Set.of(Role.CITIZEN)), rs.getString(2)),
                key, key).stream().findFirst();
    }
}

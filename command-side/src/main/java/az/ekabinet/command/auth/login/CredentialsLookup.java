package az.ekabinet.command.auth.login;

import az.ekabinet.command.auth.session.SessionPrincipal;
import java.util.Optional;

/**
 * One kind of account that can log in (staff now, citizens with the cabinet): finds the stored credentials
 * of a username. The password is compared once, by {@link PasswordLogin}, on the password scheduler.
 */
public interface CredentialsLookup {

    Optional<Credentials> find(String username);

    /** Who logs in, and the slow hash their password must match. */
    record Credentials(SessionPrincipal principal, String passwordHash) {
    }
}

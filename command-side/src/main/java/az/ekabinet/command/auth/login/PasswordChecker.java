package az.ekabinet.command.auth.login;

import az.ekabinet.command.auth.session.SessionPrincipal;
import java.util.Optional;

/**
 * One kind of account that can log in (staff now, citizens with the cabinet). Checks run on the password
 * scheduler: a slow hash compare never occupies a Netty thread.
 */
public interface PasswordChecker {

    /** The principal if this checker knows the username and the password matches; empty otherwise. */
    Optional<SessionPrincipal> check(String username, String password);
}

package az.ekabinet.command.auth.staff;

import az.ekabinet.command.auth.login.PasswordChecker;
import az.ekabinet.command.auth.session.SessionPrincipal;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Staff log in with the username and password configured for them. */
@Component
public class StaffPasswordChecker implements PasswordChecker {

    private final StaffAccountsProperties staff;
    private final PasswordEncoder encoder;

    public StaffPasswordChecker(StaffAccountsProperties staff, PasswordEncoder encoder) {
        this.staff = staff;
        this.encoder = encoder;
    }

    @Override
    public Optional<SessionPrincipal> check(String username, String password) {
        return staff.accounts().stream()
                .filter(account -> account.username().equals(username))
                .findFirst()
                .filter(account -> encoder.matches(password, account.passwordHash()))
                .map(account -> new SessionPrincipal("staff:" + account.username(), Set.of(account.role())));
    }
}

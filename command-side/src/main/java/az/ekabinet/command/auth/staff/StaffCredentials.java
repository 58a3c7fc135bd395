package az.ekabinet.command.auth.staff;

import az.ekabinet.command.auth.login.CredentialsLookup;
import az.ekabinet.command.auth.session.SessionPrincipal;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Staff log in with the username and password hash configured for them. */
@Component
public class StaffCredentials implements CredentialsLookup {

    private final StaffAccountsProperties staff;

    public StaffCredentials(StaffAccountsProperties staff) {
        this.staff = staff;
    }

    @Override
    public Optional<Credentials> find(String username) {
        return staff.accounts().stream()
                .filter(account -> account.username().equals(username))
                .findFirst()
                .map(account -> new Credentials(
                        new SessionPrincipal("staff:" + account.username(), Set.of(account.role())),
                        account.passwordHash()));
    }
}

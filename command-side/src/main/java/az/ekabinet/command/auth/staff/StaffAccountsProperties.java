package az.ekabinet.command.auth.staff;

import az.ekabinet.command.auth.Role;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Staff accounts (operators, auditors, administrators) come from configuration, with bcrypt hashes only.
 * The demo profile ships the published demo credentials; the production profile refuses them.
 */
@ConfigurationProperties("ekabinet.staff")
public record StaffAccountsProperties(List<Account> accounts) {

    public StaffAccountsProperties {
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    public record Account(String username, String passwordHash, Role role) {
    }
}

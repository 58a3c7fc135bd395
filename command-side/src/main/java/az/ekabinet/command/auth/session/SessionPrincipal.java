package az.ekabinet.command.auth.session;

import az.ekabinet.command.auth.Role;
import java.security.Principal;
import java.util.Set;

/** The caller behind a live session: its principal name (e.g. {@code staff:operator}) and roles. */
public record SessionPrincipal(String name, Set<Role> roles) implements Principal {

    @Override
    public String getName() {
        return name;
    }
}

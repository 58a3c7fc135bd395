package az.ekabinet.config.security;

import az.ekabinet.command.auth.Role;
import java.util.List;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one list both the security chain enforces and the OpenAPI document states, the first rule
 * whose pattern matches a path deciding. Unknown paths under {@code /api} need a logged-in caller; everything else
 * (API documents, the ops page) is public and ends as 404 where nothing is there.
 */
public final class AccessRules {

    /** Who may call. */
    public enum Access {
        /** Nobody needs to be logged in. */
        ANYONE(Set.of()),
        /** Any logged-in caller, citizen or staff. */
        ANY_SESSION(Set.of(Role.CITIZEN, Role.OPERATOR, Role.AUDITOR, Role.ADMIN)),
        CITIZEN(Set.of(Role.CITIZEN)),
        OPERATOR(Set.of(Role.OPERATOR)),
        AUDITOR(Set.of(Role.AUDITOR)),
        ADMIN(Set.of(Role.ADMIN)),
        OPERATOR_OR_ADMIN(Set.of(Role.OPERATOR, Role.ADMIN)),
        /** A payment provider, by the signature of its request. */
        PROVIDER(Set.of(Role.PROVIDER));

        private final Set<Role> roles;

        Access(Set<Role> roles) {
            this.roles = roles;
        }

        /** The roles any one of which is enough; none for {@link #ANYONE}. */
        public Set<Role> roles() {
            return roles;
        }
    }

    public record Rule(List<String> patterns, Access access) {
    }

    public static final List<Rule> RULES = List.of(
            new Rule(List.of("/api/payments", "/api/payments/**"), Access.PROVIDER),
            new Rule(List.of("/api/auth/login", "/api/auth/password-reset", "/api/auth/password-reset/confirm"),
                    Access.ANYONE),
            new Rule(List.of("/api/registrations/**", "/api/reference/**"), Access.ANYONE),
            new Rule(List.of("/api/auth/logout"), Access.ANY_SESSION),
            new Rule(List.of("/api/ops/**"), Access.OPERATOR),
            // the ledger's signed checkpoints, their key and the proofs are hashes only, for anyone to check and keep
            new Rule(List.of("/api/audit/checkpoint", "/api/audit/checkpoint/key", "/api/audit/checkpoints",
                    "/api/audit/proofs/**"), Access.ANYONE),
            new Rule(List.of("/api/audit/**"), Access.AUDITOR),
            new Rule(List.of("/api/admin/**"), Access.ADMIN),
            new Rule(List.of("/api/dev/**"), Access.ANYONE), // exists in the demo profile only
            new Rule(List.of("/api/me/**", "/api/exam-sessions/**", "/api/applications/**"), Access.CITIZEN),
            new Rule(List.of("/api/**"), Access.ANY_SESSION),
            new Rule(List.of("/actuator/health/**", "/actuator/health", "/actuator/info"), Access.ANYONE),
            new Rule(List.of("/actuator/**"), Access.OPERATOR_OR_ADMIN),
            new Rule(List.of("/**"), Access.ANYONE));

    private static final List<List<PathPattern>> PARSED = RULES.stream()
            .map(rule -> rule.patterns().stream().map(PathPatternParser.defaultInstance::parse).toList())
            .toList();

    private AccessRules() {
    }

    /** Who may call {@code path} (a path template such as {@code /api/applications/{number}} will do). */
    public static Access of(String path) {
        PathContainer container = PathContainer.parsePath(path);
        for (int i = 0; i < RULES.size(); i++) {
            if (PARSED.get(i).stream().anyMatch(pattern -> pattern.matches(container))) {
                return RULES.get(i).access();
            }
        }
        return Access.ANYONE;
    }
}

package az.ekabinet.command.auth;

/** Who a caller is to the service (SPEC.md §1). */
public enum Role {
    CITIZEN, PROVIDER, OPERATOR, AUDITOR, ADMIN;

    /** The Spring Security authority name. */
    public String authority() {
        return "ROLE_" + name();
    }
}

package az.ekabinet.command.auth;

/** Who a caller is to the service. */
public enum Role {
    CITIZEN, PROVIDER, OPERATOR, AUDITOR, ADMIN;

    /** The Spring Security authority name. */
    public String authority() {
        return "ROLE_" + name();
    }
}

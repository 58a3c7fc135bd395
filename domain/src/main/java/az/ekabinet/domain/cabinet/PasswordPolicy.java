package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.identity.Fin;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The password rules: 8 to 128 characters of any kind, not containing the FIN, not one of the common passwords.
 * Returns the broken rules (empty when the password is acceptable).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    public static final String TOO_SHORT = "PASSWORD_TOO_SHORT";
    public static final String TOO_LONG = "PASSWORD_TOO_LONG";
    public static final String CONTAINS_FIN = "PASSWORD_CONTAINS_FIN";
    public static final String TOO_COMMON = "PASSWORD_TOO_COMMON";

    private final Set<String> common;

    /** @param commonPasswords lower-case common passwords */
    public PasswordPolicy(Set<String> commonPasswords) {
        this.common = Set.copyOf(commonPasswords);
    }

    public List<String> brokenRules(String password, Fin fin) {
        List<String> broken = new ArrayList<>(brokenRulesIgnoringFin(password));
        if (password.toUpperCase(Locale.ROOT).contains(fin.value())) {
            broken.add(CONTAINS_FIN);
        }
        return broken;
    }

    /** Length and commonness: what can be checked before knowing whose password it is. */
    public List<String> brokenRulesIgnoringFin(String password) {
        List<String> broken = new ArrayList<>();
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            broken.add(TOO_SHORT);
        }
        if (length > MAX_LENGTH) {
            broken.add(TOO_LONG);
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            broken.add(TOO_COMMON);
        }
        return broken;
    }
}

package az.ekabinet.domain.shared;

import java.util.Objects;

/**
 * A value that does not have its required format. {@code rule} names the broken rule (a message key such
 * as {@code PAYMENT_CODE_FORMAT}); the field it belongs to is added where the value came from.
 */
public class InvalidValueException extends RuntimeException {

    private final String rule;

    public InvalidValueException(String rule) {
        super(rule, null, false, false);
        this.rule = Objects.requireNonNull(rule);
    }

    public String rule() {
        return rule;
    }
}

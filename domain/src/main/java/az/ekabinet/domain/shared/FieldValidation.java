package az.ekabinet.domain.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Collects the field errors of one request so a client hears of all of them at once. Value objects keep
 * their format rules; this only says which field each broken rule belongs to.
 *
 * <pre>{@code
 * var v = new FieldValidation();
 * PaymentCode code = v.parse("paymentCode", body.paymentCode(), PaymentCode::of);
 * v.throwIfInvalid();
 * }</pre>
 */
public final class FieldValidation {

    public static final String REQUIRED = "REQUIRED";
    /** NUL and other control characters have no place in any field (PostgreSQL refuses NUL in text, too). */
    public static final String CONTROL_CHARACTERS = "CONTROL_CHARACTERS";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final List<FieldError> errors = new ArrayList<>();

    /** Parses a mandatory value; returns null (and records why) when it is missing or malformed. */
    public <T> T parse(String field, String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            errors.add(new FieldError(field, REQUIRED));
            return null;
        }
        return parseOptional(field, raw, parser);
    }

    /** Parses an optional value; null or blank gives null. */
    public <T> T parseOptional(String field, String raw, Function<String, T> parser) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (CONTROL.matcher(raw).find()) {
            errors.add(new FieldError(field, CONTROL_CHARACTERS));
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (InvalidValueException e) {
            errors.add(new FieldError(field, e.rule()));
            return null;
        }
    }

    /** Records a rule broken by a field outside any parser. */
    public void reject(String field, String rule) {
        errors.add(new FieldError(field, rule));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new ValidationFailedException(errors);
        }
    }
}

package az.ekabinet.domain.contact;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** An e-mail address: one @, a dotted domain, no spaces, at most 254 characters; the domain is lower-cased. */
public record Email(String value) {

    public static final String FORMAT_RULE = "EMAIL_FORMAT";
    private static final Pattern FORMAT = Pattern.compile("[^@\\s]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

    public Email {
        if (value == null || value.length() > 254 || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    public static Email parse(String text) {
        String trimmed = text.strip();
        int at = trimmed.lastIndexOf('@');
        if (at < 0) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        return new Email(trimmed.substring(0, at) + trimmed.substring(at).toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

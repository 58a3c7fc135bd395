package az.ekabinet.domain.identity;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The personal identification number (FİN): 7 characters of digits and Latin capitals without I and O,
 * read case-insensitively and kept upper-case.
 */
public record Fin(String value) {

    public static final String FORMAT_RULE = "FIN_FORMAT";
    private static final Pattern FORMAT = Pattern.compile("[0-9A-HJ-NP-Z]{7}");

    public Fin {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    public static Fin of(String text) {
        return new Fin(text.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

package az.ekabinet.domain.cabinet;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/**
 * The 9-digit number of an active cabinet: an 8-digit sequence number and a Luhn check digit, so that a
 * mistyped recipient of a transfer is caught before any money moves.
 */
public record CabinetNumber(String value) {

    public static final String FORMAT_RULE = "CABINET_NUMBER_FORMAT";
    public static final String CHECK_DIGIT_RULE = "CABINET_NUMBER_CHECK_DIGIT";
    public static final long FIRST_SEQUENCE = 10_000_000L;
    public static final long LAST_SEQUENCE = 99_999_999L;
    private static final Pattern FORMAT = Pattern.compile("[0-9]{9}");

    public CabinetNumber {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        if (checkDigit(value.substring(0, 8)) != value.charAt(8) - '0') {
            throw new InvalidValueException(CHECK_DIGIT_RULE);
        }
    }

    /** The number for the given value of the cabinet-number sequence. */
    public static CabinetNumber issue(long sequence) {
        if (sequence < FIRST_SEQUENCE || sequence > LAST_SEQUENCE) {
            throw new IllegalArgumentException("cabinet number sequence exhausted or invalid: " + sequence);
        }
        String body = Long.toString(sequence);
        return new CabinetNumber(body + checkDigit(body));
    }

    public static CabinetNumber parse(String text) {
        return new CabinetNumber(text.strip());
    }

    public static boolean looksLikeOne(String text) {
        return text != null && FORMAT.matcher(text.strip()).matches();
    }

    /** Luhn: from the right, double every second digit of the payload (the check digit will be rightmost). */
    static int checkDigit(String payload) {
        int sum = 0;
        boolean doubled = true;
        for (int i = payload.length() - 1; i >= 0; i--) {
            int digit = payload.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    @Override
    public String toString() {
        return value;
    }
}

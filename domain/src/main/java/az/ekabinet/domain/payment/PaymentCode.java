package az.ekabinet.domain.payment;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The code a payment provider gives the payer: 10–20 of {@code [A-Z0-9]}, read case-insensitively. */
public record PaymentCode(String value) {

    public static final String FORMAT_RULE = "PAYMENT_CODE_FORMAT";
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{10,20}");

    public PaymentCode {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    public static PaymentCode of(String text) {
        return new PaymentCode(text.strip().toUpperCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return value;
    }
}

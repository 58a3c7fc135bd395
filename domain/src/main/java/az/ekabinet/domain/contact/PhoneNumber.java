package az.ekabinet.domain.contact;

import az.ekabinet.domain.shared.InvalidValueException;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Set;

/**
 * An Azerbaijani mobile number in E.164 ({@code +994501234567}). Input is parsed by libphonenumber, so
 * "0501234567", "+994 50 123 45 67" and "(050) 123-45-67" all work; only the mobile operator prefixes the
 * service accepts (10, 50, 51, 55, 60, 70, 77, 99) pass.
 */
public record PhoneNumber(String e164) {

    public static final String FORMAT_RULE = "PHONE_FORMAT";
    public static final String OPERATOR_RULE = "PHONE_NOT_MOBILE";
    static final Set<String> MOBILE_PREFIXES = Set.of("10", "50", "51", "55", "60", "70", "77", "99");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    public PhoneNumber {
        if (e164 == null || !e164.matches("\\+994[0-9]{9}")) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        if (!MOBILE_PREFIXES.contains(e164.substring(4, 6))) {
            throw new InvalidValueException(OPERATOR_RULE);
        }
    }

    /**
     * Parses what a citizen typed. Only Azerbaijani spellings reach the library (+994…, 00994…, 994…, 0…): it
     * loads a country's metadata from its jar the first time it sees that country, a blocking read that must
     * happen at start-up ({@link #warmUp()}), never for a stranger's number on a request thread.
     */
    public static PhoneNumber parse(String text) {
        if (text.length() > 32) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        if (!text.matches("[0-9+()\\s.-]+")) { // ASCII only: full-width digits would reach other countries' data
            throw new InvalidValueException(FORMAT_RULE);
        }
        String digits = text.replaceAll("[\\s().-]", "");
        if (digits.startsWith("+") && !digits.startsWith("+994") || digits.startsWith("00") && !digits.startsWith("00994")) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        try {
            var parsed = PHONES.parse(text, "AZ");
            if (parsed.getCountryCode() != 994 || !PHONES.isValidNumber(parsed)) {
                throw new InvalidValueException(FORMAT_RULE);
            }
            return new PhoneNumber(PHONES.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    /** Loads the library's Azerbaijani metadata; call once at start-up. */
    public static void warmUp() {
        parse("+994501234567");
    }

    /** For messages to the citizen: the last digits only, e.g. "+994 50 *** ** 67". */
    public String masked() {
        return "+994 " + e164.substring(4, 6) + " *** ** " + e164.substring(11);
    }

    @Override
    public String toString() {
        return e164;
    }
}

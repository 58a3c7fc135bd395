package az.ekabinet.domain.identity;

import az.ekabinet.domain.shared.InvalidValueException;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A surname, name or patronymic in the Azerbaijani Latin alphabet: its 32 letters in both cases,
 * with space, hyphen and apostrophe between letters. Case follows the Turkic rules (i ↔ İ, ı ↔ I), so
 * "ilqar" is "İlqar", never "Ilqar".
 */
public record PersonName(String value) {

    public static final String FORMAT_RULE = "NAME_FORMAT";
    public static final int MAX_LENGTH = 60;
    public static final Locale AZERBAIJANI = Locale.forLanguageTag("az");
    /** A–Z without W (not Azerbaijani), plus Ç Ə Ğ I/ı İ/i Ö Ş Ü. */
    private static final String LETTERS = "A-VX-Za-vx-zÇçƏəĞğıİÖöŞşÜü";
    private static final Pattern FORMAT = Pattern.compile("[" + LETTERS + "]+(?:[ '\\-’][" + LETTERS + "]+)*");

    public PersonName {
        if (value == null || value.length() > MAX_LENGTH || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    /** Trims, joins runs of spaces, composes accents (NFC) and capitalises each part the Turkic way. */
    public static PersonName parse(String text) {
        String composed = Normalizer.normalize(text.strip().replaceAll("\\s+", " "), Normalizer.Form.NFC);
        if (composed.isEmpty() || composed.length() > MAX_LENGTH || !FORMAT.matcher(composed).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        StringBuilder out = new StringBuilder(composed.length());
        boolean startOfPart = true;
        for (int i = 0; i < composed.length(); i++) {
            String letter = composed.substring(i, i + 1);
            boolean separator = " '-’".contains(letter);
            out.append(separator ? letter
                    : startOfPart ? letter.toUpperCase(AZERBAIJANI) : letter.toLowerCase(AZERBAIJANI));
            startOfPart = separator;
        }
        return new PersonName(out.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}

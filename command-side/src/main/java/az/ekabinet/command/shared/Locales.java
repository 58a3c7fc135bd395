package az.ekabinet.command.shared;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Small request helpers shared by the command endpoints. */
public final class Locales {

    public static final Locale AZERBAIJANI = Locale.forLanguageTag("az");
    public static final String CODE_RULE = "CODE_FORMAT";

    private Locales() {
    }

    /** The language of texts to the citizen: English if asked for before Azerbaijani, else Azerbaijani. */
    public static Locale of(ServerHttpRequest request) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = request.getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException malformed) { // e.g. "en;q=2": a client's mistake, not worth a failure
            return AZERBAIJANI;
        }
        for (var range : ranges) {
            String language = range.getRange().toLowerCase(Locale.ROOT);
            if (language.startsWith("en")) {
                return Locale.ENGLISH;
            }
            if (language.startsWith("az")) {
                return AZERBAIJANI;
            }
        }
        return AZERBAIJANI;
    }

    /** A one-time code as typed: six digits, spaces ignored. */
    public static String sixDigitCode(String text) {
        String code = text.replace(" ", "");
        if (!code.matches("[0-9]{6}")) {
            throw new InvalidValueException(CODE_RULE);
        }
        return code;
    }
}

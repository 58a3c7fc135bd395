package az.ekabinet.domain.exam.result;

import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.WireFormats;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Exam scores are exact: counted in tenths of a point (a score has at most one decimal), never in floating point,
 * as money is counted in qəpik. {@code "45.5"} is 455 tenths; on the wire a score is text, as money is.
 */
public final class Scores {

    /** The rule a score breaks when it is not a number with at most one decimal, from 0 to 9999.9. */
    public static final String FORMAT_RULE = "SCORE_FORMAT";

    private static final Pattern SCORE = Pattern.compile(WireFormats.SCORE_IN);

    private Scores() {
    }

    /** The tenths of a score written as {@code 45}, {@code 45.5} or {@code 45.0}; anything else is refused. */
    public static int parseTenths(String text) {
        if (text == null || !SCORE.matcher(text).matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        int point = text.indexOf('.');
        return point < 0 ? Integer.parseInt(text) * 10
                : Integer.parseInt(text.substring(0, point)) * 10 + (text.charAt(point + 1) - '0');
    }

    /** A score as the API and the print show it, as text like money: one decimal, {@code "45.5"} or {@code "45.0"}. */
    public static String text(int tenths) {
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }
}

package az.ekabinet.domain.exam.result;

import az.ekabinet.domain.shared.InvalidValueException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Exam scores are exact: counted in tenths of a point (a score has at most one decimal), never in floating point,
 * as money is counted in qəpik. {@code "45.5"} is 455 tenths.
 */
public final class Scores {

    /** The rule a score breaks when it is not a number with at most one decimal, from 0 to 9999.9. */
    public static final String FORMAT_RULE = "SCORE_FORMAT";

    private static final Pattern SCORE = Pattern.compile("(0|[1-9][0-9]{0,3})(\\.[0-9])?");

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

    /** The tenths of a score given as a decimal number, with at most one decimal; anything else is refused. */
    public static int tenthsOf(BigDecimal score) {
        if (score == null || score.signum() < 0 || score.stripTrailingZeros().scale() > 1
                || score.compareTo(BigDecimal.valueOf(99_999, 1)) > 0) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        return score.movePointRight(1).intValueExact();
    }

    /** A score as the API shows it: a decimal number with one decimal, {@code 45.5} or {@code 45.0}. */
    public static BigDecimal decimal(int tenths) {
        return BigDecimal.valueOf(tenths, 1);
    }
}

package az.ekabinet.domain.exam.result;

import az.ekabinet.domain.shared.InvalidValueException;
import az.ekabinet.domain.shared.WireFormats;
import java.math.BigDecimal;

/**
 * Exam scores are exact: counted in tenths of a point (a score has at most one decimal), never in floating point,
 * as money is counted in qəpik. {@code "45.5"} is 455 tenths; on the wire a score is text, as money is.
 */
public final class Scores {

    /** The rule a score breaks when it is not a number with at most one decimal, from 0 to 9999.9. */
    public static final String FORMAT_RULE = "SCORE_FORMAT";

    private Scores() {
    }

    /**
     * The tenths of a score written as {@code 45}, {@code 45.5} or {@code 45.0} ({@link WireFormats#SCORE_IN});
     * anything else is refused. Read by hand, not by the pattern: an import reads a few of them per line.
     */
    public static int parseTenths(String text) {
        int point = text == null ? -1 : text.indexOf('.');
        int whole = text == null ? 0 : point < 0 ? text.length() : point;
        if (whole < 1 || whole > 4 || (whole > 1 && text.charAt(0) == '0')
                || (point >= 0 && text.length() != point + 2)) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        int tenths = 0;
        for (int i = 0; i < whole; i++) {
            tenths = tenths * 10 + digit(text.charAt(i));
        }
        return tenths * 10 + (point < 0 ? 0 : digit(text.charAt(point + 1)));
    }

    private static int digit(char c) {
        if (c < '0' || c > '9') {
            throw new InvalidValueException(FORMAT_RULE);
        }
        return c - '0';
    }

    /** A score as the API and the print show it, as text like money: one decimal, {@code "45.5"} or {@code "45.0"}. */
    public static String text(int tenths) {
        return BigDecimal.valueOf(tenths, 1).toPlainString();
    }
}

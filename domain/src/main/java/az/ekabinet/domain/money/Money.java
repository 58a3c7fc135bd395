package az.ekabinet.domain.money;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.regex.Pattern;

/**
 * An amount of AZN held as whole qəpik (1 AZN = 100 qəpik): never floating point. On the wire it is a
 * string with exactly two decimals ("50.00"); input may give at most two.
 */
public record Money(long qepik) implements Comparable<Money> {

    /** 999 999 999.99 AZN: far above any real payment, far below overflow when summed. */
    public static final long MAX_QEPIK = 99_999_999_999L;
    public static final Money ZERO = new Money(0);
    public static final String FORMAT_RULE = "MONEY_FORMAT";

    private static final Pattern WIRE = Pattern.compile("(0|[1-9][0-9]{0,8})(\\.([0-9]{1,2}))?");

    public Money {
        if (qepik < 0 || qepik > MAX_QEPIK) {
            throw new InvalidValueException("MONEY_RANGE");
        }
    }

    public static Money ofQepik(long qepik) {
        return new Money(qepik);
    }

    /** Parses "50", "50.5" or "50.00"; anything else (signs, exponents, spaces, 3 decimals) is refused. */
    public static Money parse(String text) {
        var m = WIRE.matcher(text);
        if (!m.matches()) {
            throw new InvalidValueException(FORMAT_RULE);
        }
        long manat = Long.parseLong(m.group(1));
        String fraction = m.group(3) == null ? "00" : (m.group(3) + "0").substring(0, 2);
        return new Money(manat * 100 + Long.parseLong(fraction));
    }

    public boolean isPositive() {
        return qepik > 0;
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(qepik, other.qepik));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(qepik, other.qepik));
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(qepik, other.qepik);
    }

    /** The wire form: "50.00". */
    public String toWire() {
        return wire(qepik);
    }

    /**
     * The wire form of any whole number of qəpik, also of what a Money never holds but an audit must be able to
     * report (a negative balance, a total beyond one payment's range): "-0.05".
     */
    public static String wire(long qepik) {
        long magnitude = Math.abs(qepik);
        long fraction = magnitude % 100;
        // not String.format: this runs for every amount of every answer, and the formatter showed in their profile
        return (qepik < 0 ? "-" : "") + magnitude / 100 + (fraction >= 0 && fraction < 10 ? ".0" : ".") + fraction;
    }

    @Override
    public String toString() {
        return toWire() + " AZN";
    }
}

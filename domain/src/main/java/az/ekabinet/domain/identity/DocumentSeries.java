package az.ekabinet.domain.identity;

import java.util.regex.Pattern;

/** The identity-document series accepted by the service, each with the form of its number. */
public enum DocumentSeries {
    /** New identity card. */
    AZE("[0-9]{8}"),
    /** Older identity card. */
    AA("[0-9]{7}"),
    /** Permanent residence permit. */
    MYI("[0-9]{5,10}"),
    /** Temporary residence permit. */
    DYI("[0-9]{5,10}");

    private final Pattern number;

    DocumentSeries(String numberPattern) {
        this.number = Pattern.compile(numberPattern);
    }

    boolean accepts(String digits) {
        return number.matcher(digits).matches();
    }
}

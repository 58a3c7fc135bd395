package az.ekabinet.domain.identity;

import az.ekabinet.domain.shared.InvalidValueException;
import java.util.Locale;

/** An identity-document number: a series from the fixed list and its digits, e.g. {@code AZE12345678}. */
public record DocumentNumber(DocumentSeries series, String number) {

    public static final String FORMAT_RULE = "DOCUMENT_NUMBER_FORMAT";
    public static final String SERIES_RULE = "DOCUMENT_SERIES_UNKNOWN";

    public DocumentNumber {
        if (series == null || number == null || !series.accepts(number)) {
            throw new InvalidValueException(FORMAT_RULE);
        }
    }

    /** Parses a series given on its own ("aze", "AA"). */
    public static DocumentSeries parseSeries(String text) {
        try {
            return DocumentSeries.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException(SERIES_RULE);
        }
    }

    /** Parses the whole number as written on a payment ("AZE12345678", "aa 1234567"). */
    public static DocumentNumber parse(String text) {
        String compact = text.replace(" ", "").toUpperCase(Locale.ROOT);
        // Longest series first so that "AA…" is never read as a prefix of another series.
        for (DocumentSeries series : new DocumentSeries[] {DocumentSeries.AZE, DocumentSeries.MYI, DocumentSeries.DYI, DocumentSeries.AA}) {
            if (compact.startsWith(series.name())) {
                return new DocumentNumber(series, compact.substring(series.name().length()));
            }
        }
        throw new InvalidValueException(FORMAT_RULE);
    }

    /** The canonical written form, series then digits: {@code AZE12345678}. */
    public String value() {
        return series.name() + number;
    }

    @Override
    public String toString() {
        return value();
    }
}

package az.ekabinet.command.cabinet.identity;

import az.ekabinet.domain.identity.DocumentNumber;
import az.ekabinet.domain.identity.DocumentSeries;
import az.ekabinet.domain.shared.FieldValidation;

/** An identity document as the screens ask for it: the series chosen from the list, the number typed. */
public final class DocumentInput {

    private DocumentInput() {
    }

    /** The document, or null with the broken rules recorded under {@code documentSeries} / {@code documentNumber}. */
    public static DocumentNumber parse(FieldValidation validation, String series, String number) {
        DocumentSeries parsedSeries = validation.parse("documentSeries", series, DocumentNumber::parseSeries);
        String digits = validation.parse("documentNumber", number, text -> text.replace(" ", ""));
        if (parsedSeries == null || digits == null) {
            return null;
        }
        return validation.parse("documentNumber", digits, d -> new DocumentNumber(parsedSeries, d));
    }
}

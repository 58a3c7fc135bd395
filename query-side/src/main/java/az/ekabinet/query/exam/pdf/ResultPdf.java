package az.ekabinet.query.exam.pdf;

import static az.ekabinet.query.exam.pdf.PrintedValues.date;
import static az.ekabinet.query.exam.pdf.PrintedValues.dateTime;
import static az.ekabinet.query.exam.pdf.PrintedValues.joined;

import java.io.IOException;
import org.springframework.stereotype.Component;

/**
 * Prints an applicant's published master's exam result as an A4 PDF with Azerbaijani labels, in the layout the
 * application is printed in ({@link PdfPageLayout}) with DejaVu Sans embedded ({@link PdfFonts}). A render is CPU
 * work that must not run on the Netty event loop (see {@link PdfPageLayout#render}).
 *
 * <p>Thread-safe: the instance holds only the immutable font bytes, and each render builds everything else anew.
 */
@Component
public class ResultPdf {

    private static final String TITLE = "Magistraturaya qəbul imtahanının nəticəsi";

    private final PdfFonts fonts = new PdfFonts();

    /** The PDF bytes of the result; CPU-bound, see the class comment for where to call it. */
    public byte[] render(PrintedResult result) {
        String number = result.applicationNumber();
        return PdfPageLayout.render(fonts, TITLE + " № " + number, "Nəticə · iş № " + number,
                layout -> write(result, layout));
    }

    private static void write(PrintedResult result, PdfPageLayout layout) throws IOException {
        PrintedResult.Applicant applicant = result.applicant();
        layout.title(TITLE);
        layout.row("İş nömrəsi", result.applicationNumber());
        layout.row("İmtahan sessiyası", result.sessionTitle());
        layout.row("Soyad, ad, ata adı", joined(" ", applicant.surname(), applicant.name(), applicant.patronymic()));
        layout.row("FİN", applicant.fin());
        layout.row("İmtahan tarixi", date(result.examDate()));
        layout.row("İmtahan mərkəzi", result.centreCode());

        layout.heading("Fənlər üzrə nəticələr");
        for (PrintedResult.Subject subject : result.subjects()) {
            layout.row(subject.name(), outOf(subject.score(), subject.maxScore()));
        }
        layout.row("Cəmi bal", outOf(result.total(), result.maxTotal()));
        layout.row("Keçid balı", result.passThreshold());
        layout.row("Nəticə", result.passed() ? "Keçdi" : "Keçmədi");
        layout.row("Elan edilib", dateTime(result.publishedAt()));
    }

    private static String outOf(String score, String maximum) {
        return score + " / " + maximum;
    }
}

package az.ekabinet.query.exam.pdf;

import static az.ekabinet.query.exam.pdf.PdfReading.embeddedFonts;
import static az.ekabinet.query.exam.pdf.PdfReading.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;

/** Renders exam results and reads them back with PDFBox, the way a viewer or a copy-paste would see them. */
class ResultPdfTest {

    private static final ResultPdf PDF = new ResultPdf();
    /** 21:15 UTC is already the next day in Baku (UTC+4). */
    private static final Instant PUBLISHED_AT = Instant.parse("2026-07-10T21:15:00Z");

    @Test
    void printsAPassWithEveryAzerbaijaniLetterAndScoreIntact() throws IOException {
        byte[] pdf = PDF.render(elvin());

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text).contains(
                "Magistraturaya qəbul imtahanının nəticəsi",
                "İş nömrəsi 100001",
                "İmtahan sessiyası 2025/2026 — magistraturaya qəbul, 1-ci cəhd",
                "Soyad, ad, ata adı Məmmədov Elvin Əli oğlu",
                "FİN 5ZK3M7P",
                "İmtahan tarixi 14.06.2026",
                "İmtahan mərkəzi BAK-03",
                "Fənlər üzrə nəticələr",
                "Məntiqi təfəkkür 45.5 / 60.0",
                "Xarici dil (İngilis dili) 28.0 / 40.0",
                "Ölçmə və çevirmə texnikası 39.0 / 50.0",
                "Ümumi bilik 0.0 / 10.0",
                "Şəbəkə təhlükəsizliyi 7.5 / 20.0",
                "Cəmi bal 120.0 / 180.0",
                "Keçid balı 70.0",
                "Nəticə Keçdi",
                "Elan edilib 11.07.2026 01:15",
                "Nəticə · iş № 100001 · səhifə 1 / 1");
        assertThat(text).doesNotContain("Keçmədi");
        for (char letter : "ƏəğİıÖöŞşÜüç".toCharArray()) {
            assertThat(text).as("letter %s", letter).contains(String.valueOf(letter));
        }
    }

    @Test
    void printsAFailAsKecmedi() throws IOException {
        String text = text(PDF.render(aygun()));

        assertThat(text).contains("Soyad, ad, ata adı Həsənova Aygün Rəşad qızı", "Məntiqi təfəkkür 20.0 / 60.0",
                "Cəmi bal 50.0 / 180.0", "Keçid balı 70.0", "Nəticə Keçmədi").doesNotContain("Keçdi");
    }

    @Test
    void printsNoPatronymicAsNothingAndNoSessionTitleAsADash() throws IOException {
        PrintedResult result = new PrintedResult("100003", null,
                new PrintedResult.Applicant("Smith", "John", null, "6AB1C2D"), LocalDate.of(2026, 6, 14), "GNC-01",
                elvin().subjects(), "120.0", "180.0", "70.0", true, PUBLISHED_AT);

        String text = text(PDF.render(result));

        assertThat(text).contains("İmtahan sessiyası —", "Soyad, ad, ata adı Smith John FİN 6AB1C2D");
    }

    @Test
    void refusesAResultWithoutSubjects() {
        assertThatThrownBy(() -> new PrintedResult("100001", null, elvin().applicant(), LocalDate.of(2026, 6, 14),
                "BAK-03", List.of(), "0.0", "0.0", "0.0", false, PUBLISHED_AT))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void embedsDejaVuSansRegularAndBold() throws IOException {
        try (PDDocument document = Loader.loadPDF(PDF.render(elvin()))) {
            for (PDPage page : document.getPages()) {
                assertThat(embeddedFonts(page)).containsExactlyInAnyOrder("DejaVuSans", "DejaVuSans-Bold");
            }
        }
    }

    @Test
    void describesTheDocument() throws IOException {
        try (PDDocument document = Loader.loadPDF(PDF.render(elvin()))) {
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Magistraturaya qəbul imtahanının nəticəsi № 100001");
            assertThat(document.getDocumentInformation().getProducer()).isEqualTo("ekabinet");
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("az");
        }
    }

    @Test
    void rendersInParallelWithoutMixingDocuments() throws Exception {
        PdfReading.rendersInParallel(i -> {
            PrintedResult result = withNumber(i % 2 == 0 ? elvin() : aygun(), "2000" + (10 + i));
            return () -> PDF.render(result);
        }, i -> new String[] {"İş nömrəsi 2000" + (10 + i), i % 2 == 0 ? "Nəticə Keçdi" : "Nəticə Keçmədi"});
    }

    private static PrintedResult elvin() {
        return new PrintedResult("100001", "2025/2026 — magistraturaya qəbul, 1-ci cəhd",
                new PrintedResult.Applicant("Məmmədov", "Elvin", "Əli oğlu", "5ZK3M7P"), LocalDate.of(2026, 6, 14),
                "BAK-03", List.of(
                        new PrintedResult.Subject("Məntiqi təfəkkür", "45.5", "60.0"),
                        new PrintedResult.Subject("Xarici dil (İngilis dili)", "28.0", "40.0"),
                        new PrintedResult.Subject("Ölçmə və çevirmə texnikası", "39.0", "50.0"),
                        new PrintedResult.Subject("Ümumi bilik", "0.0", "10.0"),
                        new PrintedResult.Subject("Şəbəkə təhlükəsizliyi", "7.5", "20.0")),
                "120.0", "180.0", "70.0", true, PUBLISHED_AT);
    }

    private static PrintedResult aygun() {
        return new PrintedResult("100002", "2025/2026 — magistraturaya qəbul, 1-ci cəhd",
                new PrintedResult.Applicant("Həsənova", "Aygün", "Rəşad qızı", "7QW2E9R"), LocalDate.of(2026, 6, 15),
                "GNC-01", List.of(
                        new PrintedResult.Subject("Məntiqi təfəkkür", "20.0", "60.0"),
                        new PrintedResult.Subject("Xarici dil (İngilis dili)", "12.5", "40.0"),
                        new PrintedResult.Subject("Ölçmə və çevirmə texnikası", "15.0", "50.0"),
                        new PrintedResult.Subject("Ümumi bilik", "2.5", "10.0"),
                        new PrintedResult.Subject("Şəbəkə təhlükəsizliyi", "0.0", "20.0")),
                "50.0", "180.0", "70.0", false, PUBLISHED_AT);
    }

    private static PrintedResult withNumber(PrintedResult r, String number) {
        return new PrintedResult(number, r.sessionTitle(), r.applicant(), r.examDate(), r.centreCode(), r.subjects(),
                r.total(), r.maxTotal(), r.passThreshold(), r.passed(), r.publishedAt());
    }
}

package az.ekabinet.query.exam.pdf;

import static az.ekabinet.query.exam.pdf.PdfReading.embeddedFonts;
import static az.ekabinet.query.exam.pdf.PdfReading.squeezed;
import static az.ekabinet.query.exam.pdf.PdfReading.text;
import static az.ekabinet.query.exam.pdf.PdfReading.untagged;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.junit.jupiter.api.Test;

/** Renders applications and reads them back with PDFBox, the way a viewer or a copy-paste would see them. */
class ApplicationPdfTest {

    private static final ApplicationPdf PDF = new ApplicationPdf();
    /** 21:15 UTC is already the next day in Baku (UTC+4). */
    private static final Instant CONFIRMED_AT = Instant.parse("2026-05-10T21:15:00Z");

    @Test
    void printsElvinWithEveryAzerbaijaniLetterIntact() throws IOException {
        byte[] pdf = PDF.render(elvin());

        assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        String text = text(pdf);
        assertThat(text).contains(
                "Magistraturaya qəbul imtahanı üçün ərizə",
                "İş nömrəsi 100001",
                "Soyad Məmmədov", "Ad Elvin", "Ata adı Əli oğlu",
                "Doğum tarixi 14.03.1999", "FİN 5ZK3M7P", "Şəxsiyyət vəsiqəsi AZE 12345678",
                "Qeydiyyat ünvanı BAKI ŞƏHƏRİ, NƏSİMİ RAYONU, DAĞLI KÜÇƏSİ, EV 12",
                "Faktiki yaşadığı məntəqə Göyçay şəhəri",
                "Bakalavr təhsili", "Ali təhsil müəssisəsi 11703 – Azərbaycan Texniki Universiteti",
                "İxtisas 50632 – İnformasiya texnologiyaları və sistemləri mühəndisliyi",
                "Qəbul ili 2016", "Bitirmə ili 2020", "Diplom TA 123456", "Tədris dili Azərbaycan dili",
                "ÜOMG —",
                "Magistr təhsili", "İmtahan", "Bölmə Azərbaycan bölməsi", "Xarici dil İngilis dili",
                "İxtisaslaşmalar 1. 060509 – Ölçmə və çevirmə texnikası",
                "İmtahan haqqı 50.00 AZN",
                "Təsdiq edilib 11.05.2026 01:15");
        for (char letter : "ƏəĞğİıÖöŞşÜüÇç".toCharArray()) {
            assertThat(text).as("letter %s", letter).contains(String.valueOf(letter));
        }
    }

    @Test
    void printsAygunWithHerPreviousSurnameAndGpa() throws IOException {
        String text = text(PDF.render(aygun()));

        assertThat(text).contains(
                "Soyad Həsənova", "Ad Aygün", "Ata adı Rəşad qızı",
                "Əvvəlki soyad/ad/ata adı Quliyeva / — / —",
                "Faktiki yaşadığı məntəqə Şəki şəhəri",
                "ÜOMG 87.5 / 100",
                "İş nömrəsi 100002",
                "İmtahan haqqı 50.00 AZN");
    }

    @Test
    void embedsDejaVuSansRegularAndBoldOnEveryPage() throws IOException {
        try (PDDocument document = Loader.loadPDF(PDF.render(elvin()))) {
            for (PDPage page : document.getPages()) {
                assertThat(embeddedFonts(page)).containsExactlyInAnyOrder("DejaVuSans", "DejaVuSans-Bold");
            }
        }
    }

    @Test
    void twentyLongSpecializationsContinueOnASecondPageAndStayOnThePaper() throws IOException {
        List<String> specializations = twentyLongSpecializations();
        PrintedApplication application = withSpecializations(elvin(), specializations);

        byte[] pdf = PDF.render(application);

        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            String all = text(pdf);
            for (int i = 0; i < 20; i++) {
                assertThat(all).contains((i + 1) + ". " + specializations.get(i));
            }
            PDFTextStripper lastPage = new PDFTextStripper();
            lastPage.setStartPage(document.getNumberOfPages());
            assertThat(squeezed(lastPage.getText(document))).contains("20. " + specializations.get(19))
                    .contains("səhifə " + document.getNumberOfPages() + " / " + document.getNumberOfPages());
            assertEveryGlyphInsideItsPage(document);
        }
    }

    @Test
    void absentOptionalValuesPrintADash() throws IOException {
        String text = text(PDF.render(sparse()));

        assertThat(text).contains("Soyad Əliyev", "Ata adı —", "Doğum tarixi —", "Şəxsiyyət vəsiqəsi —",
                "Vətəndaşlıq —", "Qeydiyyat ünvanı —", "Mobil telefon —", "E-poçt —",
                "Faktiki yaşadığı məntəqə —", "Əvvəlki soyad/ad/ata adı —", "Qəbul işinin nömrəsi —",
                "Diplom —", "ÜOMG —", "Növ —", "Bölmə —", "İxtisaslaşmalar —", "İmtahan haqqı —",
                "Təsdiq edilib 11.05.2026 01:15");
    }

    @Test
    void composesDecomposedLettersAndReplacesWhatTheFontCannotShow() throws IOException {
        String text = text(PDF.render(odd()));

        assertThat(text).contains("Soyad İsmayılov", "Ad Elvin ? ?", "Qeydiyyat ünvanı BAKI ŞƏHƏRİ NƏSİMİ RAYONU");
    }

    @Test
    void describesTheDocumentAndCarriesNoActionsOrLinks() throws IOException {
        try (PDDocument document = Loader.loadPDF(PDF.render(elvin()))) {
            assertThat(document.getDocumentInformation().getTitle())
                    .isEqualTo("Magistraturaya qəbul imtahanı üçün ərizə № 100001");
            assertThat(document.getDocumentInformation().getProducer()).isEqualTo("ekabinet");
            assertThat(document.getDocumentInformation().getCreator()).isEqualTo("ekabinet");
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("az");
            assertThat(document.getDocumentCatalog().getCOSObject().containsKey(COSName.OPEN_ACTION)).isFalse();
            assertThat(document.getDocumentCatalog().getCOSObject().containsKey(COSName.NAMES)).isFalse();
            assertThat(document.getDocumentCatalog().getCOSObject().containsKey(COSName.AA)).isFalse();
            assertThat(document.getDocumentCatalog().getAcroForm()).isNull();
            for (PDPage page : document.getPages()) {
                assertThat(page.getAnnotations()).isEmpty();
            }
        }
    }

    @Test
    void rendersInParallelWithoutMixingDocuments() throws Exception {
        PdfReading.rendersInParallel(i -> {
            PrintedApplication application = withNumber(i % 2 == 0 ? elvin() : aygun(), "2000" + (10 + i));
            return () -> PDF.render(application);
        }, i -> new String[] {"İş nömrəsi 2000" + (10 + i), i % 2 == 0 ? "Soyad Məmmədov" : "Soyad Həsənova"});
    }

    /**
     * The text and where each run of it stands, as the code printed them before the layout was moved out of
     * {@code ApplicationPdf} (captured then, in {@code src/test/resources}): sharing the layout with other documents
     * must not move a single line of the application. Change the files only with a change meant to show.
     */
    @Test
    void printsExactlyWhatItPrintedBeforeTheLayoutWasShared() throws IOException {
        assertPrintsAsCaptured(withSpecializations(elvin(), twentyLongSpecializations()), "application-two-pages.txt");
        assertPrintsAsCaptured(aygun(), "application-aygun.txt");
        assertPrintsAsCaptured(sparse(), "application-sparse.txt");
        assertPrintsAsCaptured(odd(), "application-odd.txt");
    }

    /** Every character of every page lies inside the page's box: nothing was drawn past an edge. */
    private static void assertEveryGlyphInsideItsPage(PDDocument document) throws IOException {
        List<TextPosition> glyphs = new ArrayList<>();
        PDFTextStripper collector = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                glyphs.addAll(positions);
                super.writeString(text, positions);
            }
        };
        collector.getText(document);
        assertThat(glyphs).isNotEmpty().allSatisfy(glyph -> {
            assertThat(glyph.getYDirAdj()).isBetween(0f, glyph.getPageHeight());
            assertThat(glyph.getXDirAdj() + glyph.getWidthDirAdj()).isBetween(0f, glyph.getPageWidth());
        });
    }

    private static void assertPrintsAsCaptured(PrintedApplication application, String captured) throws IOException {
        String printed = printedWithRuns(PDF.render(application));
        assertThat(printed).as(captured).isEqualTo(resource(captured));
    }

    /**
     * The text exactly as PDFBox extracts it, line ends included, then one line per run of text: its page, where its
     * first glyph stands, its font (without the subset tag) and size, and the text.
     */
    private static String printedWithRuns(byte[] pdf) throws IOException {
        StringBuilder runs = new StringBuilder("\n=== runs: page x y font size text ===\n");
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void writeString(String text, List<TextPosition> positions) throws IOException {
                TextPosition first = positions.get(0);
                runs.append(String.format(Locale.ROOT, "%d %.2f %.2f %s %.1f %s\n", getCurrentPageNo(),
                        first.getXDirAdj(), first.getYDirAdj(), untagged(first.getFont()), first.getFontSizeInPt(),
                        text));
                super.writeString(text, positions);
            }
        };
        stripper.setLineSeparator("\n");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return stripper.getText(document) + runs;
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ApplicationPdfTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static PrintedApplication elvin() {
        return new PrintedApplication("100001", "Magistraturaya qəbul imtahanı — 2026", CONFIRMED_AT, "50.00",
                new PrintedApplication.Person("Məmmədov", "Elvin", "Əli oğlu", LocalDate.of(1999, 3, 14), "5ZK3M7P",
                        "AZE 12345678", "Azərbaycan Respublikası",
                        "BAKI ŞƏHƏRİ, NƏSİMİ RAYONU, DAĞLI KÜÇƏSİ, EV 12", "+994 50 123 45 67", "elvin@example.az"),
                "Göyçay şəhəri", null,
                new PrintedApplication.Bachelor("Məzunlar reyestri (TMMS)", "11703 – Azərbaycan Texniki Universiteti",
                        2016, 2020, "50632 – İnformasiya texnologiyaları və sistemləri mühəndisliyi", "QI-2016-0457",
                        "TA", "123456", "Azərbaycan dili", null),
                new PrintedApplication.Master("Yoxdur", null, null),
                new PrintedApplication.Exam("Azərbaycan bölməsi", "İngilis dili",
                        List.of("060509 – Ölçmə və çevirmə texnikası", "060510 – İnformasiya təhlükəsizliyi")));
    }

    private static PrintedApplication aygun() {
        return new PrintedApplication("100002", "Magistraturaya qəbul imtahanı — 2026", CONFIRMED_AT, "50.00",
                new PrintedApplication.Person("Həsənova", "Aygün", "Rəşad qızı", LocalDate.of(2000, 11, 2), "7QW2E9R",
                        "AA 9876543", "Azərbaycan Respublikası", "ŞƏKİ ŞƏHƏRİ, M.Ə.RƏSULZADƏ KÜÇƏSİ 4",
                        "+994 55 765 43 21", null),
                "Şəki şəhəri", new PrintedApplication.PreviousNames("Quliyeva", null, null),
                new PrintedApplication.Bachelor("Özü daxil edib", "11801 – Bakı Dövlət Universiteti", 2017, 2021,
                        "50101 – Riyaziyyat", null, "BD", "654321", "Azərbaycan dili", "87.5 / 100"),
                new PrintedApplication.Master("Ödənişli", "11801 – Bakı Dövlət Universiteti", 2023),
                new PrintedApplication.Exam("Azərbaycan bölməsi", "Alman dili", List.of("010101 – Cəbr")));
    }

    /** Only what a confirmed application cannot lack. */
    private static PrintedApplication sparse() {
        return new PrintedApplication("100003", null, CONFIRMED_AT, null,
                new PrintedApplication.Person("Əliyev", "Orxan", null, null, "6AB1C2D", null, null, null, null, null),
                null, null,
                new PrintedApplication.Bachelor(null, null, null, null, null, null, null, null, null, null),
                null, new PrintedApplication.Exam(null, null, null));
    }

    /** Elvin with a decomposed İ, characters DejaVu Sans lacks and control characters in his details. */
    private static PrintedApplication odd() {
        PrintedApplication.Person person = elvin().person();
        return withPerson(elvin(), new PrintedApplication.Person("I\u0307smayılov",
                "Elvin \uD83E\uDD80 \u4E2D", person.patronymic(), person.birthDate(), person.fin(),
                person.identityDocument(), person.citizenship(), "BAKI\tŞƏHƏRİ\nNƏSİMİ RAYONU", person.mobilePhone(),
                person.email()));
    }

    private static List<String> twentyLongSpecializations() {
        return IntStream.rangeClosed(1, 20)
                .mapToObj(i -> "0605%02d – Kompüter elmləri və informasiya sistemlərinin layihələndirilməsi, "
                        .formatted(i) + "proqram təminatının mühəndisliyi və tətbiqi istiqaməti üzrə ixtisaslaşma " + i)
                .toList();
    }

    private static PrintedApplication withSpecializations(PrintedApplication a, List<String> specializations) {
        return new PrintedApplication(a.applicationNumber(), a.sessionTitle(), a.confirmedAt(), a.feeCharged(),
                a.person(), a.actualResidence(), a.previousNames(), a.bachelor(), a.master(),
                new PrintedApplication.Exam(a.exam().section(), a.exam().foreignLanguage(), specializations));
    }

    private static PrintedApplication withPerson(PrintedApplication a, PrintedApplication.Person person) {
        return new PrintedApplication(a.applicationNumber(), a.sessionTitle(), a.confirmedAt(), a.feeCharged(),
                person, a.actualResidence(), a.previousNames(), a.bachelor(), a.master(), a.exam());
    }

    private static PrintedApplication withNumber(PrintedApplication a, String number) {
        return new PrintedApplication(number, a.sessionTitle(), a.confirmedAt(), a.feeCharged(),
                a.person(), a.actualResidence(), a.previousNames(), a.bachelor(), a.master(), a.exam());
    }
}

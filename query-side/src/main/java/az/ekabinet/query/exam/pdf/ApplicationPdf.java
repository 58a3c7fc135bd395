package az.ekabinet.query.exam.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;

/**
 * Prints a confirmed master's exam application as an A4 PDF with Azerbaijani labels.
 *
 * <p>The standard PDF fonts have no ə, ğ or ı, so DejaVu Sans, shipped in the jar, is embedded as a subset into
 * every document: the letters then look right in any viewer and come back intact when the text is copied or
 * extracted. The font files are read from the classpath once, here; a render reads no files, it parses those bytes
 * into fonts of its own document (PDFBox binds a font to one document) and lays out text, which is pure CPU work.
 * Callers on the Netty event loop must therefore move it to a bounded scheduler, e.g.
 * {@code Mono.fromCallable(() -> pdf.render(application)).subscribeOn(boundedScheduler)}.
 *
 * <p>Thread-safe: the instance holds only the immutable font bytes, and each render builds everything else anew.
 */
@Component
public class ApplicationPdf {

    /** What an absent optional value prints as. */
    public static final String MISSING = "—";

    private static final ZoneId BAKU = ZoneId.of("Asia/Baku");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(BAKU);
    private static final String TITLE = "Magistraturaya qəbul imtahanı üçün ərizə";

    private final byte[] regularFont;
    private final byte[] boldFont;

    public ApplicationPdf() {
        this.regularFont = classpathBytes("/fonts/DejaVuSans.ttf");
        this.boldFont = classpathBytes("/fonts/DejaVuSans-Bold.ttf");
    }

    /** The PDF bytes of the application; CPU-bound, see the class comment for where to call it. */
    public byte[] render(PrintedApplication application) {
        try (PDDocument document = new PDDocument()) {
            PageLayout layout = new PageLayout(document, font(document, regularFont), font(document, boldFont));
            write(application, layout);
            layout.finish("Ərizə № " + application.applicationNumber());
            describe(document, application);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not print application " + application.applicationNumber(), e);
        }
    }

    private static void write(PrintedApplication application, PageLayout layout) throws IOException {
        PrintedApplication.Person person = application.person();
        layout.title(TITLE);
        layout.row("İş nömrəsi", application.applicationNumber());
        layout.row("İmtahan sessiyası", application.sessionTitle());

        layout.heading("Şəxsi məlumatlar");
        layout.row("Soyad", person.surname());
        layout.row("Ad", person.name());
        layout.row("Ata adı", person.patronymic());
        layout.row("Doğum tarixi", date(person.birthDate()));
        layout.row("FİN", person.fin());
        layout.row("Şəxsiyyət vəsiqəsi", person.identityDocument());
        layout.row("Vətəndaşlıq", person.citizenship());
        layout.row("Qeydiyyat ünvanı", person.registeredAddress());
        layout.row("Mobil telefon", person.mobilePhone());
        layout.row("E-poçt", person.email());
        layout.row("Faktiki yaşadığı məntəqə", application.actualResidence());
        layout.row("Əvvəlki soyad/ad/ata adı", previousNames(application.previousNames()));

        PrintedApplication.Bachelor bachelor = application.bachelor();
        layout.heading("Bakalavr təhsili");
        layout.row("Mənbə", bachelor.source());
        layout.row("Ali təhsil müəssisəsi", bachelor.institution());
        layout.row("Qəbul ili", text(bachelor.admissionYear()));
        layout.row("Bitirmə ili", text(bachelor.graduationYear()));
        layout.row("İxtisas", bachelor.specialty());
        layout.row("Qəbul işinin nömrəsi", bachelor.admissionCaseNumber());
        layout.row("Diplom", joined(" ", bachelor.diplomaSeries(), bachelor.diplomaNumber()));
        layout.row("Tədris dili", bachelor.instructionLanguage());
        layout.row("ÜOMG", bachelor.gpa());

        PrintedApplication.Master master = application.master();
        layout.heading("Magistr təhsili");
        layout.row("Növ", master == null ? null : master.kind());
        layout.row("Ali təhsil müəssisəsi", master == null ? null : master.institution());
        layout.row("Bitirmə ili", master == null ? null : text(master.graduationYear()));

        PrintedApplication.Exam exam = application.exam();
        layout.heading("İmtahan");
        layout.row("Bölmə", exam.section());
        layout.row("Xarici dil", exam.foreignLanguage());
        List<String> specializations = exam.specializations();
        layout.row("İxtisaslaşmalar", specializations.isEmpty() ? null : "1. " + specializations.get(0));
        for (int i = 1; i < specializations.size(); i++) {
            layout.row("", (i + 1) + ". " + specializations.get(i));
        }

        layout.heading("Ödəniş və təsdiq");
        layout.row("İmtahan haqqı", application.feeCharged() == null ? null : application.feeCharged() + " AZN");
        layout.row("Təsdiq edilib", DATE_TIME.format(application.confirmedAt()));
    }

    private static void describe(PDDocument document, PrintedApplication application) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(TITLE + " № " + application.applicationNumber());
        info.setProducer("ekabinet");
        info.setCreator("ekabinet");
        document.getDocumentCatalog().setLanguage("az");
    }

    private static String previousNames(PrintedApplication.PreviousNames names) {
        if (names == null || (names.surname() == null && names.name() == null && names.patronymic() == null)) {
            return null;
        }
        return Arrays.stream(new String[] {names.surname(), names.name(), names.patronymic()})
                .map(part -> part == null ? MISSING : part)
                .collect(Collectors.joining(" / "));
    }

    /** The non-null parts joined, or null when there are none. */
    private static String joined(String separator, String... parts) {
        String joined = Arrays.stream(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }

    private static String date(LocalDate date) {
        return date == null ? null : DATE.format(date);
    }

    private static String text(Integer number) {
        return number == null ? null : number.toString();
    }

    private static PDType0Font font(PDDocument document, byte[] ttf) throws IOException {
        // Subset embedding; the parsed font is closed with the document.
        return PDType0Font.load(document, new RandomAccessReadBuffer(ttf), true, false);
    }

    private static byte[] classpathBytes(String resource) {
        try (InputStream in = ApplicationPdf.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read font " + resource, e);
        }
    }

    /**
     * Writes top to bottom across as many A4 pages as the content needs: bold headings, label/value rows whose text
     * wraps to its column, a new page whenever the next line would cross the bottom margin. One per render.
     */
    private static final class PageLayout {

        private static final PDRectangle PAGE = PDRectangle.A4;
        private static final float MARGIN = 50;
        private static final float CONTENT_WIDTH = PAGE.getWidth() - 2 * MARGIN;
        private static final float LABEL_WIDTH = 165;
        private static final float VALUE_X = MARGIN + LABEL_WIDTH + 10;
        private static final float VALUE_WIDTH = PAGE.getWidth() - MARGIN - VALUE_X;
        private static final float TEXT_SIZE = 10;
        private static final float LEADING = 14;
        private static final float HEADING_SIZE = 12;
        private static final float TITLE_SIZE = 15;
        private static final float FOOTER_SIZE = 8;

        private final PDDocument document;
        private final PDType0Font regular;
        private final PDType0Font bold;
        private PDPageContentStream content;
        private float top;

        PageLayout(PDDocument document, PDType0Font regular, PDType0Font bold) throws IOException {
            this.document = document;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        void title(String title) throws IOException {
            for (String line : wrap(bold, TITLE_SIZE, title, CONTENT_WIDTH)) {
                ensureRoom(TITLE_SIZE * 1.4f);
                show(bold, TITLE_SIZE, MARGIN, line);
                top -= TITLE_SIZE * 1.4f;
            }
            top -= LEADING / 2;
        }

        /** A section heading, kept on one page with the first line that follows it. */
        void heading(String heading) throws IOException {
            float height = LEADING / 2 + HEADING_SIZE * 1.5f;
            ensureRoom(height + LEADING);
            top -= LEADING / 2;
            show(bold, HEADING_SIZE, MARGIN, heading);
            top -= HEADING_SIZE * 1.5f;
        }

        /** A label and its value (a dash when absent), kept on one page unless the row is taller than a page. */
        void row(String label, String value) throws IOException {
            List<String> labelLines = wrap(regular, TEXT_SIZE, label, LABEL_WIDTH);
            List<String> valueLines = wrap(regular, TEXT_SIZE, value == null ? MISSING : value, VALUE_WIDTH);
            int lines = Math.max(labelLines.size(), valueLines.size());
            if (lines * LEADING <= PAGE.getHeight() - 2 * MARGIN) {
                ensureRoom(lines * LEADING);
            }
            for (int i = 0; i < lines; i++) {
                ensureRoom(LEADING);
                if (i < labelLines.size()) {
                    show(regular, TEXT_SIZE, MARGIN, labelLines.get(i));
                }
                if (i < valueLines.size()) {
                    show(regular, TEXT_SIZE, VALUE_X, valueLines.get(i));
                }
                top -= LEADING;
            }
        }

        /** Closes the last page and numbers every page in its footer, now that their count is known. */
        void finish(String footer) throws IOException {
            content.close();
            int pages = document.getNumberOfPages();
            for (int i = 0; i < pages; i++) {
                try (PDPageContentStream stream = new PDPageContentStream(document, document.getPage(i),
                        PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String text = printable(regular, footer + " · səhifə " + (i + 1) + " / " + pages);
                    stream.beginText();
                    stream.setFont(regular, FOOTER_SIZE);
                    stream.newLineAtOffset(MARGIN, MARGIN / 2);
                    stream.showText(text);
                    stream.endText();
                }
            }
        }

        private void ensureRoom(float height) throws IOException {
            if (top - height < MARGIN) {
                newPage();
            }
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PAGE);
            document.addPage(page);
            content = new PDPageContentStream(document, page);
            top = PAGE.getHeight() - MARGIN;
        }

        /** Shows one already wrapped line with its baseline one font size below the current top. */
        private void show(PDType0Font font, float size, float x, String line) throws IOException {
            if (line.isEmpty()) {
                return;
            }
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(x, top - size);
            content.showText(line);
            content.endText();
        }

        /** The text cut into lines no wider than width: at spaces, and inside a word only if it alone is wider. */
        private static List<String> wrap(PDType0Font font, float size, String text, float width) throws IOException {
            List<String> lines = new ArrayList<>();
            String line = "";
            for (String word : printable(font, text).split(" ")) {
                if (word.isEmpty()) {
                    continue;
                }
                String longer = line.isEmpty() ? word : line + " " + word;
                if (width(font, size, longer) <= width) {
                    line = longer;
                    continue;
                }
                if (!line.isEmpty()) {
                    lines.add(line);
                }
                while (width(font, size, word) > width) {
                    int cut = fittingPrefix(font, size, word, width);
                    lines.add(word.substring(0, cut));
                    word = word.substring(cut);
                }
                line = word;
            }
            if (!line.isEmpty() || lines.isEmpty()) {
                lines.add(line);
            }
            return lines;
        }

        /** Length of the longest prefix that fits, at least one character so that wrapping always advances. */
        private static int fittingPrefix(PDType0Font font, float size, String word, float width) throws IOException {
            int end = word.offsetByCodePoints(0, 1);
            while (end < word.length()) {
                int next = word.offsetByCodePoints(end, 1);
                if (width(font, size, word.substring(0, next)) > width) {
                    break;
                }
                end = next;
            }
            return end;
        }

        private static float width(PDType0Font font, float size, String text) throws IOException {
            return font.getStringWidth(text) / 1000 * size;
        }

        /**
         * The text as the font can show it: composed (NFC, so "ə" typed as two code points is one glyph), white
         * space and control characters as plain spaces, and a "?" for anything DejaVu Sans has no glyph for.
         */
        private static String printable(PDType0Font font, String text) {
            String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
            StringBuilder printable = new StringBuilder(composed.length());
            composed.codePoints().forEach(codePoint -> {
                if (Character.isWhitespace(codePoint) || Character.isISOControl(codePoint)
                        || Character.isSpaceChar(codePoint)) {
                    printable.append(' ');
                } else if (hasGlyph(font, codePoint)) {
                    printable.appendCodePoint(codePoint);
                } else {
                    printable.append('?');
                }
            });
            return printable.toString();
        }

        private static boolean hasGlyph(PDType0Font font, int codePoint) {
            try {
                font.encode(new String(Character.toChars(codePoint)));
                return true;
            } catch (IllegalArgumentException | IOException noGlyph) {
                return false;
            }
        }
    }
}

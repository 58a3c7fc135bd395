package az.ekabinet.query.exam.pdf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The layout every printed document shares. Writes top to bottom across as many A4 pages as the content needs: a
 * bold title, bold headings, label/value rows whose text wraps to its column, a new page whenever the next line would
 * cross the bottom margin, and a footer with page numbers. One per render.
 */
final class PdfPageLayout {

    /** What an absent value prints as. */
    static final String MISSING = "—";

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

    private PdfPageLayout(PDDocument document, PDType0Font regular, PDType0Font bold) throws IOException {
        this.document = document;
        this.regular = regular;
        this.bold = bold;
        newPage();
    }

    /** What a document writes on its pages, top to bottom. */
    @FunctionalInterface
    interface Content {
        void writeOn(PdfPageLayout layout) throws IOException;
    }

    /**
     * The PDF bytes of a new document in these fonts: its content, each page's footer (the footer text, then the page
     * number and count), and the title a viewer shows for it. A render reads no files, it parses the fonts' bytes
     * and lays out text, which is pure CPU work: callers on the Netty event loop must move it to a bounded scheduler,
     * e.g. {@code Mono.fromCallable(() -> pdf.render(document)).subscribeOn(boundedScheduler)}. Each render builds its
     * own document, so renders may run in parallel.
     */
    static byte[] render(PdfFonts fonts, String documentTitle, String footer, Content content) {
        try (PDDocument document = new PDDocument()) {
            PdfPageLayout layout = new PdfPageLayout(document, fonts.regular(document), fonts.bold(document));
            content.writeOn(layout);
            layout.finish(footer);
            describe(document, documentTitle);
            ByteArrayOutputStream pdf = new ByteArrayOutputStream(64 * 1024);
            document.save(pdf);
            return pdf.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not print " + documentTitle, e);
        }
    }

    private static void describe(PDDocument document, String documentTitle) {
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle(documentTitle);
        info.setProducer("ekabinet");
        info.setCreator("ekabinet");
        document.getDocumentCatalog().setLanguage("az");
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
    private void finish(String footer) throws IOException {
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

package az.ekabinet.query.exam.pdf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * DejaVu Sans, regular and bold, for the printed documents. The standard PDF fonts have no ə, ğ or ı, so this font,
 * shipped in the jar, is embedded as a subset into every document: the letters then look right in any viewer and
 * come back intact when the text is copied or extracted.
 *
 * <p>The font files are read from the classpath once, when this is made; a document then only parses those bytes
 * into fonts of its own (PDFBox binds a font to one document), which reads no files. Thread-safe: it holds only the
 * bytes, never handed out.
 */
final class PdfFonts {

    private final byte[] regular;
    private final byte[] bold;

    PdfFonts() {
        this.regular = classpathBytes("/fonts/DejaVuSans.ttf");
        this.bold = classpathBytes("/fonts/DejaVuSans-Bold.ttf");
    }

    PDType0Font regular(PDDocument document) throws IOException {
        return font(document, regular);
    }

    PDType0Font bold(PDDocument document) throws IOException {
        return font(document, bold);
    }

    private static PDType0Font font(PDDocument document, byte[] ttf) throws IOException {
        // Subset embedding; the parsed font is closed with the document.
        return PDType0Font.load(document, new RandomAccessReadBuffer(ttf), true, false);
    }

    private static byte[] classpathBytes(String resource) {
        try (InputStream in = PdfFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("font " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read font " + resource, e);
        }
    }
}

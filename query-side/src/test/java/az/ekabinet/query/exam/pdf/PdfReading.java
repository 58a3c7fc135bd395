package az.ekabinet.query.exam.pdf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads printed documents back with PDFBox, the way a viewer or a copy-paste would see them. */
final class PdfReading {

    private PdfReading() {
    }

    /** The whole document's text, squeezed. */
    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return squeezed(new PDFTextStripper().getText(document));
        }
    }

    /** NFC, and every run of white space (line ends of wrapped values included) as one space. */
    static String squeezed(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("\\s+", " ");
    }

    /** The names of the fonts a page uses, each checked to be embedded. */
    static Set<String> embeddedFonts(PDPage page) throws IOException {
        PDResources resources = page.getResources();
        Set<String> fonts = new HashSet<>();
        for (COSName name : resources.getFontNames()) {
            PDFont font = resources.getFont(name);
            assertThat(font.isEmbedded()).as(font.getName()).isTrue();
            fonts.add(untagged(font));
        }
        return fonts;
    }

    /** A font's name without the tag of its subset ("ABCDEF+DejaVuSans" is "DejaVuSans"). */
    static String untagged(PDFont font) {
        return font.getName().substring(font.getName().indexOf('+') + 1);
    }

    /**
     * Renders eight documents on four threads at once, each made by {@code document(i)}, and checks each one's text
     * holds what {@code expected(i)} says: renders that shared state would mix documents.
     */
    static void rendersInParallel(IntFunction<Callable<byte[]>> document, IntFunction<String[]> expected)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> renders = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                renders.add(pool.submit(document.apply(i)));
            }
            for (int i = 0; i < 8; i++) {
                assertThat(text(renders.get(i).get())).contains(expected.apply(i));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}

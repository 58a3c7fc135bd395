package az.ekabinet.query.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /ops: the operators' dashboard, a page and its script and style, shipped in this jar (no separate build, no
 * outside CDN: it works offline) and read into memory at start-up, so serving them never touches a file on a Netty
 * thread. The page is public and useless without an operator's login: it asks for one, then reads
 * {@code /api/ops/stream} with the Bearer token. Its policy allows scripts, styles and connections to this origin only.
 */
@RestController
public class OpsDashboardPage {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final byte[] page = read("index.html");
    private final byte[] script = read("dashboard.js");
    private final byte[] style = read("dashboard.css");

    @GetMapping(path = {"/ops", "/ops/"})
    public ResponseEntity<byte[]> page() {
        return serve(page, "html");
    }

    @GetMapping("/ops/dashboard.js")
    public ResponseEntity<byte[]> script() {
        return serve(script, "javascript");
    }

    @GetMapping("/ops/dashboard.css")
    public ResponseEntity<byte[]> style() {
        return serve(style, "css");
    }

    private static ResponseEntity<byte[]> serve(byte[] body, String textSubtype) {
        return ResponseEntity.ok()
                .contentType(new MediaType("text", textSubtype, StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", POLICY)
                .body(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = OpsDashboardPage.class.getResourceAsStream("/ops/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing dashboard resource /ops/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

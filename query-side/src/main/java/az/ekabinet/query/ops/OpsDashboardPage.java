package az.ekabinet.query.ops;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "ops")
public class OpsDashboardPage {

    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    private final byte[] page = read("index.html");
    private final byte[] script = read("dashboard.js");
    private final byte[] style = read("dashboard.css");

    @Operation(operationId = "opsDashboard", summary = "The operators' dashboard: one page over the ops stream",
            description = "Public, and useless without an operator's login, which it asks for.")
    @ApiResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = "text/html", schema = @Schema(type = "string")))
    @GetMapping("/ops")
    public ResponseEntity<byte[]> page() {
        return serve(page, "html");
    }

    /** The same page under its folder's address, as browsers may ask for it. */
    @Hidden
    @GetMapping("/ops/")
    public ResponseEntity<byte[]> pageInItsFolder() {
        return page();
    }

    @Operation(operationId = "opsDashboardScript", summary = "The dashboard's script",
            description = "Served with the page's content security policy.")
    @ApiResponse(responseCode = "200", description = "The script",
            content = @Content(mediaType = "text/javascript", schema = @Schema(type = "string")))
    @GetMapping("/ops/dashboard.js")
    public ResponseEntity<byte[]> script() {
        return serve(script, "javascript");
    }

    @Operation(operationId = "opsDashboardStyle", summary = "The dashboard's style sheet",
            description = "Served with the page's content security policy.")
    @ApiResponse(responseCode = "200", description = "The style sheet",
            content = @Content(mediaType = "text/css", schema = @Schema(type = "string")))
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

package az.ekabinet.query.exam.result;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.Refuses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * GET /api/applications/{number}/result: the owner's published result, with a strong ETag, so the repeats of a
 * results-day rush are answered 304 without a body.
 */
@RestController
@Tag(name = "exam")
public class MyResultEndpoint {

    private final ResultViews results;

    public MyResultEndpoint(ResultViews results) {
        this.results = results;
    }

    @Operation(operationId = "getMyResult", summary = "My exam result",
            description = "Subjects with score and maximum, total, pass threshold, passed or not, exam date and "
                    + "centre. Before the session's publication instant: 404 RESULT_NOT_PUBLISHED, never a hint of "
                    + "the result. A strong ETag; a request with it in If-None-Match is answered 304 while the result "
                    + "is unchanged.",
            parameters = @Parameter(in = ParameterIn.HEADER, name = "If-None-Match", required = false,
                    schema = @Schema(type = "string"),
                    description = "The ETag of the result already held"))
    @ApiResponse(responseCode = "200", description = "The result",
            headers = @Header(name = "ETag", description = "Strong; changes with each correction",
                    schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "304", description = "Unchanged since the ETag given in If-None-Match",
            content = @Content)
    @Refuses({ErrorCode.APPLICATION_NOT_FOUND, ErrorCode.RESULT_NOT_PUBLISHED})
    @GetMapping(path = "/api/applications/{number}/result", produces = MediaType.APPLICATION_JSON_VALUE)
    public Mono<ResponseEntity<ResultView>> result(@PathVariable String number, Principal citizen,
                                                   ServerWebExchange exchange) {
        return results.read(number, citizen.getName()).map(read -> {
            String tag = read.entityTag();
            // Spring compares If-None-Match as RFC 9110 asks (weak comparison, lists, "*"); a repeat is answered
            // before any view is built
            boolean unchanged = exchange.checkNotModified(tag);
            var answer = (unchanged ? ResponseEntity.status(HttpStatus.NOT_MODIFIED) : ResponseEntity.ok())
                    .eTag(tag).cacheControl(CacheControl.noCache().cachePrivate());
            return unchanged ? answer.<ResultView>build() : answer.body(results.view(read));
        });
    }
}

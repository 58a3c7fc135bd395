package az.ekabinet.config.web;

import az.ekabinet.domain.shared.ErrorCode;
import az.ekabinet.domain.shared.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes an RFC 9457 {@code application/problem+json} answer: {@code type}, {@code title}, {@code status},
 * localized {@code detail}, {@code instance}, the stable {@code code}, per-field {@code errors} and any
 * properties of the failure. The one place that shapes an error on the wire, for handlers and filters alike.
 */
@Component
public class ProblemWriter {

    private final ProblemCatalog catalog;
    private final ObjectMapper json;

    public ProblemWriter(ProblemCatalog catalog, ObjectMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    public record Problem(ErrorCode code, Map<String, Object> properties, List<FieldError> fieldErrors,
                          HttpHeaders headers) {

        public static Problem of(ErrorCode code) {
            return new Problem(code, Map.of(), List.of(), HttpHeaders.EMPTY);
        }
    }

    public Mono<Void> write(ServerWebExchange exchange, Problem problem) {
        var response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Locale locale = ProblemCatalog.locale(exchange.getRequest());
        HttpStatus status = ProblemCatalog.status(problem.code());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:ekabinet:problem:" + problem.code().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", status.getReasonPhrase());
        body.put("status", status.value());
        body.put("detail", catalog.detail(problem.code(), problem.properties().values().toArray(), locale));
        body.put("instance", exchange.getRequest().getPath().value());
        body.put("code", problem.code().name());
        problem.properties().forEach(body::putIfAbsent);
        if (!problem.fieldErrors().isEmpty()) {
            body.put("errors", problem.fieldErrors().stream()
                    .map(e -> Map.of("field", e.field(), "code", e.rule(), "message", catalog.rule(e.rule(), locale)))
                    .toList());
        }
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(status);
        response.getHeaders().putAll(problem.headers());
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().set(HttpHeaders.CONTENT_LANGUAGE, locale.getLanguage());
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}

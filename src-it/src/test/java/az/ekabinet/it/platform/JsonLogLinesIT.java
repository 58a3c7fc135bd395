package az.ekabinet.it.platform;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.ServiceProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * JSON log lines on request (docs/operations.md, "Logs"): the runnable jar started as an operator starts it, with
 * {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, writes one JSON object per line, and a request's lines carry its id
 * as the field {@code requestId}.
 */
class JsonLogLinesIT {

    /** A line in the plain format ("2026-…Z  INFO 4711 --- …"): none may be left. */
    static final Pattern PLAIN_LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) ");

    @Test
    void everyLineIsAJsonObjectAndARequestsLinesCarryItsId() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.withFreshDatabase("json_logs")
                .withEnvironment("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs")) {
            service.start("json-log-lines", "--logging.level.az.ekabinet.config.web.RequestIds=DEBUG");
            service.http().post().uri("/api/auth/login").header("X-Request-Id", "json-1")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"username\":\"operator\",\"password\":\"not the password\"}")
                    .exchange().expectStatus().isUnauthorized()
                    .expectHeader().valueEquals("X-Request-Id", "json-1");
            service.stop();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(service.log())) {
                assertThat(line).as("a line in the plain format").doesNotMatch(PLAIN_LINE.pattern() + ".*");
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
        }
        assertThat(lines).as("JSON lines: start-up, the request, the shutdown").hasSizeGreaterThan(10);
        assertThat(lines).anyMatch(line -> "json-1".equals(line.path("requestId").asText(null))
                && line.path("message").asText().contains("POST /api/auth/login answered 401"));
        assertThat(lines).noneMatch(line -> line.path("message").asText().contains("json-1")); // a field, not text
    }
}

package az.ekabinet.it.api;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The OpenAPI document as API clients take it ({@code /v3/api-docs}): the copy committed beside these tests, from which
 * the build generates the client that {@code GeneratedClientIT} drives, is exactly what the service serves; every
 * operation can be told apart and called as a generated client calls it; and the document passes Stoplight Spectral's
 * recommended OpenAPI rules. Every answer of every integration test is held to it ({@code DocumentedAnswers}).
 *
 * <p>After a change of the API: {@code ./mvnw -B verify -pl src-it -Dtest=ApiDocumentIT -Dapi.document.update=true}
 * writes the served document over the committed copy; review the difference and commit it.
 */
@IntegrationTest
class ApiDocumentIT {

    static final Path COMMITTED = Path.of("src", "test", "resources", "api", "ekabinet-openapi.json");
    static final Path RULESET = Path.of("src", "test", "resources", "api", "spectral.yaml");
    static final String SPECTRAL = "@stoplight/spectral-cli@6.16.3";

    @Autowired
    WebTestClient http;

    String served;
    JsonNode document;

    @BeforeEach
    void read() throws IOException {
        ObjectMapper json = new ObjectMapper();
        String body = http.mutate().codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 << 20)).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
        // keys in order, so that the committed copy changes only where the document does
        served = json.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writeValueAsString(json.readValue(body, Map.class)) + "\n";
        document = json.readTree(body);
    }

    @Test
    void theCommittedDocumentIsTheOneTheServiceServes() throws IOException {
        if (Boolean.getBoolean("api.document.update")) {
            Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("the committed " + COMMITTED + " (run with -Dapi.document.update=true, review and commit)")
                .isEqualTo(served);
    }

    @Test
    void everyOperationIsNamedTaggedDescribedAndSaysWhoMayCallIt() {
        Set<String> ids = new HashSet<>();
        List<String> faults = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
            JsonNode operation = entry.getValue();
            String name = entry.getKey().toUpperCase() + " " + path.getKey();
            String id = operation.path("operationId").asText("");
            if (!id.matches("[a-z][A-Za-z]+") || !ids.add(id)) {
                faults.add(name + ": operation id '" + id + "' is not a unique camelCase name");
            }
            if (operation.path("tags").size() != 1 || operation.path("summary").asText("").isBlank()) {
                faults.add(name + ": not one tag and a summary");
            }
            if (path.getKey().startsWith("/api/") && !operation.has("security")) {
                faults.add(name + ": no security requirement (an empty one for public operations)");
            }
            boolean succeeds = false;
            for (var status = operation.path("responses").fieldNames(); status.hasNext(); ) {
                succeeds |= status.next().startsWith("2");
            }
            if (!succeeds) {
                faults.add(name + ": no success answer");
            }
        }));
        assertThat(faults).isEmpty();
        assertThat(document.at("/info/contact/url").asText()).isNotBlank();
        assertThat(document.at("/info/license/name").asText()).isNotBlank();
    }

    /** Stoplight Spectral (npm, run with npx: Node.js and the npm registry are on the project's machines). */
    @Test
    void theDocumentPassesSpectralsRecommendedRules() throws Exception {
        Path file = Files.createTempFile("ekabinet-openapi", ".json");
        Files.writeString(file, served, StandardCharsets.UTF_8);
        Process lint = new ProcessBuilder("npx", "--yes", SPECTRAL, "lint", file.toString(),
                "--ruleset", RULESET.toAbsolutePath().toString(), "--fail-severity", "error", "--format", "text")
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(5, TimeUnit.MINUTES)).as("Spectral finished").isTrue();
        assertThat(lint.exitValue()).as("Spectral's findings of severity error:\n" + output).isZero();
    }
}

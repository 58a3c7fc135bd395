package az.ekabinet.it.support;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** An administrator's replays of read models over HTTP ({@code /api/admin/projections/{name}/replay}). */
public class AdminClient {

    private final WebTestClient http;
    private final String token;

    public AdminClient(WebTestClient http, String token) {
        this.http = http;
        this.token = token;
    }

    /** Logged in as the demo administrator. */
    public static AdminClient demo(WebTestClient http) {
        return new AdminClient(http, new CitizenClient(http).token("admin", "demo-admin-2026"));
    }

    public String token() {
        return token;
    }

    /** Starts the replay (202): its first status. */
    public JsonNode startReplay(String projection) {
        return http.post().uri("/api/admin/projections/{name}/replay", projection).headers(h -> h.setBearerAuth(token))
                .exchange().expectStatus().isAccepted().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The replay's final status, once it no longer runs: asked every 100 ms, for at most {@code bound}. */
    public JsonNode awaitReplay(String projection, Duration bound) {
        return await("the replay of " + projection).atMost(bound).pollInterval(Duration.ofMillis(100))
                .until(() -> http.get().uri("/api/admin/projections/{name}/replay", projection)
                                .headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                                .expectBody(JsonNode.class).returnResult().getResponseBody(),
                        status -> !"RUNNING".equals(status.path("state").asText()));
    }

    /** Starts the replay and waits for its final status. */
    public JsonNode replay(String projection, Duration bound) {
        startReplay(projection);
        return awaitReplay(projection, bound);
    }
}

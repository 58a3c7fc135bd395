package az.ekabinet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import az.ekabinet.it.support.CitizenClient.SignedUp;
import az.ekabinet.it.support.Cluster;
import az.ekabinet.it.support.ProviderClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the cluster tests share: two nodes of the real jar on one database behind HAProxy, started once for all of
 * them ({@link SharedCluster}), and the calls they make through either node.
 */
@ExtendWith(SharedCluster.class)
abstract class ClusterTests {

    static final String PASSWORD = "a cluster test password";
    static final ParameterizedTypeReference<ServerSentEvent<JsonNode>> EVENTS = new ParameterizedTypeReference<>() { };

    static Cluster cluster;
    static WebTestClient nodeA;
    static WebTestClient nodeB;

    static ProviderClient bank(WebTestClient http) {
        return ProviderClient.demoBank(http, Clock.systemUTC());
    }

    static WebTestClient.ResponseSpec transfer(WebTestClient http, SignedUp from, SignedUp to, String amount) {
        return http.post().uri("/api/me/wallet/transfers").headers(h -> h.setBearerAuth(from.token()))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"recipientCabinetNumber\":\"%s\",\"amount\":\"%s\",\"password\":\"%s\"}"
                        .formatted(to.cabinetNumber(), amount, from.password()))
                .exchange();
    }

    static WebTestClient.ResponseSpec confirmTransfer(WebTestClient http, SignedUp from, String transferId) {
        return http.post().uri("/api/me/wallet/transfers/{id}/confirmation", transferId)
                .headers(h -> h.setBearerAuth(from.token())).exchange();
    }

    static JsonNode get(WebTestClient http, String token, String path) {
        return http.get().uri(path).headers(h -> h.setBearerAuth(token)).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** A revoked token, refused by both nodes (the one that did not revoke it hears of it within milliseconds). */
    static void awaitRefusedOnEveryNode(String token) {
        for (WebTestClient node : new WebTestClient[] {nodeA, nodeB}) {
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).until(() -> node.get()
                    .uri("/api/me/wallet").headers(h -> h.setBearerAuth(token)).exchange()
                    .returnResult(String.class).getStatus().value() == 401);
        }
    }

    record Answer(int status, JsonNode body) {
    }

    static Mono<Answer> send(WebClient.RequestBodySpec request, SignedUp caller, String json) {
        request.headers(h -> h.setBearerAuth(caller.token()));
        WebClient.RequestHeadersSpec<?> spec = json == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json);
        return spec.exchangeToMono(response -> response.bodyToMono(JsonNode.class)
                .map(body -> new Answer(response.statusCode().value(), body))
                .defaultIfEmpty(new Answer(response.statusCode().value(), null)));
    }

    static String money(long qepik) {
        return "%d.%02d".formatted(qepik / 100, qepik % 100);
    }

    /** The provider payments' read model has every payment and every credit of a code the event store has. */
    static void awaitPaymentsCaughtUp() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.jdbc().queryForList("""
                SELECT (SELECT count(*) FROM readmodel.provider_payment) AS received,
                       (SELECT count(*) FROM readmodel.provider_payment WHERE credited_at IS NOT NULL) AS credited""")
                .get(0).values())
                .containsExactly(storedEvents("PaymentReceived"), storedEvents("PaymentCodeRedeemed")));
    }

    static long storedEvents(String type) {
        return cluster.jdbc().queryForObject("SELECT count(*) FROM domainevententry WHERE payloadtype = ?", Long.class,
                "az.ekabinet.domain.payment." + type);
    }

    /** The node (0 or 1) holding none of the segments of {@code processor}: its processor claimed them all first. */
    static int nodeNotHolding(String processor) {
        List<String> owners = cluster.jdbc().queryForList(
                "SELECT DISTINCT owner FROM tokenentry WHERE processorname = ? AND owner IS NOT NULL", String.class,
                processor);
        assertThat(owners).as("one node holds the segments of " + processor).hasSize(1);
        return owners.get(0).startsWith(cluster.node(0).pid() + "@") ? 1 : 0;
    }
}

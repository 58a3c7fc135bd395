package az.ekabinet.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import az.ekabinet.it.support.CitizenClient;
import az.ekabinet.it.support.CitizenClient.SignedUp;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;

/**
 * HAProxy's slots for password hashing (config/cluster/haproxy.cfg, backend {@code passwords}): each node hashes two
 * passwords at once and is sent no more; a flood of logins is served as far as the slots go and refused by HAProxy
 * itself, in the nodes' problem form, without reaching a node, and counted by HAProxy's Prometheus exporter, since no
 * node counts it.
 */
class BalancerPasswordSlotsIT extends ClusterTests {

    /** A node's slots for hashing, one per hashing thread. */
    private static final int SLOTS = 2;

    record Login(int status, String retryAfter, JsonNode body) {
    }

    @Test
    void aFloodOfLoginsIsServedAsFarAsTheSlotsGoAndTheRestRefusedByTheBalancer() {
        SignedUp me = new CitizenClient(cluster.http()).signUp(PASSWORD);

        long refusedBefore = balancerRefusals();

        List<Login> logins = loginsAtOnce(me, 40);

        assertThat(logins).extracting(Login::status).containsOnly(200, 503);
        assertThat(logins.stream().filter(l -> l.status() == 200).count()).as("served: at least every slot's")
                .isGreaterThanOrEqualTo(SLOTS * cluster.size());
        List<Login> refused = logins.stream().filter(l -> l.status() == 503).toList();
        assertThat(refused).as("40 logins at once are more than the slots take").isNotEmpty()
                .allSatisfy(login -> {
                    assertThat(login.body().path("code").asText()).isEqualTo("SERVICE_BUSY");
                    assertThat(login.retryAfter()).isEqualTo("1");
                    assertThat(login.body().has("instance")).as("HAProxy's own answer: it reached no node").isFalse();
                });
        assertThat(balancerRefusals() - refusedBefore).as("HAProxy's refusals, as its Prometheus exporter counts them")
                .isEqualTo(refused.size());
    }

    /** The 5xx answers of the {@code passwords} backend, from HAProxy's exporter: its refusals, as no node made one. */
    private static long balancerRefusals() {
        String counter = "haproxy_backend_http_responses_total{proxy=\"passwords\",code=\"5xx\"} ";
        return cluster.balancerMetrics().lines().filter(line -> line.startsWith(counter))
                .mapToLong(line -> Long.parseLong(line.substring(counter.length()).strip())).findFirst()
                .orElseThrow(() -> new AssertionError("HAProxy's exporter has no " + counter));
    }

    private static List<Login> loginsAtOnce(SignedUp who, int count) {
        WebClient balancer = WebClient.create(cluster.baseUrl());
        String body = "{\"username\":\"%s\",\"password\":\"%s\"}".formatted(who.cabinetNumber(), who.password());
        return Flux.range(0, count)
                .flatMap(i -> balancer.post().uri("/api/auth/login").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body)
                        .exchangeToMono(answer -> answer.bodyToMono(JsonNode.class)
                                .map(json -> new Login(answer.statusCode().value(),
                                        answer.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER), json))
                                .defaultIfEmpty(new Login(answer.statusCode().value(), null, null))), count)
                .collectList()
                .block();
    }
}
